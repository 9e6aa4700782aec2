import DNSLookup
import SenderAuthCore
import Testing

/// Every parser that reads a number or an address from text reads the whole field or rejects
/// it: no stop at a NUL (C strings), a control character, a sign or trailing garbage. The
/// cases are generated: each field of each format, once with its valid value (accepted) and
/// once per suffix appended to it (rejected).
@Suite struct WholeTextTests {
  /// A format with one field in it: `template` holds `{}` where the field's value goes.
  struct Field: CustomTestStringConvertible, Sendable {
    var format: String
    var template: String
    var value: String
    /// False for fields whose grammar lets text go on after the value (a domain name may get
    /// more letters): those get only the suffixes no grammar allows.
    var numeric: Bool = true
    /// The suffixes to try, when not the default of the field's kind.
    var suffixes: [String]? = nil
    var testDescription: String {
      "\(format): \(template.replacingOccurrences(of: "{}", with: value))"
    }

    func text(_ suffix: String) -> String {
      template.replacingOccurrences(of: "{}", with: value + suffix)
    }
  }

  /// Suffixes no field allows: NUL (where C stops), NUL then text, other C0 controls, DEL,
  /// C1 NEL, no-break space.
  static let controlSuffixes = [
    "\u{0}", "\u{0}garbage", "\u{1}", "\u{9}x", "\u{7f}", "\u{85}", "\u{a0}",
  ]
  /// Suffixes no number or address allows.
  static let numericSuffixes = controlSuffixes + ["x", " x", "/", ":", ".", "\u{661}", "+"]

  static let spfFields: [Field] = [
    Field(format: "SPF", template: "v=spf1 ip4:{} -all", value: "192.0.2.1"),
    Field(format: "SPF", template: "v=spf1 ip4:192.0.2.0/{} -all", value: "24"),
    Field(format: "SPF", template: "v=spf1 ip6:{} -all", value: "2001:db8::1"),
    Field(format: "SPF", template: "v=spf1 ip6:2001:db8::/{} -all", value: "32"),
    Field(format: "SPF", template: "v=spf1 a/{} -all", value: "24"),
    Field(format: "SPF", template: "v=spf1 mx//{} -all", value: "64"),
    Field(format: "SPF", template: "v=spf1 a:mail.example.com/{}//64 -all", value: "24"),
    Field(
      format: "SPF", template: "v=spf1 exists:%{{}}.example.com -all", value: "d2",
      suffixes: controlSuffixes + ["x", ":", "\u{661}", " x"]),
    Field(format: "SPF", template: "v=spf1 a:{} -all", value: "mail.example.com", numeric: false),
    Field(
      format: "SPF", template: "v=spf1 include:{} -all", value: "spf.example.net", numeric: false),
    Field(format: "SPF", template: "v=spf1 -all redirect={}", value: "example.net", numeric: false),
  ]

  static let zoneFields: [Field] = [
    Field(format: "zone", template: "@ 3600 IN A {}", value: "192.0.2.1"),
    Field(format: "zone", template: "@ 3600 IN AAAA {}", value: "2001:db8::1"),
    Field(format: "zone", template: "@ 3600 IN MX {} mail", value: "10"),
    Field(format: "zone", template: "$TTL {}\n@ IN A 192.0.2.1", value: "3600"),
    Field(format: "zone", template: "$TTL {}\n@ IN A 192.0.2.1", value: "1h30m"),
    Field(format: "zone", template: "@ 3600 IN CAA {} issue \"ca.example\"", value: "0"),
    Field(format: "zone", template: "_s._tcp 3600 IN SRV 0 {} 25 mail", value: "5"),
    Field(format: "zone", template: "@ 3600 IN TYPE65280 \\# {} abcd", value: "2"),
    Field(
      format: "zone", template: "@ 3600 IN SOA ns hostmaster {} 7200 3600 1209600 300",
      value: "2026120501"),
    Field(
      format: "zone", template: "@ 3600 IN SOA ns hostmaster 1 7200 3600 1209600 {}", value: "300"),
  ]

