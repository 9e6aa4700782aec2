import DNSLookup
import SenderAuthCore

/// `dkim.key-too-short`: an RSA key below 1024 bits, which verifiers must not accept.
public struct DKIMKeyTooShortRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "dkim.key-too-short",
    title: LocalizedText(
      en: "DKIM RSA key shorter than 1024 bits",
      de: "DKIM-RSA-Schlüssel kürzer als 1024 Bit"),
    rationale: LocalizedText(
      en: """
        RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA keys of less than \
        1024 bits as valid signatures." Mail signed with such a key counts as unsigned \
        everywhere, and keys of 512 or 768 bits can be factored with modest effort, so \
        anyone could sign mail as the domain.
        """,
      de: """
        RFC 8301 §3.2: Empfangende Server dürfen Signaturen mit RSA-Schlüsseln unter 1024 Bit \
        nicht als gültig ansehen. Damit signierte Mails gelten überall als unsigniert, und \
        Schlüssel mit 512 oder 768 Bit lassen sich mit überschaubarem Aufwand faktorisieren – dann \
        könnte jeder im Namen der Domain signieren.
        """),
    howToFix: LocalizedText(
      en: """
        Create a new 2048-bit key pair at your mail service (or with 'openssl genpkey \
        -algorithm RSA -pkeyopt rsa_keygen_bits:2048'), publish it under a new selector, \
        switch signing to it, then revoke the old selector with an empty 'p='.
        """,
      de: """
        Erzeugen Sie bei Ihrem Maildienst (oder mit 'openssl genpkey -algorithm RSA -pkeyopt \
        rsa_keygen_bits:2048') ein neues 2048-Bit-Schlüsselpaar, veröffentlichen Sie es unter \
        einem neuen Selektor, stellen Sie die Signatur darauf um und widerrufen Sie danach den \
        alten Selektor mit leerem 'p='.
        """),
    references: [.rfc(8301, section: "3.2"), .rfc(6376, section: "3.3.3")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa512)")))
    ],
    nonTriggering: [
      RuleExample(
        zone: DKIMRuleSupport.zone(
          DKIMRuleSupport.keyLine("google", "v=DKIM1; k=rsa; p=\(DKIMRuleSupport.Keys.rsa1024)")))
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    DKIMRuleSupport.keyRecords(context).compactMap { selector, record in
      guard record.status == .valid, let key = record.key, key.algorithm == .rsa,
        key.bits < 1024
      else { return nil }
      let name = DKIMRuleSupport.quotedName(selector)
      return finding(
        LocalizedText(
          en: """
            DKIM key at \(name) is a \(key.bits)-bit RSA key; verifiers reject keys under \
            1024 bits, 2048 is recommended
            """,
          de: """
            Der DKIM-Schlüssel unter \(name) ist ein RSA-Schlüssel mit \(key.bits) Bit; \
            empfangende Server verwerfen Schlüssel unter 1024 Bit, empfohlen sind 2048
            """),
        at: DKIMRuleSupport.location(record, tag: "p"))
    }
  }
}
