import DNSLookup
import SenderAuthCore

/// `dkim.hash-unusable`: `h=` lists no hash a verifier can use, so no signature verifies.
public struct DKIMHashUnusableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.hash-unusable",
    title: LocalizedText(
      en: "DKIM key allows no hash verifiers use ('h=')",
      de: "DKIM-Schlüssel erlaubt kein Hashverfahren, das empfangende Server kennen ('h=')"),
    rationale: LocalizedText(
      en: """
        RFC 6376 §3.6.1: 'h=' lists the hash algorithms that may be used with the key, and a \
        verifier must ignore a signature whose hash is not listed. Verifiers know sha256 (and \
        sha1, which RFC 8301 forbids); a key record whose 'h=' names only others (sha512, a \
        misspelling) verifies no signature at all: the key is found, but useless.
        """,
      de: """
        RFC 6376 §3.6.1: 'h=' nennt die Hashverfahren, die mit dem Schlüssel verwendet werden \
        dürfen; eine Signatur mit einem nicht genannten Verfahren muss der empfangende Server \
        ignorieren. Empfangende Server kennen sha256 (und sha1, das RFC 8301 verbietet); ein \
        Schlüsseleintrag, dessen 'h=' nur andere nennt (sha512, ein Tippfehler), bestätigt keine einzige Signatur: Der \
        Schlüssel wird gefunden, ist aber nutzlos.
        """),
    howToFix: LocalizedText(
      en: "Set 'h=sha256' or remove the 'h=' tag, and make sure the signer uses rsa-sha256.",
      de: "Setzen Sie 'h=sha256' oder entfernen Sie das Tag 'h=', und signieren Sie mit rsa-sha256."
    ),
    references: [.rfc(6376, section: "3.6.1"), .rfc(8301, section: "3.1")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; h=sha512; p=\(DKIMRuleSupport.Keys.rsa2048)")),
        fixable: true)
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine(
            "google", "v=DKIM1; h=sha512:sha256; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      guard record.record.listsNoKnownHash, let tag = record.record.tag("h") else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      return finding(
        LocalizedText(
          en: "DKIM key at \(name) is found but allows only '\(tag.name)=\(tag.value)', a hash "
            + "verifiers do not use: no signature made with it verifies",
          de: "Der DKIM-Schlüssel unter \(name) ist vorhanden, erlaubt aber nur "
            + "'\(tag.name)=\(tag.value)', ein Hashverfahren, das empfangende Server nicht verwenden: "
            + "keine "
            + "damit erstellte Signatur wird bestätigt"),
        at: DKIMRuleSupport.location(record, tag: "h"),
        fix: DKIMRuleSupport.sha256Fix(record))
    }
  }
}
