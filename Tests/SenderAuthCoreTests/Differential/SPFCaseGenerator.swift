import DNSLookup
import DNSTestSupport

/// One generated check_host case: the zone lines it needs and the question.
struct SPFCase: Sendable {
  var id: Int
  var domain: String
  var ip: String
  var sender: String
  var helo: String
  /// What the case uses that a known pyspf deviation is about.
  var features: Set<Feature>

  enum Feature: String, Sendable {
    /// A macro of a letter other than `l` and `s` with delimiters other than `.`.
    case delimiterOtherThanLS
    /// A macro with the digit transformer `0`.
    case zeroDigits
    /// A control character (LF, CR, TAB) inside a term.
    case controlCharacter
  }
}

/// Random SPF records and zones (RFC 7208): ip4/ip6 with CIDR lengths, a/mx with dual CIDR,
/// exists with macros (`%{i} %{ir} %{v} %{l} %{s} %{o} %{d} %{h}` with digits, reversal and
/// delimiters), include and redirect a level or two deep, names with A only, AAAA only, both,
/// none (NXDOMAIN), other records only (NODATA), CNAMEs, MX hosts of either family, senders
/// whose local parts hold odd octets, and now and then a control character or a zero digit
/// transformer. All names lie below `diff.test.`, served by one zone.
struct SPFCaseGenerator {
  static let origin = "diff.test"
  var random: SeededRandom
  var lines: [String] = []

  init(seed: UInt64) { random = SeededRandom(seed: seed) }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
  mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
  mutating func number(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(random.next() % UInt64(range.count))
  }

  static let localParts = [
    "user", "a+b", "x=y", "o'k", "q!w", "first.last", "postmaster", "a-b_c", "hash#tag", "~t",
  ]

