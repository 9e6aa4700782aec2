import DNSLookup

/// Probes one selector: TXT at `<selector>._domainkey.<domain>`, its CNAME chain hop by hop,
/// and the key records at the end of it.
enum DKIMProbe {
  /// The state of one walk down a CNAME chain.
  private struct Walk {
    var current: DomainName
    var chain: [DKIMCNAMEHop] = []
    var seen: Set<DomainName>

    init(start: DomainName) {
      current = start
      seen = [start]
    }

    enum Step {
      case advanced
      case loop
      case tooLong
    }

    /// Adds the hop `record` (a CNAME owned by `current`) and moves to its target.
    mutating func follow(_ record: ResourceRecord, to target: DomainName) -> Step {
      chain.append(
        DKIMCNAMEHop(
          name: record.name, target: target, ttl: record.ttl, file: record.origin?.file,
          line: record.origin?.line))
      if seen.contains(target) { return .loop }
      if chain.count > DKIMContext.maxCNAMEHops { return .tooLong }
      seen.insert(target)
      current = target
      return .advanced
    }
  }

  static func probe(
    _ candidate: DKIMSelectorCandidate, domain: DomainName, resolver: any DNSResolver
  ) async -> DKIMSelectorResult {
    let selector = candidate.selector
    func result(
      _ status: DKIMSelectorResult.Status, _ walk: Walk?, target: DNSAnswer.Status? = nil,
      records: [DKIMKeyRecordResult] = [], failure: LookupFailure? = nil
    ) -> DKIMSelectorResult {
      DKIMSelectorResult(
        selector: selector, source: candidate.source,
        name: DKIMSelectors.keyName(selector: selector, domain: domain),
        cnameChain: walk?.chain ?? [], status: status, targetStatus: target, records: records,
        failure: failure)
    }
    guard let start = DKIMSelectors.keyName(selector: selector, domain: domain) else {
      return result(.invalidSelector, nil)
    }
    let purpose = "DKIM selector '\(selector)'"
    var walk = Walk(start: start)
    // Each round asks TXT at the current end of the chain; a round either ends the walk or
    // moves it at least one hop, and hops are bounded, so the rounds are too.
    for _ in 0...(DKIMContext.maxCNAMEHops + 1) {
      let answer: DNSAnswer
      switch await LookupResult.fetch(walk.current, .txt, from: resolver, purpose: purpose) {
      case .answer(let value):
        answer = value
      case .failed(let failure):
        // Resolvers give up on loops and long chains with SERVFAIL: walk on with CNAME queries.
        switch await followOneCNAME(&walk, resolver: resolver, purpose: purpose) {
        case .advanced: continue
        case .loop: return result(.cnameLoop, walk)
        case .tooLong: return result(.cnameTooLong, walk)
        case nil: return result(.lookupFailed, walk, failure: failure)
        }
      }
      let before = walk.chain.count
      for record in answer.records where record.type == .cname && record.name == walk.current {
        guard case .cname(let target) = record.data else { continue }
        switch walk.follow(record, to: target) {
        case .advanced: continue
        case .loop: return result(.cnameLoop, walk)
        case .tooLong: return result(.cnameTooLong, walk)
        }
      }
      let txt = answer.records.filter { $0.type == .txt }
      if !txt.isEmpty {
        if !txt.contains(where: { $0.name == walk.current }) {
          // The answer names its records' owner but not how it got there: ask hop by hop.
          let owner = txt[0].name
          reconstruct: for _ in 0...DKIMContext.maxCNAMEHops where walk.current != owner {
            switch await followOneCNAME(&walk, resolver: resolver, purpose: purpose) {
            case .advanced: continue
            case .loop: return result(.cnameLoop, walk)
            case .tooLong: return result(.cnameTooLong, walk)
            case nil: break reconstruct
            }
          }
        }
        let records = txt.map { record in
          let strings: [[UInt8]] = if case .txt(let strings) = record.data { strings } else { [] }
          return DKIMKeyRecordResult(
            owner: record.name, ttl: record.ttl, strings: strings, file: record.origin?.file,
            line: record.origin?.line)
        }
        return result(status(of: records), walk, records: records)
      }
      switch answer.status {
      case .nxdomain, .nodata:
        if walk.chain.isEmpty {
          return result(answer.status == .nxdomain ? .nxdomain : .nodata, walk)
        }
        // An authoritative server answers a CNAME into another zone without following it
        // (NOERROR, the CNAME only): ask at the chain's end before calling it dangling.
        if answer.status == .nodata, walk.chain.count > before { continue }
        return result(.danglingCNAME, walk, target: answer.status)
      case .answer:
        // CNAMEs only: the resolver did not follow the chain (another zone); ask at its end.
        if walk.chain.count == before { return result(.nodata, walk) }
      }
    }
    return result(.cnameTooLong, walk)
  }

  /// Asks CNAME at the end of the walk and follows one hop; nil when there is none.
  private static func followOneCNAME(
    _ walk: inout Walk, resolver: any DNSResolver, purpose: String
  ) async -> Walk.Step? {
    let answer = await LookupResult.fetch(walk.current, .cname, from: resolver, purpose: purpose)
    guard
      let record = answer.answer?.records.first(where: {
        $0.type == .cname && $0.name == walk.current
      }),
      case .cname(let target) = record.data
    else { return nil }
    return walk.follow(record, to: target)
  }

  /// The selector's status from its TXT records.
  private static func status(of records: [DKIMKeyRecordResult]) -> DKIMSelectorResult.Status {
    let keyRecords = records.filter { $0.status != .notKeyRecord }
    guard let first = keyRecords.first else { return .notKeyRecord }
    // Any second TXT record counts: a verifier may pick either (RFC 6376 §3.6.2.2).
    if records.count > 1 { return .multipleRecords }
    switch first.status {
    case .valid: return .key
    case .revoked: return .revoked
    case .invalidKey, .discarded, .notKeyRecord: return .invalid
    }
  }
}
