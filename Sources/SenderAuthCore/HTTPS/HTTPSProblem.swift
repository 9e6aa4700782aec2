/// Why a fetched document cannot be used: the fetch failed, the status was not 200, the
/// server redirected, or it was served with the wrong media type.
public enum HTTPSProblem: Hashable, Sendable {
  case failed(HTTPSFailure)
  case status(Int)
  /// A 3xx: redirects are not followed (RFC 8461 §3.3 for MTA-STS policies).
  case redirect(status: Int, location: String?)
  /// Served as `contentType` (nil: no Content-Type) instead of one of `expected`.
  case contentType(String?, expected: [String])

  /// The problem of `fetch`, nil when it got a 200 with one of the `expected` media types
  /// (any media type when `expected` is empty).
  public init?(_ fetch: HTTPSFetch, expecting expected: [String]) {
    switch fetch {
    case .failed(let failure):
      self = .failed(failure)
    case .response(let response):
      if (300..<400).contains(response.status) {
        self = .redirect(status: response.status, location: response.location)
      } else if response.status != 200 {
        self = .status(response.status)
      } else if !expected.isEmpty, !expected.contains(response.mediaType ?? "") {
        self = .contentType(response.contentType, expected: expected)
      } else {
        return nil
      }
    }
  }

  /// True when the problem is ours, not the server's: no fetch was attempted (offline), or
  /// the host's address lookup failed. What rests on the document is unknown then.
  public var isUnknown: Bool {
    guard case .failed(let failure) = self else { return false }
    switch failure {
    case .notAttempted, .lookupFailed, .deadline: return true
    default: return false
    }
  }

  /// What went wrong, in every language.
  public var localized: LocalizedText {
    switch self {
    case .failed(let failure):
      return failure.localized
    case .status(let status):
      return LocalizedText(
        en: "the server answered HTTP \(status)", de: "der Server antwortete mit HTTP \(status)")
    case .redirect(let status, let location):
      let target = location.map { " to '\($0)'" } ?? ""
      let ziel = location.map { " nach '\($0)'" } ?? ""
      return LocalizedText(
        en: "the server redirects (HTTP \(status))\(target); redirects are not followed",
        de: "der Server leitet um (HTTP \(status))\(ziel); Umleitungen werden nicht verfolgt")
    case .contentType(let type, let expected):
      let wanted = expected.map { "'\($0)'" }.joined(separator: " or ")
      let gewollt = expected.map { "'\($0)'" }.joined(separator: " oder ")
      guard let type else {
        return LocalizedText(
          en: "the server sends no Content-Type; \(wanted) is required",
          de: "der Server sendet keinen Content-Type; \(gewollt) ist nötig")
      }
      return LocalizedText(
        en: "the server sends Content-Type '\(type)'; \(wanted) is required",
        de: "der Server sendet Content-Type '\(type)'; \(gewollt) ist nötig")
    }
  }
}
