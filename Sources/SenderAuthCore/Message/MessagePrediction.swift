import DNSLookup

/// What a receiver will conclude about the message of `check --message`, predicted from
/// today's DNS: SPF for the sending IP on the envelope domain, each DKIM signature's key and
/// alignment, and the DMARC result with the policy that applies. Pure over a `DomainContext`.
///
/// A DKIM signature is taken to verify when its key is published and usable: the signature
/// itself needs the message as sent, which a pasted header does not carry. Where the message
/// carries the receiver's own `Authentication-Results`, `receiver` holds them and `differences`
/// explains where they and the prediction part.
public struct MessagePrediction: Hashable, Sendable, Codable {
  /// SPF for the message.
  public struct SPF: Hashable, Sendable, Codable {
    /// The domain SPF is checked for (the envelope sender's, or the HELO name); nil unknown.
    public var domain: String?
    public var ip: String?
    /// `pass fail softfail neutral none permerror temperror`, or `unknown` when the sending IP
    /// or the envelope domain is not known.
    public var result: String
    /// The envelope domain aligns with From under `aspf`; nil when it cannot be told.
    public var aligned: Bool?
    /// The term that decided, when one matched.
    public var matchedTerm: String?
  }

  /// One DKIM signature.
  public struct DKIM: Hashable, Sendable, Codable {
    public var domain: String?
    public var selector: String?
    /// A usable key is published at `<selector>._domainkey.<domain>`; nil when the lookup failed.
    public var keyFound: Bool?
    /// `d=` aligns with From under `adkim`; nil when it cannot be told.
    public var aligned: Bool?
    /// Why the signature cannot verify whatever DNS says (a broken tag), or the key's state.
    public var problem: LocalizedText?
  }

  /// The DMARC outcome.
  public struct DMARC: Hashable, Sendable, Codable {
    public enum Result: String, Hashable, Sendable, Codable {
      case pass
      case fail
      /// No DMARC record applies to the From domain (none, or several discarded at one name):
      /// receivers apply no DMARC, and the result is "none" as in Authentication-Results.
      case none
      case unknown
    }
    public var result: Result
    /// The policy receivers apply (`none quarantine reject`, after `t=y`); nil without a DMARC
    /// record that applies.
    public var policy: String?
    /// Where the policy was found (`_dmarc.<domain>`'s domain).
    public var policyDomain: String?
    /// Whether SPF or DKIM passes aligned with From for this message, as DMARC asks whether or
    /// not a record applies: nil when that cannot be told (a lookup failed, no sending IP).
    public var authenticated: Bool? = nil
    /// When no policy applies because a `_dmarc` name holds several records (which receivers
    /// are to ignore): that name.
    public var severalRecordsAt: String? = nil
  }

  /// The reverse DNS of the sending IP, as the `iprev` method (RFC 8601 §3) judges it.
  public struct ReverseDNS: Hashable, Sendable, Codable {
    /// Why the reverse DNS was not checked.
    public enum Unchecked: String, Hashable, Sendable, Codable {
      /// The address is an internal relay's (private, loopback …), not the sender's.
      case internalAddress
      /// Only zones or a recording answer, and none holds its reverse DNS.
      case notAnswered
    }

    public var ip: String
    /// `pass` (a PTR name resolves back to the address), `fail` (none of its PTR names does),
    /// `permerror` (no PTR record), `temperror` (a lookup failed); `notChecked` (`unchecked`
    /// says why).
    public var result: String
    /// The PTR name that resolves back (`pass`), the first one (`fail`), the one whose address
    /// lookup failed (`temperror`), or the name no zone or recording answers (`notChecked`).
    public var name: String?
    public var unchecked: Unchecked?

    /// Not checked, for `why`.
    public init(notChecked ip: IPAddress, why: Unchecked) {
      self.ip = ip.description
      result = "notChecked"
      unchecked = why
    }

    /// The result for `check`.
    public init(_ check: SendingIPCheck) {
      ip = check.address.description
      if check.ptr.failure != nil {
        result = "temperror"
      } else if check.ptrNames.isEmpty {
        result = "permerror"
      } else if let confirmed = check.confirmedNames.first {
        (result, name) = ("pass", confirmed.text)
      } else if let unconfirmable = check.unconfirmableNames.first {
        (result, name) = ("temperror", unconfirmable.text)
      } else {
        (result, name) = ("fail", check.ptrNames.first?.text)
      }
    }
  }

