import DNSLookup
import SenderAuthCore

/// What the DKIM rules share: the key records worth judging, locations, example zones.
enum DKIMRuleSupport {
  /// Every key record found, with its selector; a wildcard below `_domainkey` counts once (as
  /// selector `*`), not once per selector it answered; non-DKIM TXT records are left out.
  ///
  /// Gathered once per context: eight rules read it, and each gathering copies all of a
  /// domain's thirty-odd probe results (a dozen references each).
  static func keyRecords(
    _ context: DomainContext
  ) -> [(selector: DKIMSelectorResult, record: DKIMKeyRecordResult)] {
    context.memo.value("DKIMRuleSupport.keyRecords", of: context) { context in
      let wildcard = context.dkim.hasWildcard ? [context.dkim.wildcard].compactMap { $0 } : []
      return (context.dkim.selectors.filter { $0.status != .wildcard } + wildcard).flatMap {
        selector in selector.keyRecords.map { (selector, $0) }
      }
    }
  }

  /// `'s1._domainkey.example.com'`: how messages name a selector.
  static func quotedName(_ selector: DKIMSelectorResult) -> String {
    "'\(selector.name?.text ?? selector.selector)'"
  }

  /// The location of `tag` in `record`, or of the whole record.
  static func location(_ record: DKIMKeyRecordResult, tag name: String? = nil) -> Location {
    guard let name, let tag = record.record.tag(name) else { return record.location() }
    return record.location(span: Location.Span(offset: tag.offset, length: tag.length))
  }

  /// The location of the selector: its key record, else its first CNAME, else its name.
  static func location(_ selector: DKIMSelectorResult) -> Location {
    if let record = selector.keyRecords.first { return record.location() }
    if let hop = selector.cnameChain.first { return hop.location }
    return Location(name: selector.name?.text ?? selector.selector, type: "TXT")
  }

  /// The record text with the tag `name` given `value`, or removed when `value` is nil.
  static func rewriting(_ record: DKIMKeyRecord, tag name: String, to value: String?) -> String {
    record.tags.compactMap { tag -> String? in
      guard tag.name == name else { return "\(tag.name)=\(tag.value)" }
      return value.map { "\(name)=\($0)" }
    }.joined(separator: "; ")
  }

  /// A fix that replaces `record` with `text`.
  static func replacement(
    _ record: DKIMKeyRecordResult, with text: String, explanation: LocalizedText
  ) -> Fix {
    Fix(
      explanation: explanation,
      add: [DNSChange(owner: record.owner, ttl: record.ttl, type: .txt, value: text)],
      remove: [DNSChange(owner: record.owner, ttl: record.ttl, type: .txt, value: record.text)])
  }

  /// The fix for an `h=` that allows no hash verifiers use: the same record with `h=sha256`.
  static func sha256Fix(_ record: DKIMKeyRecordResult) -> Fix {
    replacement(
      record, with: rewriting(record.record, tag: "h", to: "sha256"),
      explanation: LocalizedText(
        en: "Replace the key record with the same record allowing 'h=sha256'",
        de: "Ersetzen Sie den Schlüsseleintrag durch denselben Eintrag mit 'h=sha256'"))
  }

  /// An example zone: `$TTL`, an SPF record, and `lines` (relative to the apex).
  static func zone(_ lines: String...) -> String {
    (["$TTL 3600", "@ IN TXT \"v=spf1 -all\""] + lines).joined(separator: "\n") + "\n"
  }

  /// A key record line at `selector` with `tags` and the key `key` (base64).
  static func keyLine(_ selector: String, _ text: String) -> String {
    "\(selector)._domainkey IN TXT \(RuleExample.txtData(text))"
  }

  /// Public keys made with `openssl` for the examples (copies of `Fixtures/dkim/keys`).
  enum Keys {
    static let rsa512 =
      "MEgCQQCm3ozIN4BmwaQ9ds7I8VrztmT/o40Vq2hT59RLNjid2R/PP0XA8DoLK8F6YCj/OwDyGkNEzW97qhq/R64m"
      + "/vfbAgMBAAE="
    static let rsa1024 =
      "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQD078/TjvR9U5CNmOD++y2WV7nrLUmPpQMC04SPa1/inQwwb/CJ"
      + "7F9cbnnJzFCWVIZ9QE0hZP+vo6sgzXy3UIhg+np23A8ZQcVDDIgVM6wX3UABl0uVQHgRTbXnMy66vT3ZzYe4f/nN"
      + "9MG/GDKRklCQP13kVOiDCDQM3ySjeFmwXwIDAQAB"
    static let rsa2048 =
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA190j/i8dtwk12VlntSIQpZSBJO4rEkPwSOxrTtO6LBWX"
      + "8o2I6h1aFMuZsT1uTw2f7Jj083x9ym9/rFAAk5S+2wUKg4oPdgiy4RrPKAnsWZ6Hb1aj1QhXJZX4nKtS6HXmtdxd"
      + "mCwPKuiz013M/3R6XQIrTzjhqbvevI3MH0MXIuWXM7c17fWkKTo4UwnUIkiyGAvwckB2hSRzK9BgGAcVavUHwwEc"
      + "54GlEIiKjunC8pzjEEDwRuXKt8lTNu9SL1RQ3TOAv4PLBJszzPRMmlrKA5o95oNSdqJI7X5bLzBixGxg1C6tPl4z"
      + "CC1WxD1zkj+VFUUztIz0751ui7g3HbKu6wIDAQAB"
    static let ed25519 = "XCI0RI7PDeE7maClhvN4m2ZmDxHD4Ol5grqE1f7GRww="
  }
}
