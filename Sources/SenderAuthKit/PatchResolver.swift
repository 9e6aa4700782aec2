import DNSLookup

/// One record set: an owner and a type.
struct RecordSetKey: Hashable, Sendable, Comparable {
  var owner: DomainName
  var type: RRType

  static func < (lhs: RecordSetKey, rhs: RecordSetKey) -> Bool {
    (lhs.owner.absolute, lhs.type.mnemonic) < (rhs.owner.absolute, rhs.type.mnemonic)
  }
}

/// The DNS data a session fetched with a plan applied: the record sets the plan changes are
/// answered from the plan, everything else from the session's resolver (and its cache), so
/// checking the patched data asks only for names nobody asked before (a new include).
struct PatchResolver: StartingResolver {
  var base: any DNSResolver
  /// The record sets as they are after the plan (an empty set: removed).
  var patch: [RecordSetKey: [ResourceRecord]]

  /// CNAME hops followed through patched names.
  static let maximumChain = 16

  func start(_ question: DNSQuestion, for receiver: any DNSQueryReceiver)
    -> (any DNSQueryHandle)?
  {
    start(question.name, question.type, hops: 0, receiver: receiver)
  }

  private func start(
    _ name: DomainName, _ type: RRType, hops: Int, receiver: any DNSQueryReceiver
  ) -> (any DNSQueryHandle)? {
    if type != .cname, let cname = patch[RecordSetKey(owner: name, type: .cname)]?.first,
      case .cname(let target) = cname.data
    {
      guard hops < Self.maximumChain else {
        receiver.receive(.failure(.serverFailure(server: "plan (CNAME loop at '\(name.text)')")))
        return nil
      }
      let joined = DNSCompletion { outcome in
        receiver.receive(
          outcome.map { next in
            DNSAnswer(
              name: name, type: type, status: next.status, records: [cname] + next.records,
              negativeTTL: next.negativeTTL, server: next.server)
          })
      }
      return start(target, type, hops: hops + 1, receiver: joined)
    }
    if let records = patch[RecordSetKey(owner: name, type: type)] {
      receiver.receive(
        .success(
          DNSAnswer(
            name: name, type: type, status: records.isEmpty ? .nodata : .answer,
            records: records, negativeTTL: records.isEmpty ? 300 : nil, server: "plan")))
      return nil
    }
    let patch = self.patch
    return base.start(
      name, type,
      for: DNSCompletion { outcome in
        receiver.receive(outcome.map { Self.patched($0, name: name, type: type, patch: patch) })
      })
  }

  /// The base's `answer` for `name` as the plan leaves it.
  private static func patched(
    _ answer: DNSAnswer, name: DomainName, type: RRType,
    patch: [RecordSetKey: [ResourceRecord]]
  ) -> DNSAnswer {
    var answer = answer
    // A CNAME the plan removes no longer leads anywhere.
    if patch[RecordSetKey(owner: name, type: .cname)] != nil,
      answer.records.first?.type == .cname, answer.records.first?.name == name
    {
      return DNSAnswer(name: name, type: type, status: .nodata, negativeTTL: 300, server: "plan")
    }
    // A name the plan gives records to exists, whatever the data before said.
    if answer.status == .nxdomain,
      patch.contains(where: { !$0.value.isEmpty && $0.key.owner.isSubdomain(of: name) })
    {
      answer.status = .nodata
    }
    return answer
  }
}
