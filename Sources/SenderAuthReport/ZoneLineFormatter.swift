import DNSLookup
import SenderAuthCore

/// Renders `DNSChange`s as zone-file lines ready to paste: absolute owner, TTL, IN, type,
/// and TXT values split into quoted strings of at most 255 octets.
public enum ZoneLineFormatter {
  /// `_dmarc.example.com. 3600 IN TXT "v=DMARC1; p=none"`.
  public static func line(_ change: DNSChange) -> String { change.zoneLine }

  /// The lines of several changes with owners padded to one column.
  public static func lines(_ changes: [DNSChange]) -> [String] {
    let width = changes.map { $0.owner.absolute.count }.max() ?? 0
    return changes.map { change in
      let owner = change.owner.absolute
      let padding = String(repeating: " ", count: width - owner.count)
      return "\(owner)\(padding) \(change.ttl) IN \(change.type.mnemonic) \(data(change))"
    }
  }

  /// The data part: TXT split into ≤255-octet strings and quoted, other types as given.
  public static func data(_ change: DNSChange) -> String { change.zoneData }
}
