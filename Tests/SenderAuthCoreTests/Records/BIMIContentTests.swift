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

  /// A mark certificate openssl makes (BIMI key usage, logotype extension, two names) and
  /// what openssl itself reads from it: subjectAltName and notAfter.
  static func makeMark() throws -> (pem: String, names: String, notAfter: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let pem = directory.appendingPathComponent("mark.pem").path
    _ = try openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", directory.appendingPathComponent("mark.key").path, "-out", pem, "-days", "400",
      "-subj", "/CN=Example Mark", "-addext", "subjectAltName=DNS:example.com,DNS:*.example.net",
      "-addext", "extendedKeyUsage=1.3.6.1.5.5.7.3.31", "-addext", "1.3.6.1.5.5.7.1.12=DER:3000",
    ])
    let names = try openssl(["x509", "-in", pem, "-noout", "-ext", "subjectAltName"])
    let notAfter = try openssl(["x509", "-in", pem, "-noout", "-enddate"])
    return (try String(contentsOfFile: pem, encoding: .utf8), names, notAfter)
  }

  static func openssl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// The certificate's names, key usage, logotype and expiry read as openssl reads them.
  @Test func readsAMarkCertificateAsOpenSSLDoes() throws {
    let mark = try Self.makeMark()
    let leaf = try #require(try MarkCertificate.chain(pem: mark.pem).first)
    #expect(leaf.names == ["example.com", "*.example.net"])
    #expect(mark.names.contains("DNS:example.com, DNS:*.example.net"))
    #expect(leaf.covers("example.com") && leaf.covers("mail.example.net"))
    #expect(!leaf.covers("www.example.com") && !leaf.covers("example.net"))
    #expect(leaf.extendedKeyUsages == [MarkCertificate.bimiKeyUsage])
    #expect(leaf.hasLogotype)
    // "notAfter=Jan  4 14:03:42 2028 GMT"
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MMM d HH:mm:ss yyyy 'GMT'"
    let text = mark.notAfter.replacingOccurrences(of: "notAfter=", with: "")
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let expected = try #require(formatter.date(from: text), "\(mark.notAfter)")
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
