import DNSLookup
import SenderAuthCore

/// `dkim.key-weak`: an RSA key of 1024 to 2047 bits: accepted, but below the recommended size.
public struct DKIMKeyWeakRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.key-weak",
    title: LocalizedText(
      en: "DKIM RSA key shorter than the recommended 2048 bits",
      de: "DKIM-RSA-Schlüssel kürzer als die empfohlenen 2048 Bit"),
    rationale: LocalizedText(
      en: """
        RFC 8301 §3.2: "Signers MUST use RSA keys of at least 1024 bits for all keys. Signers \
        SHOULD use RSA keys of at least 2048 bits." A 1024-bit key still verifies today, but \
        it is within reach of well-funded attackers, and Google recommends 2048-bit keys.
        """,
      de: """
        RFC 8301 §3.2: Signierer müssen RSA-Schlüssel mit mindestens 1024 Bit verwenden und \
        sollten mindestens 2048 Bit verwenden. Ein 1024-Bit-Schlüssel wird heute noch \
        akzeptiert, liegt aber in Reichweite gut ausgestatteter Angreifer; auch Google \
        empfiehlt 2048 Bit.
        """),
    howToFix: LocalizedText(
      en: """
        Generate a 2048-bit key at your mail service (Google Workspace: Admin console, \
        Authenticate email, key length 2048), publish it under a new selector, switch \
        signing, then revoke the old selector. A 2048-bit key needs two strings in one TXT \
        record.
        """,
      de: """
        Erzeugen Sie bei Ihrem Maildienst einen 2048-Bit-Schlüssel (Google Workspace: \
        Admin-Konsole, E-Mail authentifizieren, Schlüssellänge 2048), veröffentlichen Sie ihn \
        unter einem neuen Selektor, stellen Sie die Signatur um und widerrufen Sie den alten \
        Selektor. Ein 2048-Bit-Schlüssel braucht zwei Zeichenketten in einem TXT-Eintrag.
        """),
    references: [
      .rfc(8301, section: "3.2"),
      Reference(
        title: "Google Workspace: Set up DKIM",
        url: "https://support.google.com/a/answer/174124", read: "2026-03-21"),
    ],
    severity: .warning,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa1024)")))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa2048)"))),
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa512)"))),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      guard record.status == .valid, let key = record.key, key.algorithm == .rsa,
        (1024..<2048).contains(key.bits)
      else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      return finding(
        LocalizedText(
          en: "DKIM key at \(name) is a \(key.bits)-bit RSA key; 2048 bits are recommended",
          de: """
            Der DKIM-Schlüssel unter \(name) ist ein RSA-Schlüssel mit \(key.bits) Bit; \
            empfohlen sind 2048 Bit
            """),
        at: DKIMRuleSupport.location(record, tag: "p"),
        fix: Self.serviceFix(selector, domain: context.domain))
    }
  }

  /// When the selector is a CNAME into a sending service's zone, the key is the service's:
  /// the fix says so instead of telling the owner to generate one.
  static func serviceFix(_ selector: DKIMSelectorResult, domain: DomainName) -> Fix? {
    guard let hop = selector.cnameChain.first,
      let esp = ESPCatalog.esp(servingDKIMAt: hop.target, for: domain)
    else { return nil }
    return Fix(
      explanation: LocalizedText(
        en: "The key is \(esp.name)'s: '\(hop.name.text)' is a CNAME into its zone, so only "
          + "\(esp.name) can replace it. Keep the CNAME; a 2048-bit key comes from \(esp.name) "
          + "(authenticate the domain there again, or ask its support), or suppress this "
          + "warning if it rotates its keys itself.",
        de: "Der Schlüssel gehört \(esp.name): '\(hop.name.text)' ist ein CNAME in dessen Zone, "
          + "nur \(esp.name) kann ihn ersetzen. Behalten Sie den CNAME; einen 2048-Bit-Schlüssel "
          + "erhalten Sie von \(esp.name) (die Domain dort erneut authentifizieren oder den "
          + "Support fragen), oder unterdrücken Sie diese Warnung, wenn der Versanddienst seine "
          + "Schlüssel selbst wechselt."))
  }
}
