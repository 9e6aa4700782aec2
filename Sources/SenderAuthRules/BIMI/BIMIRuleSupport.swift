import DNSLookup
import SenderAuthCore

/// What the BIMI rules share: references, example zones, logos and certificates.
enum BIMIRuleSupport {
  static let draft = Reference(
    title: "draft-brand-indicators-for-message-identification (BIMI)",
    url: "https://datatracker.ietf.org/doc/draft-brand-indicators-for-message-identification/")
  static let svgGuide = Reference(
    title: "BIMI Group: Creating BIMI SVG logo files",
    url: "https://bimigroup.org/creating-bimi-svg-logo-files/", read: "2026-12-05")
  static let svgIssues = Reference(
    title: "BIMI Group: Solving SVG issues", url: "https://bimigroup.org/solving-svg-issues/",
    read: "2026-12-05")

  static let logoURL = "https://example.com/bimi/logo.svg"
  static let evidenceURL = "https://example.com/bimi/vmc.pem"

  /// A zone with DMARC at `dmarc` and the BIMI record `record`.
  static func zone(
    _ record: String? = "v=BIMI1; l=\(logoURL); a=\(evidenceURL)",
    dmarc: String = "v=DMARC1; p=reject; rua=mailto:d@example.com"
  ) -> String {
    """
    @ SOA ns1 hostmaster 1 3600 600 86400 300
    _dmarc TXT "\(dmarc)"
    \(record.map { "default._bimi TXT \"\($0)\"" } ?? "")
    """
  }

  /// An SVG Tiny PS logo.
  static let logo = """
    <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" \
    viewBox="0 0 100 100"><title>Example</title><rect width="100" height="100" \
    fill="#fff"/></svg>
    """

  /// A self-made mark certificate for example.com (BIMI key usage, logotype, until 2126).
  static let certificate = """
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

  /// An ordinary TLS certificate for another name (no BIMI key usage, no logo).
  static let tlsCertificate = """
    -----BEGIN CERTIFICATE-----
    MIIBkjCCATegAwIBAgIUHmUMthlFyW+cWZuEaru9mx18J80wCgYIKoZIzj0EAwIw
    EDEOMAwGA1UEAwwFb3RoZXIwIBcNMjYxMjA1MTMyMjU0WhgPMjEyNjExMTExMzIy
    NTRaMBAxDjAMBgNVBAMMBW90aGVyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
    e6E/aaLRbzyByUsEl5+X/OfihpufGziCfA0S9qQfO6CQv5Vrh/6mtjWQskGR4tMY
    K5kGX6zCxvnfGMgeRiSC4qNtMGswHQYDVR0OBBYEFPNs9bQ/IcyA7OXNtKVlkKrw
    //k+MB8GA1UdIwQYMBaAFPNs9bQ/IcyA7OXNtKVlkKrw//k+MA8GA1UdEwEB/wQF
    MAMBAf8wGAYDVR0RBBEwD4INb3RoZXIuZXhhbXBsZTAKBggqhkjOPQQDAgNJADBG
    AiEA9mzzgh3FA8UJvf5AkJqNTqzt8f9cYf3uG4x1G0pxAJwCIQCj56SrkXcB0PMJ
    frjlK814JAnjAwUp2BNGclUBs3sJgw==
    -----END CERTIFICATE-----
    """

  /// The example's web: the logo (`svg`) and the certificate (`pem`).
  static func web(svg: String = logo, pem: String = certificate) -> [String: ExampleResource] {
    [
      logoURL: ExampleResource(contentType: "image/svg+xml", body: svg),
      evidenceURL: ExampleResource(contentType: "application/x-pem-file", body: pem),
    ]
  }

  /// The record's location.
  static func location(_ record: BIMIRecord) -> Location {
    Location(record: record.record, text: record.text)
  }
}
