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
  /// The message of `check --message`: its keys, SPF and walks.
  public var message: MessageContext?
  /// The parts a command judges (`spf` judges only SPF): failures outside them are not
  /// reported and do not make verdicts unknown.
  public var scope: RuleInputs = .all

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

  /// Every lookup that failed while fetching, from every part in `scope`.
  public var failures: [LookupFailure] { failures(in: .all) }

  /// The failed lookups of the parts in `inputs` (and in `scope`), each once, in part order.
  public func failures(in inputs: RuleInputs) -> [LookupFailure] {
    guard hasFailures else { return [] }
    let inputs = inputs.intersection(scope)
    // Every rule that passes asks; the parts' failures are gathered once per set of parts.
    return memo.failures(in: inputs, of: self) { $0.collectFailures(in: $1) }
  }

  /// True when a lookup of a part in `scope` failed.
  public var hasFailures: Bool {
    memo.hasFailures(of: self) { !$0.collectFailures(in: $0.scope).isEmpty }
  }

  private func collectFailures(in inputs: RuleInputs) -> [LookupFailure] {
    var out: [LookupFailure] = []
    if inputs.contains(.spfRecord), let failure = spf.txt.failure { out.append(failure) }
    if inputs.contains(.spfTree) {
      out += spf.failures.filter { $0 != spf.txt.failure }
    }
    if inputs.contains(.dmarc) { out += dmarc.failures }
    if inputs.contains(.dkim) { out += dkim.failures }
    if inputs.contains(.mail) { out += mail.failures }
    if inputs.contains(.sendingIPs) { out += sendingIPs.failures }
    if inputs.contains(.esp) { out += esp.failures }
    if inputs.contains(.authoritative) { out += authoritative?.failures ?? [] }
    if inputs.contains(.mtaSTS) { out += mtaSTS.failures }
    if inputs.contains(.tlsRPT) { out += tlsRPT.failures }
    if inputs.contains(.bimi) { out += bimi.failures }
    if inputs.contains(.dnssec) { out += dnssec.failures }
    if inputs.contains(.message) { out += message?.failures ?? [] }
    var seen: Set<LookupFailure> = []
    return out.filter { seen.insert($0).inserted }
  }

  /// True when at least one of the domain's own lookups (SPF TXT, DMARC TXT, MX) got an
  /// answer: false when every lookup failed, so that nothing could be checked.
  public var anyLookupAnswered: Bool {
    spf.txt.answer != nil || dmarc.txt.answer != nil || mail.mx.answer != nil
  }

  /// True when the domain itself does not exist (NXDOMAIN at its name): an answer, not a
  /// failure, and the cause of every other finding about it.
  public var domainMissing: Bool {
    spf.txt.answer?.status == .nxdomain && mail.mx.answer?.status != .answer
      && mail.mx.answer?.status != .nodata
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
