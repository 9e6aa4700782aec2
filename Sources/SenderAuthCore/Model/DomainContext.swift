import DNSLookup

/// Everything fetched for one domain: what every rule reads. Rules never query DNS.
public struct DomainContext: Sendable {
  /// The domain checked (the RFC 5322 From domain).
  public var domain: DomainName
  public var options: CheckOptions
  public var spf: SPFContext
  public var dmarc: DMARCContext
  public var dkim: DKIMContext
  public var mail: MailHostContext
  /// What each authoritative server answers, with `--authoritative`.
  public var authoritative: AuthoritativeContext?
  /// Values derived from this context once for every rule that reads them. Code that changes
  /// a field the derived values read must give the copy a new `ContextMemo()`.
  public var memo = ContextMemo()
  /// The sending IPs of `--ip`: PTR, forward confirmation, SPF authorization.
  public var sendingIPs: SendingIPContext
  /// The names ESP setups put below the domain, and the `--return-path` domain.
  public var esp: ESPContext
  /// MTA-STS (RFC 8461), TLS-RPT (RFC 8460), BIMI and DNSSEC.
  public var mtaSTS = MTASTSContext()
  public var tlsRPT = TLSRPTContext()
  public var bimi = BIMIContext()
  public var dnssec = DNSSECContext()

  public init(
    domain: DomainName, options: CheckOptions, spf: SPFContext, dmarc: DMARCContext,
    dkim: DKIMContext, mail: MailHostContext, sendingIPs: SendingIPContext = SendingIPContext(),
    esp: ESPContext = ESPContext()
  ) {
    self.domain = domain
    self.options = options
    self.spf = spf
    self.dmarc = dmarc
    self.dkim = dkim
    self.mail = mail
    self.sendingIPs = sendingIPs
    self.esp = esp
  }

  /// Every lookup that failed while fetching, from every part.
  public var failures: [LookupFailure] {
    spf.failures + dmarc.failures + dkim.failures + mail.failures + sendingIPs.failures
      + esp.failures + mtaSTS.failures + tlsRPT.failures + bimi.failures + dnssec.failures
      + (authoritative?.failures ?? [])
  }

  /// The questions the checks' verdicts rest on at the domain's own zone: SPF and DMARC TXT,
  /// MX, and the DKIM selectors found.
  public var dependedOnQuestions: [AuthoritativeContext.Question] {
    var questions: [AuthoritativeContext.Question] = [
      .init(name: domain, type: .txt), .init(name: domain, type: .mx),
    ]
    if let dmarc = try? domain.prepending("_dmarc") {
      questions.append(.init(name: dmarc, type: .txt))
    }
    for selector in dkim.found {
      if let name = selector.name { questions.append(.init(name: name, type: .txt)) }
    }
    return questions
  }
}
