/// The fields of a BIMI mark certificate (VMC or CMC, an X.509 certificate in PEM) the checks
/// read: the domains it is for, its validity, its extended key usages and whether it embeds a
/// logo. Signatures and the chain are not verified (that needs public-key cryptography, which
/// Foundation on Linux does not offer); the checks say so.
public struct MarkCertificate: Hashable, Sendable {
  /// `id-kp-BrandIndicatorforMessageIdentification` (RFC 3709 profile for BIMI).
  public static let bimiKeyUsage = "1.3.6.1.5.5.7.3.31"
  /// `id-pe-logotype` (RFC 3709): the embedded SVG logo.
  public static let logotypeExtension = "1.3.6.1.5.5.7.1.12"

  /// subjectAltName dNSName entries, lower-cased.
  public var names: [String]
  /// Seconds since 1970.
  public var notBefore: Double
  public var notAfter: Double
  public var extendedKeyUsages: [String]
  public var hasLogotype: Bool

  /// Why a document is not a readable certificate chain.
  public struct ReadError: Error, Hashable, Sendable {
    public var reason: LocalizedText
  }

  /// The certificates of a PEM document, leaf first.
  public static func chain(pem text: String) throws(ReadError) -> [MarkCertificate] {
    let begin = "-----BEGIN CERTIFICATE-----"
    let end = "-----END CERTIFICATE-----"
    var certificates: [MarkCertificate] = []
    var rest = Substring(text)
    while let start = rest.range(of: begin), let stop = rest.range(of: end),
      start.upperBound <= stop.lowerBound
    {
      let body = rest[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
      guard case .success(let der) = Base64.decode(String(body)) else {
        throw ReadError(
          reason: LocalizedText(
            en: "certificate \(certificates.count + 1) is not valid Base64",
            de: "Zertifikat \(certificates.count + 1) ist kein gültiges Base64"))
      }
      let number = certificates.count + 1
      do {
        certificates.append(try parse(der))
      } catch {
        throw ReadError(
          reason: LocalizedText(
            en: "certificate \(number) is not a readable X.509 certificate (DER error at "
              + "offset \(error.offset))",
            de: "Zertifikat \(number) ist kein lesbares X.509-Zertifikat (DER-Fehler bei "
              + "Position \(error.offset))"))
      }
      rest = rest[stop.upperBound...]
    }
    guard !certificates.isEmpty else {
      throw ReadError(
        reason: LocalizedText(
          en: "the document holds no PEM certificate",
          de: "das Dokument enthält kein "
            + "PEM-Zertifikat"))
    }
    return certificates
  }

  /// RFC 5280 §4.1: Certificate → tbsCertificate → validity, extensions.
  static func parse(_ der: [UInt8]) throws(DERReader.DERError) -> MarkCertificate {
    var outer = DERReader(der)
    var certificate = try outer.readSequence()
    var tbs = try certificate.readSequence()
    var element = try tbs.readElement()
    if element.tag == 0xA0 { element = try tbs.readElement() }  // [0] version; serial next
    _ = try tbs.readSequence()  // signature algorithm
    _ = try tbs.readSequence()  // issuer
    var validity = try tbs.readSequence()
    let notBefore = try time(validity.readElement())
    let notAfter = try time(validity.readElement())
    _ = try tbs.readSequence()  // subject
    _ = try tbs.readSequence()  // subjectPublicKeyInfo
    var names: [String] = []
    var usages: [String] = []
    var logotype = false
    while !tbs.isAtEnd {
      let field = try tbs.readElement()
      guard field.tag == 0xA3 else { continue }  // [3] extensions
      var wrapper = DERReader(field.content)
      var extensions = try wrapper.readSequence()
      while !extensions.isAtEnd {
        var item = try extensions.readSequence()
        let oid = try item.readObjectIdentifier()
        var value = try item.readElement()
        if value.tag == 0x01 { value = try item.readElement() }  // critical BOOLEAN
        var content = DERReader(value.content)
        switch oid {
        case "2.5.29.17":  // subjectAltName
          var list = try content.readSequence()
          while !list.isAtEnd {
            let name = try list.readElement()
            if name.tag == 0x82 {
              names.append(String(decoding: name.content, as: UTF8.self).lowercased())
            }
          }
        case "2.5.29.37":  // extKeyUsage
          var list = try content.readSequence()
          while !list.isAtEnd { usages.append(try list.readObjectIdentifier()) }
        case logotypeExtension:
          logotype = true
        default:
          break
        }
      }
    }
    return MarkCertificate(
      names: names, notBefore: notBefore, notAfter: notAfter, extendedKeyUsages: usages,
      hasLogotype: logotype)
  }

  /// RFC 5280 §4.1.2.5: UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`), as
  /// seconds since 1970.
  static func time(_ element: DERReader.Element) throws(DERReader.DERError) -> Double {
    let text = Array(element.content)
    let digits = text.dropLast().map { Int($0) - 48 }
    guard text.last == UInt8(ascii: "Z"), digits.allSatisfy({ (0...9).contains($0) }),
      element.tag == 0x17 && digits.count == 12 || element.tag == 0x18 && digits.count == 14
    else {
      throw .badContent(offset: element.offset, reason: "not a UTC time")
    }
    func number(_ from: Int, _ count: Int) -> Int {
      digits[from..<(from + count)].reduce(0) { $0 * 10 + $1 }
    }
    var year: Int
    var index: Int
    if element.tag == 0x17 {
      year = number(0, 2)
      year += year < 50 ? 2000 : 1900
      index = 2
    } else {
      year = number(0, 4)
      index = 4
    }
    let month = number(index, 2)
    let day = number(index + 2, 2)
    let seconds = number(index + 4, 2) * 3600 + number(index + 6, 2) * 60 + number(index + 8, 2)
    // Days from the civil date (Howard Hinnant's algorithm).
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return Double(days * 86_400 + seconds)
  }

  /// True when the certificate names `domain` (exactly, or by a `*.` wildcard).
  public func covers(_ domain: String) -> Bool {
    let name = domain.lowercased()
    return names.contains { entry in
      entry == name
        || (entry.hasPrefix("*.")
          && name.split(separator: ".").dropFirst().joined(separator: ".")
            == entry.dropFirst(2))
    }
  }
}