  /// The receiver's own verdicts, from its `Authentication-Results`.
  public struct Receiver: Hashable, Sendable, Codable {
    public struct Signature: Hashable, Sendable, Codable {
      public var domain: String?
      public var selector: String?
      public var result: String
      public var reason: String?
    }
    public var server: String?
    public var spf: String?
    public var spfDomain: String?
    public var dkim: [Signature]
    public var dmarc: String?
    /// Its `iprev` result (reverse DNS of the address it got the message from).
    public var iprev: String?
    /// The address its `iprev` result is for (`policy.iprev`, `smtp.remote-ip`,
    /// `smtp.client-ip`), when it names one.
    public var iprevAddress: String?
  }

  /// The From domain.
  public var from: String
  public var subject: String?
  public var spf: SPF
  public var dkim: [DKIM]
  public var dmarc: DMARC
  /// The sending IP's reverse DNS; nil when the headers name no sending IP.
  public var reverseDNS: ReverseDNS?
  public var receiver: Receiver?
  /// Where the receiver's results and the prediction part, and the likely reason, one each.
  public var differences: [LocalizedText]

  /// The prediction for the context's message; nil without one.
  public init?(context: borrowing DomainContext) {
    guard let message = context.message else { return nil }
    let headers = message.headers
    let dmarc = context.dmarc
    let record = dmarc.discovery.policyRecord
    let fromOrg = dmarc.discovery.organizationalDomain
    let walks = message.walkLookups.merging(dmarc.walkLookups) { first, _ in first }

    /// Relaxed or strict alignment of `domain` with From; nil when its organizational domain is
    /// not known (a walk lookup failed).
    func aligns(_ domain: DomainName, mode: DMARCAlignmentMode) -> Bool? {
      if mode == .strict { return domain == headers.fromDomain }
      if domain == headers.fromDomain { return true }
      guard let org = DMARCDiscovery.organizationalDomain(of: domain, lookups: walks) else {
        return nil
      }
      return org == fromOrg
    }

    from = headers.fromDomain.text
    subject = headers.subject
    let spfAligned = headers.envelopeDomain.flatMap {
      aligns($0, mode: record?.spfAlignment ?? .relaxed)
    }
    let unknownEnvelope = message.envelopeTXT?.failure != nil
    spf = SPF(
      domain: headers.envelopeDomain?.text, ip: headers.sendingIP?.description,
      result: unknownEnvelope ? "temperror" : (message.spf?.result.rawValue ?? "unknown"),
      aligned: spfAligned, matchedTerm: message.spf?.matchedTerm)

    var signatures: [DKIM] = []
    for (index, signature) in headers.signatures.enumerated() {
      let key = message.key(index)
      var keyFound: Bool? = key.map { $0.hasUsableKey }
      if key?.status == .lookupFailed { keyFound = nil }
      if signature.problem != nil { keyFound = false }
      var problem = signature.problem
      if problem == nil, let key, !key.hasUsableKey, key.status != .lookupFailed {
        problem = Self.keyProblem(key)
      }
      signatures.append(
        DKIM(
          domain: signature.domain?.text, selector: signature.selector, keyFound: keyFound,
          aligned: signature.domain.flatMap { aligns($0, mode: record?.dkimAlignment ?? .relaxed) },
          problem: problem))
    }
    dkim = signatures

    let spfPasses = spf.result == SPFResult.pass.rawValue
    // "unknown": the headers name no sending IP (or only internal relays), so SPF was not
    // evaluated; like a lookup that failed, that leaves DMARC unknown unless DKIM passes.
    let spfUnknown =
      spf.result == "temperror" || spf.result == "unknown" || (spfPasses && spf.aligned == nil)
    let dkimPasses = signatures.contains { $0.keyFound == true && $0.aligned == true }
    let dkimUnknown = signatures.contains {
      ($0.keyFound == nil && $0.aligned != false) || ($0.keyFound == true && $0.aligned == nil)
    }
    let authenticated: Bool? =
      if (spfPasses && spf.aligned == true) || dkimPasses {
        true
      } else if spfUnknown || dkimUnknown || dmarc.discovery.incomplete {
        nil
      } else {
        false
      }
    let result: DMARC.Result =
      if !dmarc.discovery.incomplete, dmarc.discovery.policyRecord == nil {
        .none
      } else {
        switch authenticated {
        case true?: .pass
        case false?: .fail
        case nil: .unknown
        }
      }
    let several =
      result == .none
      ? dmarc.discovery.steps.first { $0.outcome == .multipleRecords }.flatMap {
        try? $0.domain.prepending("_dmarc")
      }?.text : nil
    self.dmarc = DMARC(
      result: result, policy: dmarc.discovery.effectivePolicy?.rawValue,
      policyDomain: dmarc.discovery.policyDomain?.text, authenticated: authenticated,
      severalRecordsAt: several)
    reverseDNS = headers.sendingIP.map { ip in
      guard let check = context.sendingIPs.check(for: ip) else {
        return ReverseDNS(
          notChecked: ip, why: headers.publicSendingIP == nil ? .internalAddress : .notAnswered)
      }
      guard let unanswered = check.unanswered else { return ReverseDNS(check) }
      var reverse = ReverseDNS(notChecked: ip, why: .notAnswered)
      reverse.name = unanswered.text
      return reverse
    }
    receiver = headers.receiver.map(Self.receiver)
    differences = []
    differences = Self.differences(self, given: context.options.ips)
  }

