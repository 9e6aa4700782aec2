import DNSLookup
import SenderAuthCore

/// What the DNSSEC rules share: references, example data, the DS records a fix proposes.
enum DNSSECRuleSupport {
  static func rfc4035(_ section: String) -> Reference { .rfc(4035, section: section) }

  /// A KSK of example.com (ECDSA P-256, key tag 36090) in RFC 3597 form, made with Knot's
  /// keymgr; its SHA-256 DS is `36090 13 2 B3BCE939…386F`.
  static let key =
    "@ DNSKEY \\# 68 0101030d2a3b071cbcbfd85fafd0f23ff54695ba6223c4d782041b3bb4ad274cd0e479f3"
    + "012c8f48fa3230ba37bb8ffdf59b214b3809283d39e5a975e5bc52ea006993a3"
  /// A DS for another key (key tag 6539): what a registrar still holds after a key change.
  static let staleDS =
    "@ DS \\# 36 198b0d02f36c8ead590258d89cfb13b4205b963af800aa2960415e05ad83debb7e0990ad"

  static func zone(_ lines: String...) -> String {
    (["@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ TXT \"v=spf1 -all\""] + lines)
      .joined(separator: "\n")
  }

  /// The SHA-256 DS records for the zone's entry keys.
  static func proposedDS(_ context: DomainContext, apex: DomainName) -> [DNSChange] {
    context.dnssec.entryKeys.map {
      DNSChange(owner: apex, type: .ds, value: $0.ds(owner: apex).presentation)
    }
  }

  /// Where a DS record is changed.
  static let atTheParent = LocalizedText(
    en: "DS records live in the parent zone: change them at your registrar (or the parent "
      + "zone's operator), not in your own zone.",
    de: "DS-Einträge stehen in der übergeordneten Zone: ändern Sie sie bei Ihrem Registrar "
      + "(oder dem Betreiber der übergeordneten Zone), nicht in Ihrer eigenen Zone.")
}