  static let resolverFields: [Field] = [
    Field(format: "nameserver", template: "{}", value: "127.0.0.1"),
    Field(format: "nameserver", template: "127.0.0.1:{}", value: "5300"),
    Field(format: "nameserver", template: "[::1]:{}", value: "5300"),
    Field(format: "--timeout", template: "{}", value: "2"),
    Field(format: "--tries", template: "{}", value: "3"),
  ]

  static func acceptsSPF(_ text: String) -> Bool { SPFParser.parse(text).isValid }

  static func acceptsZone(_ text: String) -> Bool {
    (try? ZoneFile.parse(text, origin: DomainName("example.com"))) != nil
  }

  static func acceptsResolver(_ field: Field, _ text: String) -> Bool {
    switch field.format {
    case "--timeout": (try? ResolverConfiguration.parse(nameservers: [], timeout: text)) != nil
    case "--tries": (try? ResolverConfiguration.parse(nameservers: [], tries: text)) != nil
    default: (try? ResolverConfiguration.parseNameserver(text)) != nil
    }
  }

  static func accepts(_ field: Field, _ text: String) -> Bool {
    switch field.format {
    case "SPF": acceptsSPF(text)
    case "zone": acceptsZone(text)
    default: acceptsResolver(field, text)
    }
  }

  @Test(arguments: spfFields + zoneFields + resolverFields)
  func fieldIsReadWholeOrNotAtAll(field: Field) {
    #expect(Self.accepts(field, field.text("")), "the valid value must be accepted")
    let suffixes = field.suffixes ?? (field.numeric ? Self.numericSuffixes : Self.controlSuffixes)
    for suffix in suffixes {
      let text = field.text(suffix)
      #expect(!Self.accepts(field, text), "accepted: \(text.debugDescription)")
    }
  }

  /// Signs and other scripts' digits are not decimal numbers either.
  @Test(arguments: ["+24", "-0", "٢٤", "2٤", " 24", "0x18", "24 "])
  func numbersTakeASCIIDigitsOnly(text: String) {
    #expect(DecimalText.value(text, as: Int.self) == nil)
    // A space separates terms and fields there; the number before it stands alone.
    guard !text.contains(" ") else { return }
    #expect(!Self.acceptsSPF("v=spf1 ip4:192.0.2.0/\(text) -all"))
    #expect(!Self.acceptsZone("@ 3600 IN MX \(text) mail"))
    #expect(!Self.acceptsResolver(Field(format: "--tries", template: "", value: ""), text))
  }

  @Test func decimalTextReadsWholeNumbersAndFractions() {
    #expect(DecimalText.value("0", as: UInt8.self) == 0)
    #expect(DecimalText.value("255", as: UInt8.self) == 255)
    #expect(DecimalText.value("256", as: UInt8.self) == nil)
    #expect(DecimalText.value("", as: Int.self) == nil)
    #expect(DecimalText.value("18446744073709551616", as: UInt64.self) == nil)
    #expect(DecimalText.fraction("0.5") == 0.5)
    #expect(DecimalText.fraction("30") == 30)
    for text in ["nan", "inf", "1e3", "0x10", ".5", "5.", "-1", "+1", "1.2.3", "1\u{0}"] {
      #expect(DecimalText.fraction(text) == nil, "\(text.debugDescription)")
    }
  }

  /// `ip4:192.0.2.1\0garbage` is a syntax error for the parser and a permerror for
  /// check_host: the two never disagree about a term.
  @Test(arguments: controlSuffixes)
  func evaluatorAndParserAgreeOnGarbageAfterAnAddress(suffix: String) async throws {
    let record = "v=spf1 ip4:192.0.2.1\(suffix) -all"
    let zone = ZoneFile(
      origin: try DomainName("example.com"),
      records: [
        ResourceRecord(
          name: try DomainName("example.com"), type: .txt, ttl: 300,
          data: .txt([Array(record.utf8)]))
      ], file: "<test>")
    let evaluator = SPFEvaluator(resolver: try ZoneResolver(zones: [zone]))
    let evaluation = await evaluator.checkHost(
      ip: try #require(IPAddress("192.0.2.1")), domain: "example.com",
      sender: "user@example.com", helo: "example.com")
    #expect(evaluation.result == .permerror, "\(record.debugDescription)")
    #expect(!SPFParser.parse(record).isValid)
  }
}
