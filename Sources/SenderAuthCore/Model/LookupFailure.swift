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
///
/// One reference either way (an answer is one, a failure is boxed): contexts keep dozens of
/// results in fields, arrays and async frames, each a word instead of a failure's 64 octets.
public enum LookupResult: Hashable, Sendable {
  case answer(DNSAnswer)
  indirect case failed(LookupFailure)

  public var answer: DNSAnswer? {
    if case .answer(let answer) = self { answer } else { nil }
  }

  public var failure: LookupFailure? {
    if case .failed(let failure) = self { failure } else { nil }
  }

  /// The result of `outcome`, the outcome of asking `name`/`type` for `purpose`.
  public init(_ outcome: DNSOutcome, name: DomainName, type: RRType, purpose: String) {
    switch outcome {
    case .success(let answer):
      self = .answer(answer)
    case .failure(let error):
      self = .failed(LookupFailure(name: name, type: type, error: error, purpose: purpose))
    }
  }

  /// Asks every lookup of `lookups` at once from the calling task (no task each; each at its
  /// own resolver when it names one), keeping failures as values; the results are in
  /// `lookups`' order.
  static func fetch(_ lookups: [SingleLookup], from resolver: any DNSResolver) async
    -> [LookupResult]
  {
    await SingleLookup.run(lookups, resolver: resolver)
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
