import DNSLookup

/// The answers each authoritative name server of the domain's zone gives, asked directly:
/// what `--authoritative` compares to find servers that disagree (one still serves an old
/// record) and how long resolvers may keep the old answer.
public struct AuthoritativeContext: Sendable {
  /// One authoritative server: its NS name and one of its addresses.
  public struct Server: Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: DomainName
    public var address: IPAddress
    public var description: String { "\(name.text) (\(address))" }
  }

  /// One question asked of every server.
  public struct Question: Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: DomainName
    public var type: RRType
    public var description: String { "\(type.mnemonic) '\(name.text)'" }
  }

  /// What one server answered to one question.
  public struct Observation: Hashable, Sendable {
    public var server: Server
    public var result: LookupResult

    /// The answer in a comparable form: status and the sorted presentation of its records.
    public var signature: String {
      switch result {
      case .answer(let answer):
        let records = answer.records.map { "\($0.type.mnemonic) \($0.data.presentation)" }.sorted()
        return ([answer.status.rawValue] + records).joined(separator: "\n")
      case .failed(let failure):
        return "failed: \(failure.error.kind)"
      }
    }
  }

  /// The apex of the zone the domain is in (where its NS records are).
  public var zone: DomainName?
  public var servers: [Server]
  public var questions: [Question]
  public var observations: [Question: [Observation]]
  /// Lookups of the NS set and the servers' addresses that failed.
  public var failures: [LookupFailure]
  /// When the servers were asked (seconds since 1970), for "cached until" estimates.
  public var askedAt: Double

  /// Questions whose answers differ between servers that answered.
  public var disagreements: [Question] {
    questions.filter { question in
      let answered = (observations[question] ?? []).filter { $0.result.answer != nil }
      return Set(answered.map(\.signature)).count > 1
    }
  }

  /// Servers that gave no answer to at least one question.
  public var unreachable: [Server] {
    var seen: [Server] = []
    for question in questions {
      for observation in observations[question] ?? []
      where observation.result.failure != nil && !seen.contains(observation.server) {
        seen.append(observation.server)
      }
    }
    return seen
  }

  /// At most this many servers are asked (NS sets are small; a hostile zone is bounded).
  public static let maximumServers = 8

  /// Finds the zone's NS set through `resolver`, resolves the servers, and asks each one the
  /// `questions` directly through `serverResolver`. Independent queries go out together.
  public static func fetch(
    domain: DomainName, questions: [Question], resolver: any DNSResolver,
    serverResolver: @escaping @Sendable (IPAddress) -> any DNSResolver, askedAt: Double
  ) async -> AuthoritativeContext {
    var failures: [LookupFailure] = []
    // The zone apex: the closest name at or above the domain with NS records.
    var zone: DomainName?
    var nsNames: [DomainName] = []
    var candidate: DomainName? = domain
    while let name = candidate, !name.isRoot, zone == nil {
      switch await LookupResult.fetch(name, .ns, from: resolver, purpose: "name servers") {
      case .answer(let answer)
      where !answer.targetNames.isEmpty && answer.matching.first?.name == name:
        zone = name
        nsNames = Array(Set(answer.targetNames)).sorted().prefix(maximumServers).map { $0 }
      case .answer:
        candidate = name.parent
      case .failed(let failure):
        failures.append(failure)
        candidate = nil
      }
    }
    // The servers' addresses, all asked together.
    let servers = await withTaskGroup(of: ([Server], [LookupFailure]).self) { group in
      for name in nsNames {
        for type in [RRType.a, .aaaa] {
          group.addTask {
            switch await LookupResult.fetch(
              name, type, from: resolver, purpose: "name server address")
            {
            case .answer(let answer):
              return (answer.addresses.map { Server(name: name, address: $0) }, [])
            case .failed(let failure):
              return ([], [failure])
            }
          }
        }
      }
      var servers: [Server] = []
      for await (found, failed) in group {
        servers += found
        failures += failed
      }
      return Array(
        servers.sorted { ($0.name, $0.address.description) < ($1.name, $1.address.description) }
          .prefix(maximumServers))
    }
    let inZone = questions.filter { question in
      zone.map { question.name.isSubdomain(of: $0) } ?? false
    }
    var observations: [Question: [Observation]] = [:]
    await withTaskGroup(of: (Question, Observation).self) { group in
      for server in servers {
        let direct = serverResolver(server.address)
        for question in inZone {
          group.addTask {
            let result = await LookupResult.fetch(
              question.name, question.type, from: direct, purpose: "answer of \(server)")
            return (question, Observation(server: server, result: result))
          }
        }
      }
      for await (question, observation) in group {
        observations[question, default: []].append(observation)
      }
    }
    for question in inZone {
      observations[question]?.sort {
        ($0.server.name, $0.server.address.description) < (
          $1.server.name, $1.server.address.description
        )
      }
    }
    return AuthoritativeContext(
      zone: zone, servers: servers, questions: inZone, observations: observations,
      failures: failures, askedAt: askedAt)
  }
}
