import DNSLookup
import SenderAuthCore

/// `bimi.evidence-invalid`: the mark certificate named by `a=` cannot be fetched, is no PEM
/// certificate, is not for the domain, has expired, or lacks the BIMI key usage.
public struct BIMIEvidenceInvalidRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "bimi.evidence-invalid",
    title: LocalizedText(
      en: "The BIMI mark certificate is not usable", de: "Das BIMI-Markenzertifikat ist unbrauchbar"
    ),
    rationale: LocalizedText(
      en: """
        Receivers that need a mark certificate fetch the PEM chain at a= and check that the \
        leaf is valid now, names the sending domain (or its organizational domain) in \
        subjectAltName, carries the BIMI extended key usage (1.3.6.1.5.5.7.3.31) and embeds \
        the logo. senderauth checks these fields; it does not verify the signatures or the \
        chain to the issuing authority.
        """,
      de: """
        Postfachanbieter, die ein Markenzertifikat verlangen, holen die PEM-Kette aus a= und prüfen, \
        dass das Endzertifikat jetzt gültig ist, die Absenderdomain (oder ihre \
        Organisationsdomain) im subjectAltName nennt, die erweiterte Schlüsselverwendung für \
        BIMI (1.3.6.1.5.5.7.3.31) trägt und das Logo enthält. senderauth prüft diese Felder; \
        die Signaturen und die Kette bis zur ausstellenden Stelle prüft es nicht.
        """),
    howToFix: LocalizedText(
      en: "Serve the PEM chain you got with the VMC or CMC (leaf first) at the a= URL; renew "
        + "it before it expires.",
      de: "Liefern Sie die mit dem VMC oder CMC gelieferte PEM-Kette (Endzertifikat zuerst) "
        + "unter der URL aus a= aus; erneuern Sie es vor Ablauf."),
    references: [BIMIRuleSupport.draft, .rfc(3709, section: "4")],
    severity: .error,
    triggering: [
      RuleExample(
        zone: BIMIRuleSupport.zone(), web: BIMIRuleSupport.web(pem: BIMIRuleSupport.tlsCertificate)
      ),
      RuleExample(zone: BIMIRuleSupport.zone(), web: BIMIRuleSupport.web(pem: "<html>VMC</html>")),
      RuleExample(
        zone: BIMIRuleSupport.zone(),
        web: [
          BIMIRuleSupport.logoURL: ExampleResource(
            contentType: "image/svg+xml", body: BIMIRuleSupport.logo),
          BIMIRuleSupport.evidenceURL: ExampleResource(status: 404, body: ""),
        ]),
    ],
    nonTriggering: [
      RuleExample(zone: BIMIRuleSupport.zone(), web: BIMIRuleSupport.web())
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let record = context.bimi.records.first, let url = record.evidence else { return [] }
    var problems: [LocalizedText] = []
    if let problem = context.bimi.evidenceProblem {
      guard !problem.isUnknown else { return [] }
      problems.append(problem.localized)
    } else if let result = context.bimi.certificates {
      switch result {
      case .failure(let error):
        problems.append(error.reason)
      case .success(let chain):
        problems += Self.problems(of: chain[0], context: context)
      }
    }
    guard !problems.isEmpty else { return [] }
    return [
      finding(
        LocalizedText(
          en: "BIMI mark certificate '\(url)' is not usable: "
            + problems.joined(separator: "; ").en,
          de: "BIMI-Markenzertifikat '\(url)' ist unbrauchbar: "
            + problems.joined(separator: "; ").de),
        at: BIMIRuleSupport.location(record))
    ]
  }

  static func problems(of leaf: MarkCertificate, context: DomainContext) -> [LocalizedText] {
    var problems: [LocalizedText] = []
    let domain = context.domain.text
    let organizational = context.dmarc.discovery.organizationalDomain.text
    if !leaf.covers(domain) && !leaf.covers(organizational) {
      let names = leaf.names.isEmpty ? "none" : leaf.names.map { "'\($0)'" }.joined(separator: ", ")
      let namen = leaf.names.isEmpty ? "keine" : names
      problems.append(
        LocalizedText(
          en: "it is not for '\(domain)' (subjectAltName: \(names))",
          de: "es gilt nicht für '\(domain)' (subjectAltName: \(namen))"))
    }
    let now = context.bimi.fetchedAt
    if now > 0, leaf.notAfter < now {
      problems.append(LocalizedText(en: "it has expired", de: "es ist abgelaufen"))
    } else if now > 0, leaf.notBefore > now {
      problems.append(LocalizedText(en: "it is not valid yet", de: "es ist noch nicht gültig"))
    }
    if !leaf.extendedKeyUsages.contains(MarkCertificate.bimiKeyUsage) {
      problems.append(
        LocalizedText(
          en: "it lacks the BIMI extended key usage (1.3.6.1.5.5.7.3.31)",
          de: "ihm fehlt die erweiterte Schlüsselverwendung für BIMI (1.3.6.1.5.5.7.3.31)"))
    }
    if !leaf.hasLogotype {
      problems.append(
        LocalizedText(
          en: "it embeds no logo (logotype extension 1.3.6.1.5.5.7.1.12)",
          de: "es enthält kein Logo (Logotype-Erweiterung 1.3.6.1.5.5.7.1.12)"))
    }
    return problems
  }
}