  /// A zone-file owner for raw octets: every octet but letters, digits, `-` and `_` as `\DDD`
  /// (Knot's zone reader takes nothing else unescaped).
  static func owner(_ raw: String) -> String {
    guard let name = try? DomainName(rawText: raw) else { return raw + "." }
    return name.labelOctets.map { label in
      label.map { byte -> String in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
          UInt8(ascii: "-"), UInt8(ascii: "_"):
          String(UnicodeScalar(byte))
        default:
          "\\" + String(repeating: "0", count: 3 - String(byte).count) + String(byte)
        }
      }.joined()
    }.joined(separator: ".") + "."
  }

  mutating func add(_ raw: String, _ type: String, _ data: String) {
    lines.append("\(Self.owner(raw)) 300 IN \(type) \(data)")
  }

  static func txt(_ text: String) -> String { RData.quoted(Array(text.utf8)) }

  /// Generates case `id`: its records are appended to `lines`.
  mutating func makeCase(_ id: Int) -> SPFCase {
    let base = "c\(id).\(Self.origin)"
    var features: Set<SPFCase.Feature> = []
    // Hosts of every kind.
    var hosts: [String] = []
    for index in 1...6 {
      let name = "h\(index).\(base)"
      hosts.append(name)
      switch number(0...5) {
      case 0: add(name, "A", "192.0.2.\(number(1...12))")
      case 1: add(name, "AAAA", "2001:db8::\(number(1...12))")
      case 2:
        add(name, "A", "192.0.2.\(number(1...12))")
        add(name, "AAAA", "2001:db8::\(number(1...12))")
      case 3: break  // NXDOMAIN
      case 4: add(name, "TXT", Self.txt("not an address"))  // NODATA for A/AAAA/MX
      default:
        let target = (index % 6) + 1  // another host, never itself
        add(name, "CNAME", Self.owner("h\(target).\(base)"))
      }
    }
    var exchanges: [String] = []
    for index in 1...2 {
      let name = "m\(index).\(base)"
      exchanges.append(name)
      if chance(85) {
        for _ in 0..<number(1...3) {
          add(name, "MX", "\(number(0...20)) \(Self.owner(pick(hosts)))")
        }
      }
    }
    let local = pick(Self.localParts)
    let sender = "\(local)@\(base)"
    let v6 = chance(35)
    let ip = v6 ? "2001:db8::\(number(1...12))" : "192.0.2.\(number(1...12))"
    // Names that macros expand to, so that exists terms can match.
    if chance(50) { add("\(sender).s.\(base)", "A", "127.0.0.2") }
    if chance(50) { add("\(local).l.\(base)", "A", "127.0.0.2") }
    let record = makeRecord(
      depth: 0, base: base, hosts: hosts, exchanges: exchanges, ip: ip, features: &features)
    add(base, "TXT", Self.txt(record))
    if chance(10) { add(base, "A", "192.0.2.\(number(1...12))") }
    if chance(10) { add(base, "MX", "10 \(Self.owner(pick(hosts)))") }
    return SPFCase(id: id, domain: base, ip: ip, sender: sender, helo: base, features: features)
  }

  mutating func cidr(_ maximum: Int, from low: Int) -> String {
    chance(30) ? "/\(number(low...maximum))" : ""
  }

  mutating func macro(base: String, features: inout Set<SPFCase.Feature>) -> String {
    switch number(0...7) {
    case 0: return "%{i}.i.\(base)"
    case 1: return "%{ir}.%{v}.r.\(base)"
    case 2: return "%{l}.l.\(base)"
    case 3: return "%{s}.s.\(base)"
    case 4: return "%{l1r+-}.l.\(base)"
    case 5:
      if chance(30) {
        features.insert(.zeroDigits)
        return "%{d0}.z.\(base)"
      }
      return "%{d2}.d.\(base)"
    case 6:
      features.insert(.delimiterOtherThanLS)
      return "%{dr-}.d.\(base)"
    default: return "%{o}.%{h}.o.\(base)"
    }
  }

  mutating func makeRecord(
    depth: Int, base: String, hosts: [String], exchanges: [String], ip: String,
    features: inout Set<SPFCase.Feature>
  ) -> String {
    var terms: [String] = []
    for _ in 0..<number(1...6) {
      let qualifier = chance(75) ? "" : pick(["+", "-", "~", "?"])
      let term: String
      switch number(0...9) {
      case 0: term = "ip4:192.0.2.\(number(0...12))" + cidr(32, from: 24)
      case 1: term = "ip6:2001:db8::\(number(0...12))" + cidr(128, from: 112)
      case 2: term = "a" + cidr(32, from: 28)
      case 3:
        term =
          "a:\(pick(hosts))" + cidr(32, from: 28) + (chance(20) ? "//\(number(120...128))" : "")
      case 4: term = chance(30) ? "mx" : "mx:\(pick(exchanges))" + cidr(32, from: 28)
      case 5: term = "exists:\(pick(hosts))"
      case 6: term = "exists:" + macro(base: base, features: &features)
      case 7 where depth < 2:
        let child = "i\(depth)\(number(1...3)).\(base)"
        if chance(85) {
          let inner = makeRecord(
            depth: depth + 1, base: base, hosts: hosts, exchanges: exchanges, ip: ip,
            features: &features)
          add(child, "TXT", Self.txt(inner))
        }
        term = "include:\(child)"
      case 8 where chance(10):
        let control = pick(["\n", "\r", "\t"])
        features.insert(.controlCharacter)
        term = "ip4:192.0.2.\(number(0...12))\(control)"
      default: term = "ip4:198.51.100.\(number(0...255))"
      }
      terms.append(qualifier + term)
    }
    var record = "v=spf1 " + terms.joined(separator: " ")
    if chance(60) {
      record += " " + pick(["-all", "~all", "?all", "all"])
    } else if depth < 2, chance(50) {
      let target = "r\(depth).\(base)"
      let inner = makeRecord(
        depth: depth + 1, base: base, hosts: hosts, exchanges: exchanges, ip: ip,
        features: &features)
      add(target, "TXT", Self.txt(inner))
      record += " redirect=\(target)"
    }
    return record
  }

  /// `count` cases and the zone that serves them.
  static func generate(count: Int, seed: UInt64) -> (cases: [SPFCase], zone: String) {
    var generator = SPFCaseGenerator(seed: seed)
    let cases = (0..<count).map { generator.makeCase($0) }
    let header = """
      $ORIGIN \(origin).
      $TTL 300
      @ IN SOA ns hostmaster 1 7200 3600 1209600 300
      @ IN NS ns
      ns IN A 127.0.0.1

      """
    return (cases, header + generator.lines.joined(separator: "\n") + "\n")
  }
}