  /// The key's state in words, for a probe that found no usable key.
  static func keyProblem(_ key: DKIMSelectorResult) -> LocalizedText {
    let name = key.name?.text ?? key.selector
    return switch key.status {
    case .nxdomain, .nodata:
      LocalizedText(en: "no key at '\(name)'", de: "kein Schlüssel unter '\(name)'")
    case .danglingCNAME:
      LocalizedText(
        en: "the CNAME at '\(name)' leads nowhere", de: "der CNAME unter '\(name)' führt ins Leere")
    case .revoked:
      LocalizedText(
        en: "the key at '\(name)' is revoked (empty p=)",
        de: "der Schlüssel unter '\(name)' ist widerrufen (leeres p=)")
    case .cnameLoop, .cnameTooLong:
      LocalizedText(
        en: "the CNAME chain at '\(name)' loops or is too long",
        de: "die CNAME-Kette unter '\(name)' ist eine Schleife oder zu lang")
    case .multipleRecords:
      LocalizedText(
        en: "several key records answer at '\(name)'",
        de: "unter '\(name)' antworten mehrere Schlüsseleinträge")
    default:
      LocalizedText(
        en: "the key record at '\(name)' cannot be used ('\(key.status.rawValue)')",
        de: "der Schlüsseleintrag unter '\(name)' ist nicht nutzbar ('\(key.status.rawValue)')")
    }
  }

  /// The receiver's results in brief.
  static func receiver(_ results: AuthenticationResults) -> Receiver {
    let spf = results.results(for: "spf").first
    let signatures = results.results(for: "dkim").map { result in
      var domain = result.properties["header.d"]
      if domain == nil, let identity = result.properties["header.i"],
        let at = identity.lastIndex(of: "@")
      {
        domain = String(identity[identity.index(after: at)...])
      }
      return Receiver.Signature(
        domain: domain?.lowercased(), selector: result.properties["header.s"]?.lowercased(),
        result: result.result, reason: result.reason ?? result.comment)
    }
    let iprev = results.results(for: "iprev").first
    var spfDomain = spf?.properties["smtp.mailfrom"] ?? spf?.properties["smtp.helo"]
    if let value = spfDomain, let at = value.lastIndex(of: "@") {
      spfDomain = String(value[value.index(after: at)...])
    }
    return Receiver(
      server: results.authservID, spf: spf?.result, spfDomain: spfDomain?.lowercased(),
      dkim: signatures, dmarc: results.results(for: "dmarc").first?.result,
      iprev: iprev?.result,
      iprevAddress: ["policy.iprev", "smtp.remote-ip", "smtp.client-ip"].lazy.compactMap {
        iprev?.properties[$0].flatMap(ReceivedHeader.address)?.description
      }.first)
  }
}
