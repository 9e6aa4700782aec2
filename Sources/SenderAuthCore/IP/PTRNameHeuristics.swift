import DNSLookup

/// Tells whether a PTR name looks generic: derived from the address, or naming a dynamic,
/// dial-up or consumer range (GMX/WEB.DE: "Generic default entries … usually result in
/// rejection"; Yahoo asks for "non-generic" reverse DNS).
public enum PTRNameHeuristics {
  /// Words that access providers put in the names of dynamic and consumer ranges.
  public static let genericWords: Set<String> = [
    "dynamic", "dyn", "dsl", "adsl", "vdsl", "xdsl", "pool", "dhcp", "cable", "ppp", "pppoe",
    "dialup", "dial", "dialin", "client", "clients", "customer", "cust", "broadband",
    "residential", "dip", "unassigned",
  ]

  /// Why `name` looks generic for `address`; empty when it does not. Below `domain` (the
  /// domain checked) only the labels under it count: its own name is the brand's
  /// ("customer.co.uk"), not a range's.
  public static func reasons(name: DomainName, address: IPAddress, domain: DomainName? = nil)
    -> [String]
  {
    var reasons: [String] = []
    if containsAddress(name: name, address: address) {
      reasons.append("contains the address")
    }
    // The labels below the domain checked, else below the registrable domain (taken as the
    // last two): a brand's name ("customer-c.example") says nothing of the range.
    let owned = domain.flatMap { name.isSubdomain(of: $0) ? $0.labelCount : nil } ?? 2
    let words = name.labels.dropLast(owned).flatMap { label in
      label.split { !$0.isLetter }.map { String($0) }
    }
    for word in words where genericWords.contains(word) && !reasons.contains("'\(word)'") {
      reasons.append("'\(word)'")
    }
    return reasons
  }

  /// True when the address's octets appear in the name in order or reversed (`192-0-2-15`,
  /// `15.2.0.192`, `ip192-0-2-15`), or as 8 hex digits (`c000020f`).
  public static func containsAddress(name: DomainName, address: IPAddress) -> Bool {
    guard case .v4(let bytes) = address.mappedIPv4 ?? address, bytes.count == 4 else {
      return false
    }
    let text = name.text
    let runs = text.split { !$0.isNumber }.compactMap { Int($0) }
    let octets = bytes.map(Int.init)
    for start in runs.indices where start + 4 <= runs.count {
      let window = Array(runs[start..<start + 4])
      if window == octets || window == octets.reversed() { return true }
    }
    let hex = bytes.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
    return text.contains(hex)
  }
}
