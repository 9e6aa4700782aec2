import DNSLookup
import SenderAuthCore

/// `mta-sts.policy-unavailable`: the domain publishes an MTA-STS record but the policy file
/// cannot be fetched as senders fetch it: no address, refused, timeout, TLS or certificate
/// error, an HTTP status other than 200, a redirect, the wrong media type, or too large.
public struct MTASTSPolicyUnavailableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "mta-sts.policy-unavailable",
    title: LocalizedText(
      en: "The MTA-STS policy cannot be fetched", de: "Die MTA-STS-Richtlinie ist nicht abrufbar"),
    rationale: LocalizedText(
      en: """
        Senders fetch the policy from https://mta-sts.<domain>/.well-known/mta-sts.txt over \
        HTTPS with a certificate valid for that host name, expect HTTP 200 with media type \
        text/plain, follow no redirects and stop at a size limit (RFC 8461 §3.2, §3.3). When \
        the fetch fails and they hold no cached policy, they deliver as if the domain had no \
        MTA-STS: the published record protects nothing, and senders that cached an enforced \
        policy keep using an outdated one.
        """,
      de: """
        Sendende Mailserver holen die Richtlinie von https://mta-sts.<Domain>/.well-known/mta-sts.txt \
        über HTTPS mit einem für diesen Hostnamen gültigen Zertifikat, erwarten HTTP 200 mit \
        dem Medientyp text/plain, folgen keinen Umleitungen und brechen bei einer \
        Größengrenze ab (RFC 8461 §3.2, §3.3). Schlägt der Abruf fehl und haben sie keine \
        gespeicherte Richtlinie, stellen sie zu, als hätte die Domain kein MTA-STS: der \
        veröffentlichte Eintrag schützt nichts, und sendende Mailserver mit einer gespeicherten \
        Richtlinie im Modus enforce nutzen eine veraltete.
        """),
    howToFix: LocalizedText(
      en: """
        Serve the policy at that URL over HTTPS with a certificate for mta-sts.<domain> from \
        a public certification authority, status 200, Content-Type text/plain, no redirect.
        """,
      de: """
        Liefern Sie die Richtlinie unter dieser URL über HTTPS aus, mit einem Zertifikat \
        für mta-sts.<Domain> von einer öffentlichen Zertifizierungsstelle, Status 200, \
        Content-Type text/plain und ohne Umleitung.
        """),
    references: [MTASTSRuleSupport.rfc8461("3.3"), MTASTSRuleSupport.rfc8461("3.2")],
    severity: .error,
    triggering: [
      RuleExample(zone: MTASTSRuleSupport.zone(), web: MTASTSRuleSupport.web("", status: 404)),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy(), type: "text/html")),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: [MTASTSRuleSupport.policyURL: .failing("certificate")]),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: [
          MTASTSRuleSupport.policyURL: ExampleResource(
            status: 301, location: "https://www.example.com/mta-sts.txt")
        ]),
    ],
    nonTriggering: [
      RuleExample(
        zone: MTASTSRuleSupport.zone(), web: MTASTSRuleSupport.web(MTASTSRuleSupport.policy())),
      RuleExample(
        zone: MTASTSRuleSupport.zone(),
        web: MTASTSRuleSupport.web(
          MTASTSRuleSupport.policy(), type: "text/plain; charset=utf-8")),
      // Offline: nothing was fetched, so nothing can be said.
      RuleExample(zone: MTASTSRuleSupport.zone()),
    ])

  public func check(_ context: DomainContext) -> [Finding] {
    guard let problem = context.mtaSTS.policyProblem, !problem.isUnknown,
      let url = context.mtaSTS.policyURL
    else { return [] }
    return [
      finding(
        LocalizedText(
          en: "MTA-STS policy '\(url)' cannot be fetched: \(problem.localized.en); senders "
            + "treat the domain as having no MTA-STS",
          de: "MTA-STS-Richtlinie '\(url)' ist nicht abrufbar: \(problem.localized.de); "
            + "sendende Mailserver behandeln die Domain, als hätte sie kein MTA-STS"),
        at: MTASTSRuleSupport.policyLocation(context),
        fix: Self.fix(problem, url: url))
    ]
  }

  /// What to do about `problem`: a host without address gets a CNAME to fill in; the rest is
  /// web-server work, said in words.
  static func fix(_ problem: HTTPSProblem, url: HTTPSURL) -> Fix {
    guard case .failed(.noAddress) = problem else {
      return Fix(explanation: advice(problem, url: url))
    }
    return Fix(
      explanation: advice(problem, url: url),
      add: [DNSChange(owner: url.host, type: .cname, value: "<your-policy-web-server>.")])
  }

  /// What to do about `problem`, in words.
  static func advice(_ problem: HTTPSProblem, url: HTTPSURL) -> LocalizedText {
    let host = url.host.text
    switch problem {
    case .failed(.noAddress):
      return LocalizedText(
        en: "Point '\(host)' (A/AAAA or CNAME) at the web server that serves the policy.",
        de: "Lassen Sie '\(host)' (A/AAAA oder CNAME) auf den Webserver zeigen, der die "
          + "Richtlinie bereitstellt.")
    case .failed(.certificate):
      return LocalizedText(
        en: "Install a certificate for '\(host)' from a public certification authority "
          + "(e.g. Let's Encrypt) on that web server, with its intermediate certificates.",
        de: "Installieren Sie auf diesem Webserver ein Zertifikat für '\(host)' von einer "
          + "öffentlichen Zertifizierungsstelle (z. B. Let's Encrypt) samt "
          + "Zwischenzertifikaten.")
    case .failed(.refused), .failed(.timeout), .failed(.network), .failed(.tls):
      return LocalizedText(
        en: "Make the web server for '\(host)' accept HTTPS on port 443 (TLS 1.2 or newer).",
        de: "Sorgen Sie dafür, dass der Webserver für '\(host)' HTTPS auf Port 443 annimmt "
          + "(TLS 1.2 oder neuer).")
    case .failed(.tooLarge):
      return LocalizedText(
        en: "Serve only the policy: a few lines of text, far below 64 KB.",
        de: "Liefern Sie nur die Richtlinie aus: wenige Zeilen Text, weit unter 64 KB.")
    case .redirect:
      return LocalizedText(
        en: "Serve the policy at '\(url)' itself; senders do not follow redirects.",
        de:
          "Liefern Sie die Richtlinie direkt unter '\(url)' aus; sendende Mailserver folgen keinen "
          + "Umleitungen.")
    case .contentType:
      return LocalizedText(
        en: "Serve '\(url.path)' with 'Content-Type: text/plain'.",
        de: "Liefern Sie '\(url.path)' mit 'Content-Type: text/plain' aus.")
    case .status, .failed:
      return LocalizedText(
        en: "Put the policy file at '\(url)' so that it is served with status 200.",
        de: "Legen Sie die Richtliniendatei unter '\(url)' ab, sodass sie mit Status 200 "
          + "ausgeliefert wird.")
    }
  }
}
