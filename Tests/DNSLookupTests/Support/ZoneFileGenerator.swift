import DNSTestSupport

/// Zone files made from a fixed seed for the differential test against Knot: valid ones
/// (every form the parser reads: escapes, quotes, parentheses, odd owners, `\DDD`,
/// duplicates, TTL forms, `$ORIGIN`/`$TTL`/`$INCLUDE`, blank owners, long TXT, RFC 3597
/// data), ones with one broken piece among valid ones, and ones with one record mutated.
struct ZoneFileGenerator {
  /// One generated zone: its origin, its text, the files it includes (name → text), and
  /// what the broken piece is (nil for a valid zone).
  struct Zone: Sendable {
    var origin: String
    var text: String
    var includes: [String: String]
    var broken: String?
  }

  var random: SeededRandom

  init(seed: UInt64) { random = SeededRandom(seed: seed) }

  /// What goes wrong in a zone.
  enum Damage {
    case none
    /// One piece from the list of broken pieces.
    case broken
    /// One record with characters inserted, deleted or replaced at random.
    case mutated
  }

  mutating func zones(_ count: Int) -> [Zone] {
    (0..<count).map { index in
      zone(index: index, damage: [.none, .broken, .none, .mutated][index % 4])
    }
  }

  // MARK: - One zone

  private var origin = ""
  private var owners: [String] = []
  private var lines: [String] = []
  private var includes: [String: String] = [:]
  private var cnameOwners = 0

  mutating func zone(index: Int, damage: Damage) -> Zone {
    origin = "z\(index).diff.test."
    owners = ["@"]
    lines = []
    includes = [:]
    if random.chance(60) { lines.append("$TTL \(random.pick(Self.validTTLs))") }
    let ttl = random.chance(30) ? " \(random.pick(Self.validTTLs))" : ""
    if random.chance(30) {
      lines.append("@\(ttl) IN SOA ns1 hostmaster (\n  2024010101 ; serial\n  1h 15m 1w 300 )")
    } else {
      lines.append("@\(ttl) IN SOA ns1.\(origin) hostmaster.\(origin) 1 3600 900 604800 300")
    }
    let count = random.number(2...10)
    let damagedAt = damage == .none ? -1 : random.below(count)
    var what: String?
    for item in 0..<count {
      if item == damagedAt {
        what = damage == .broken ? brokenItem() : mutatedItem()
      } else {
        validItem()
      }
    }
    return Zone(
      // A broken last line without a line end is where Knot's scanner drops lines silently
      // (ZoneFileTests covers it); the broken zones end with one.
      origin: origin,
      text: lines.joined(separator: "\n") + (damage != .none || random.chance(90) ? "\n" : ""),
      includes: includes, broken: what)
  }

  // MARK: - Valid pieces

  static let validTTLs = [
    "0", "300", "3600", "86400", "1h", "1H", "90m", "1h30m", "1w2d", "2d", "45s", "0300",
    "4294967295", "1w1d1h1m1s",
  ]

  mutating func owner() -> String {
    if random.chance(35), let existing = owners.randomElement(using: &random) {
      return existing
    }
    let name = random.pick([
      "www", "mail", "_dmarc", "s1._domainkey", "a.b.c", "*", "*.wild", "x-y", "_sip._tcp",
      "UPPER", "MiXeD.case", #"foo\058bar"#, #"a\.b"#, #"\000x"#, #"x\ y"#, #"\065BC"#,
      #"semi\;colon"#, #"q\"uote"#, "a/b", "-lead", "d1g1t5", String(repeating: "l", count: 63),
      #"\255\254"#, "tab\\\tin", "@", "sub", "deep.sub",
    ])
    let full = random.chance(15) && name != "@" ? name + "." + origin : name
    owners.append(full)
    return full
  }

  mutating func ttlAndClass() -> String {
    switch random.below(6) {
    case 0: return ""
    case 1: return " IN"
    case 2: return " \(random.pick(Self.validTTLs))"
    case 3: return " \(random.pick(Self.validTTLs)) IN"
    case 4: return " IN \(random.pick(Self.validTTLs))"
    default: return " in"
    }
  }

  static let characterStrings = [
    #""v=spf1 include:_spf.example.net -all""#, #""v=DMARC1; p=reject""#, "bare-word",
    #""with \"quotes\" inside""#, #""back\\slash""#, #""semi\;colon""#, #""semi;colon""#,
    #""\065\066\067""#, #""\000\255""#, #""""#, #"unquoted\;escaped"#, #"a\ b"#,
    "\"tab\tinside\"", #""v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ""#,
    #""(parens) inside""#, #"x\(y"#, #""a\ b""#, "123",
  ]

  mutating func txtData() -> String {
    if random.chance(10) {
      let length = random.pick([255, 256, 300, 510, 511, 600])
      return "\"" + String(repeating: random.pick(["x", "y", "z"]), count: length) + "\""
    }
    return (0..<random.number(1...3)).map { _ in random.pick(Self.characterStrings) }
      .joined(separator: " ")
  }

