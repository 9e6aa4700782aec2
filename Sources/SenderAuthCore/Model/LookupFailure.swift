import DNSLookup

/// A query that failed (timeout, SERVFAIL …): what was asked, and why no answer came.
public struct LookupFailure: Hashable, Sendable {
  public var name: DomainName
  public var type: RRType
  public var error: DNSError
  /// What the answer was needed for (`SPF record`, `DKIM selector 's1'`).
  public var purpose: String

  public init(name: DomainName, type: RRType, error: DNSError, purpose: String) {
    self.name = name
    self.type = type
    self.error = error
    self.purpose = purpose
  }
}

/// The result of one lookup as the context keeps it: an answer, or a failure.
public enum LookupResult: Hashable, Sendable {
  case answer(DNSAnswer)
  case failed(LookupFailure)

  public var answer: DNSAnswer? {
    if case .answer(let answer) = self { answer } else { nil }
  }

  public var failure: LookupFailure? {
    if case .failed(let failure) = self { failure } else { nil }
  }

  /// Queries `name`/`type`, keeping a failure as a value.
  public static func fetch(
    _ name: DomainName, _ type: RRType, from resolver: any DNSResolver, purpose: String
  ) async -> LookupResult {
    do {
      return .answer(try await resolver.query(name, type))
    } catch {
      return .failed(LookupFailure(name: name, type: type, error: error, purpose: purpose))
    }
  }
}
