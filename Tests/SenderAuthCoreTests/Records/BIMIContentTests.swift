import DNSLookup
import Foundation
import Testing

@testable import SenderAuthCore

/// The SVG Tiny PS check and the mark-certificate reader.
@Suite struct BIMIContentTests {
  static let good = """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" \
    viewBox="0 0 100 100"><title>Brand</title><desc>d</desc>\
    <linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient>\
    <rect width="100" height="100" fill="url(#g)"/><use xlink:href="#g" \
    xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>
    """

  @Test func aTinyPSLogoPasses() {
    let check = SVGTinyPSCheck(Array(Self.good.utf8))
    #expect(check.problems.isEmpty, "\(check.problems.map(\.en))")
    #expect(check.title == "Brand")
  }

  @Test(arguments: [
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" viewBox=\"0 0 1 1\">"
        + "<title>t</title></svg>", "baseProfile is missing"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 1 1\"><title>t</title></svg>", "version is '1.1'"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 1 1\"><g/></svg>", "no <title>"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" x=\"0\" "
        + "viewBox=\"0 0 1 1\"><title>t</title></svg>", "'x=' attribute"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 1 1\"><title>t</title><script>x()</script></svg>", "<script>"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 1 1\"><title>t</title><rect onclick=\"x()\"/></svg>", "event handler"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:l=\"http://www.w3.org/1999/xlink\" "
        + "version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 1 1\"><title>t</title>"
        + "<use l:href=\"https://x.example/a.svg#b\"/></svg>", "external reference"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 1 1\"><title>t</title><style>@import url(https://x/y.css);</style></svg>",
      "external resource"
    ),
    (
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" "
        + "viewBox=\"0 0 200 100\"><title>t</title></svg>", "not square"
    ),
    (
      "<svg version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 1 1\"><title>t</title></svg>",
      "not in the SVG namespace"
    ),
    ("<html><body/></html>", "not <svg>"),
    ("<svg", "not well-formed XML"),
    ("\u{1f}\u{8b}binary", "not well-formed XML"),
  ])
  func namesEachProblem(svg: String, problem: String) {
    let check = SVGTinyPSCheck(Array(svg.utf8))
    #expect(check.problems.contains { $0.en.contains(problem) }, "\(check.problems.map(\.en))")
  }

  @Test func aLogoOver32KilobytesIsTooLarge() {
    let padding = String(repeating: "<g/>", count: 9000)
    let svg = Self.good.replacingOccurrences(of: "<desc>d</desc>", with: padding)
    let check = SVGTinyPSCheck(Array(svg.utf8))
    #expect(check.problems.contains { $0.en.contains("at most 32768") })
  }

  /// Made with `openssl req -x509 … -addext subjectAltName=DNS:example.com -addext
  /// extendedKeyUsage=1.3.6.1.5.5.7.3.31 -addext 1.3.6.1.5.5.7.1.12=DER:3000`, not after
  /// 2126-11-11 13:22:54 UTC.
  static let mark = """
    -----BEGIN CERTIFICATE-----
    MIIBxTCCAWqgAwIBAgIUYovslUBkenWXjiT5XxzacIYAgLowCgYIKoZIzj0EAwIw
    FzEVMBMGA1UEAwwMRXhhbXBsZSBNYXJrMCAXDTI2MTIwNTEzMjI1NFoYDzIxMjYx
    MTExMTMyMjU0WjAXMRUwEwYDVQQDDAxFeGFtcGxlIE1hcmswWTATBgcqhkjOPQIB
    BggqhkjOPQMBBwNCAAQ3nhKyZYiDpl/Bd8nPSJGg8nuOsL9jrmtMLvcOUkPGN4Zx
    CH3JU2DHhIUaC1xnjUO3t/qq7ClOe0/VQOLkmQ2yo4GRMIGOMB0GA1UdDgQWBBRI
    Xsqeyz2ilD8eGP0sN3jUHwwlWjAfBgNVHSMEGDAWgBRIXsqeyz2ilD8eGP0sN3jU
    HwwlWjAPBgNVHRMBAf8EBTADAQH/MBYGA1UdEQQPMA2CC2V4YW1wbGUuY29tMBMG
    A1UdJQQMMAoGCCsGAQUFBwMfMA4GCCsGAQUFBwEMBAIwADAKBggqhkjOPQQDAgNJ
    ADBGAiEAigpAArZuBiVGa4eVPZWK7EKnlIF36hIExTX3cZAcOvgCIQDc3ETdY7zQ
    Cqa43UZxPUfqOoS9MQQ5oOdNphSeieCB7w==
    -----END CERTIFICATE-----
    """

  @Test func readsAMarkCertificate() throws {
    let chain = try MarkCertificate.chain(pem: Self.mark)
    let leaf = try #require(chain.first)
    #expect(leaf.names == ["example.com"])
    #expect(leaf.covers("example.com") && !leaf.covers("www.example.com"))
    #expect(leaf.extendedKeyUsages == [MarkCertificate.bimiKeyUsage])
    #expect(leaf.hasLogotype)
    var components = DateComponents()
    (components.year, components.month, components.day) = (2126, 11, 11)
    (components.hour, components.minute, components.second) = (13, 22, 54)
    components.timeZone = TimeZone(identifier: "UTC")
    let expected = try #require(Calendar(identifier: .gregorian).date(from: components))
    #expect(leaf.notAfter == expected.timeIntervalSince1970)
    #expect(leaf.notBefore < leaf.notAfter)
  }

  @Test(arguments: [
    ("<html>no</html>", "no PEM certificate"),
    ("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----", "not valid Base64"),
    ("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----", "not a readable X.509"),
  ])
  func refusesWhatIsNoCertificate(text: String, reason: String) {
    #expect {
      try MarkCertificate.chain(pem: text)
    } throws: { error in
      (error as? MarkCertificate.ReadError)?.reason.en.contains(reason) ?? false
    }
  }
}

extension BIMIContentTests {
  /// Entity expansion ("billion laughs") and external entities do not run away or fetch:
  /// libxml2's limits stop the first, XMLParser resolves no external entity.
  @Test func entityTricksAreBoundedAndReported() {
    var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"ha\">\n"
    var previous = "a"
    for index in 0..<12 {
      let name = "e\(index)"
      laughs += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
      previous = name
    }
    laughs +=
      "]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
      + "baseProfile=\"tiny-ps\" viewBox=\"0 0 1 1\"><title>&\(previous);</title></svg>"
    let start = ContinuousClock.now
    let check = SVGTinyPSCheck(Array(laughs.utf8))
    #expect(ContinuousClock.now - start < .seconds(5))
    #expect(!check.problems.isEmpty)
    let external = """
      <?xml version="1.0"?>
      <!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" \
      viewBox="0 0 1 1"><title>&x;</title></svg>
      """
    let checked = SVGTinyPSCheck(Array(external.utf8))
    #expect(checked.problems.contains { $0.en.contains("external entity 'x'") })
    #expect(checked.title?.contains("root:") != true)
  }
}
