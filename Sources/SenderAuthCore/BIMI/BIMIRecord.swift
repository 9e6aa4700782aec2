import DNSLookup

/// A BIMI assertion record at `<selector>._bimi.<domain>` (draft-brand-indicators-for-
/// message-identification §4.2): `v=BIMI1; l=<logo URI>; a=<evidence URI>`.
///
/// `v=BIMI1` comes first; `l=` names the SVG logo and `a=` the Verified Mark or Common Mark
/// Certificate, both `https:`; `v=BIMI1; l=; a=;` declines to publish a logo.
public struct BIMIRecord: Hashable, Sendable {
  public var text: String
  public var record: ResourceRecord
  /// The logo URL (`l=`), when it is a valid `https:` URL.
  public var logo: HTTPSURL?
  /// The evidence document URL (`a=`), when it is a valid `https:` URL.
  public var evidence: HTTPSURL?
  public var issues: [TagValueRecord.Issue]

  /// True for `v=BIMI1; l=; a=;`: the domain declines to show a logo.
  public var isDeclination: Bool {
    let parsed = TagValueRecord.parse(text, strictExtensions: false)
    return (parsed.field("l", caseSensitive: false)?.value ?? "").isEmpty
      && (parsed.field("a", caseSensitive: false)?.value ?? "").isEmpty
  }

  public static func isCandidate(_ text: String) -> Bool {
    TagValueRecord.isCandidate(text, version: "v=BIMI1")
  }

  public init(record: ResourceRecord, text: String) {
    self.record = record
    self.text = text
    let parsed = TagValueRecord.parse(text, strictExtensions: false)
    var issues = parsed.issues
    if let version = parsed.fields.first,
      version.name.lowercased() != "v" || version.value != "BIMI1"
    {
      issues.insert(
        TagValueRecord.Issue(
          offset: version.offset, length: version.length,
          reason: LocalizedText(
            en: "the record must begin with 'v=BIMI1'",
            de: "der Eintrag muss mit 'v=BIMI1' beginnen")
        ), at: 0)
    }
    func url(_ tag: String, _ what: LocalizedText) -> HTTPSURL? {
      guard let field = parsed.field(tag, caseSensitive: false), !field.value.isEmpty else {
        return nil
      }
      let values = field.value.split(separator: ",").map { String($0.trimmingSpaces) }
      if values.count > 1 {
        issues.append(
          TagValueRecord.Issue(
            offset: field.offset, length: field.length,
            reason: LocalizedText(
              en: "'\(tag)=' has \(values.count) URIs; receivers use only one",
              de: "'\(tag)=' hat \(values.count) URIs; Postfachanbieter nutzen nur eine")))
      }
      guard let first = values.first, let url = HTTPSURL(first) else {
        issues.append(
          TagValueRecord.Issue(
            offset: field.offset, length: field.length,
            reason: LocalizedText(
              en: "'\(tag)=\(field.value)' is not an https: URL of the \(what.en)",
              de: "'\(tag)=\(field.value)' ist keine https:-URL \(what.de)")))
        return nil
      }
      return url
    }
    logo = url("l", LocalizedText(en: "logo", de: "des Logos"))
    evidence = url("a", LocalizedText(en: "mark certificate", de: "des Markenzertifikats"))
    self.issues = issues
  }
}