  mutating func nameData() -> String {
    random.pick([
      "mail", "mail.example.net.", "@", ".", #"m\058x"#, "target.\(origin)", "Upper.Example.NET.",
      #"a\.b.example.net."#,
    ])
  }

  /// The owner and the type with data of the last record made, for a duplicate of it.
  private var last: (owner: String, body: String)?

  mutating func record(allowNS: Bool = true) -> String {
    var body = recordBody()
    while !allowNS, body.hasPrefix("NS ") { body = recordBody() }
    // NS at the apex only: a delegation would hand the names below it to another server.
    let owner = body.hasPrefix("NS ") ? "@" : self.owner()
    let ttlAndClass = self.ttlAndClass()
    last = (owner, body)
    return owner + ttlAndClass + " " + body
  }

  mutating func recordBody() -> String {
    switch random.below(14) {
    case 0, 1, 2: return "TXT \(txtData())"
    case 3:
      return "A \(random.number(1...223)).\(random.below(256)).\(random.below(256))."
        + "\(random.below(256))"
    case 4:
      return "AAAA "
        + random.pick(["2001:db8::1", "2001:DB8:0:0:0:0:0:2", "::ffff:192.0.2.3", "fe80::", "::"])
    case 5: return "MX \(random.pick(["0", "10", "65535", "010"])) \(nameData())"
    case 6: return "SPF \(txtData())"
    case 7:
      return "CAA \(random.pick(["0", "128"])) "
        + random.pick([
          #"issue "ca.example""#, #"issuewild "ca.example""#, #"iodef "mailto:x@example.net""#,
          #"TAG "v""#, #"is-sue "x""#, #"issue """#,
        ])
    case 8: return "SRV \(random.below(65536)) \(random.below(100)) 443 \(nameData())"
    case 9:
      return random.pick([
        ##"TYPE65534 \# 3 abcdef"##, ##"TYPE65534 \# 3 ab cd ef"##, ##"TYPE65534 \# 0"##,
        ##"TXT \# 4 03616263"##, ##"A \# 4 c0000201"##, #"TYPE16 "sixteen""#, "type1 192.0.2.9",
        ##"MX \# 5 000a012e00"##, #"txt "lower-case type""#,
      ])
    case 10: return "PTR \(nameData())"
    case 11:
      return "TXT ( \"first\" ; a comment\n\t\"second\"\n\t)"
    case 12:
      // Knot keeps a paren written right after a bare word in the string.
      return "TXT \(random.pick(["(a b)", "( a b )", "(a\n b)", "a(b\n c)"]))"
    default:
      return "NS ns.elsewhere.example."
    }
  }

  mutating func validItem() {
    switch random.below(20) {
    case 0:
      // A CNAME at a name of its own.
      cnameOwners += 1
      lines.append("c\(cnameOwners)\(ttlAndClass()) CNAME \(nameData())")
    case 1:
      // A blank owner continues the previous one.
      lines.append(record())
      lines.append(random.pick(["\t", " ", "  "]) + "TXT \(txtData())")
    case 2:
      // An identical record, or the same data with another TTL.
      guard let last else { return lines.append(record()) }
      let ttl = random.chance(50) ? " \(random.pick(Self.validTTLs))" : ""
      lines.append("\(last.owner)\(ttl) \(last.body)")
    case 3:
      lines.append("$ORIGIN sub.\(origin)")
      lines.append(record(allowNS: false))
      lines.append("$ORIGIN \(origin)")
    case 4:
      lines.append("$TTL \(random.pick(Self.validTTLs))")
    case 5:
      lines.append(random.pick(["; a comment line", "", "   ", "\t; indented comment"]))
    case 6:
      // Outside the zone: Knot ignores it.
      lines.append("outside.example.net. 300 IN TXT \"not in the zone\"")
    case 7:
      let name = "inc-\(origin.dropLast())-\(includes.count).txt"
      var body = "incl TXT \"included\"\n\(random.chance(50) ? "$TTL 77\n" : "")x A 192.0.2.77\n"
      if random.chance(30) { body += "$ORIGIN elsewhere.\(origin)\ny TXT \"moved\"\n" }
      includes[name] = body
      lines.append(
        "$INCLUDE \(name)" + (random.chance(40) ? " inc.\(origin)" : "")
          + (random.chance(30) ? " ; comment" : ""))
      lines.append(record())
    default:
      lines.append(record() + (random.chance(20) ? " ; trailing comment" : ""))
    }
  }

  // MARK: - Damaged pieces

  /// Characters a mutation puts in: mostly the ones the syntax gives a meaning to.
  static let mutations: [String] = [
    "\\", "\"", "(", ")", ";", ".", "@", "$", "*", "#", " ", "\t", "\n", "0", "9", "2", "5",
    "a", "Z", "-", "_", "/", ":", "+", "=", ",", "'", "é", "\r", "\\0", "\\2", "\\#",
  ]

  /// A valid record with one to three characters inserted, deleted or replaced.
  mutating func mutatedItem() -> String {
    // No NS: a mutated owner would make it a delegation, whose names another server answers.
    var characters = Array(record(allowNS: false))
    for _ in 0..<random.number(1...3) {
      let at = random.below(characters.count + 1)
      let text = Array(random.pick(Self.mutations))
      switch random.below(3) {
      case 0: characters.insert(contentsOf: text, at: at)
      case 1 where at < characters.count: characters.remove(at: at)
      default:
        if at < characters.count { characters.remove(at: at) }
        characters.insert(contentsOf: text, at: min(at, characters.count))
      }
    }
    let line = String(characters)
    lines.append(line)
    return "mutated: \(line.debugDescription)"
  }

  // MARK: - Broken pieces

  /// Appends one broken piece and says what it is.
  mutating func brokenItem() -> String {
    let cases: [(String, String)] = [
      ("unterminated quote", #"u TXT "never closed"#),
      ("quoted string over a line end", "u TXT \"two\nlines\""),
      ("escape over 255 in text", #"u TXT "\256""#),
      ("two-digit escape", #"u TXT "\12x""#),
      ("escaped tab in text", "u TXT \"a\\\tb\""),
      ("non-ASCII text", "u TXT \"Grüße\""),
      ("text after a quote", #"u TXT "a"b"#),
      ("quote after text", #"u TXT a"b""#),
      ("colon in an owner", "foo:bar TXT \"x\""),
      ("at sign in an owner", "a@b TXT \"x\""),
      ("empty label", "a..b TXT \"x\""),
      ("non-ASCII owner", "föo TXT \"x\""),
      ("64-octet label", String(repeating: "l", count: 64) + " TXT \"x\""),
      ("quoted owner", #""q" TXT "x""#),
      ("nested parentheses", #"u TXT ( ( "x" ) )"#),
      ("stray closing parenthesis", #"u TXT "x" )"#),
      ("parenthesis never closed", "u TXT ( \"x\"\n\"y\""),
      ("TTL over 32 bits", "u 4294967296 TXT \"x\""),
      ("number after a unit", "u 1m1 TXT \"x\""),
      ("unknown unit", "u 1x TXT \"x\""),
      ("class CH", "u CH TXT \"x\""),
      ("class CLASS1", "u CLASS1 TXT \"x\""),
      ("unknown type", "u BOGUS x"),
      ("type number over 16 bits", ##"u TYPE65536 \# 0"##),
      ("leading zero IPv4", "u A 01.2.3.4"),
      ("short IPv4", "u A 192.0.2"),
      ("IPv4 over 255", "u A 256.0.0.1"),
      ("two double colons", "u AAAA 1::2::3"),
      ("MX preference over 16 bits", "u MX 65536 mail"),
      ("signed MX preference", "u MX +1 mail"),
      ("MX without exchange", "u MX 10"),
      ("extra MX field", "u MX 10 mail extra"),
      ("CNAME with two targets", "u CNAME a b"),
      ("CAA flags over 8 bits", #"u CAA 256 issue "x""#),
      ("SRV port over 16 bits", "u SRV 1 1 65536 target"),
      ("generic length mismatch", ##"u TYPE65534 \# 3 abcd"##),
      ("hex split inside an octet", ##"u TYPE65534 \# 2 a bcd"##),
      ("not hexadecimal", ##"u TYPE65534 \# 2 zz11"##),
      ("empty generic TXT", ##"u TXT \# 0"##),
      ("generic marker glued", ##"u TYPE65534 \#2 abcd"##),
      ("text for an unknown type", #"u TYPE65534 "text""#),
      ("TXT without data", "u TXT"),
      ("$GENERATE", "$GENERATE 1-2 g$ A 192.0.2.1"),
      ("relative $ORIGIN", "$ORIGIN sub"),
      ("bad $TTL", "$TTL 1x"),
      ("$TTL without value", "$TTL"),
      ("$ORIGIN with two names", "$ORIGIN a.\(origin) b.\(origin)"),
      ("unknown directive", "$FOO bar"),
      ("CR LF line end", "u TXT \"x\"\r"),
      ("CNAME beside TXT", "cx CNAME target.\(origin)\ncx TXT \"x\""),
      ("two CNAMEs", "cy CNAME a.\(origin)\ncy CNAME b.\(origin)"),
      ("indented directive", " $TTL 300"),
      ("backslash at the end", #"u TXT x\"#),
      ("missing include", "$INCLUDE no-such-file.txt"),
    ]
    let (what, text) = random.pick(cases)
    lines.append(text)
    return what
  }
}
