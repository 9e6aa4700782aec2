import DNSLookup

/// One HTTPS GET: where, and how much of the body to read at most.
public struct HTTPSRequest: Hashable, Sendable {
  public var url: HTTPSURL
  /// Bodies longer than this end the fetch with `HTTPSFailure.tooLarge` (never buffered
  /// beyond it).
  public var maximumSize: Int

  public init(url: HTTPSURL, maximumSize: Int) {
    self.url = url
    self.maximumSize = maximumSize
  }
}

/// What the server sent. Redirects are never followed: a 3xx comes back as it is, with its
/// `Location`.
public struct HTTPSResponse: Hashable, Sendable {
  public var status: Int
  /// The `Content-Type` header as sent (`text/plain; charset=utf-8`), nil when absent.
  public var contentType: String?
  /// The `Location` header of a redirect.
  public var location: String?
  public var body: [UInt8]

  public init(status: Int, contentType: String? = nil, location: String? = nil, body: [UInt8]) {
    self.status = status
    self.contentType = contentType
    self.location = location
    self.body = body
  }

  /// The media type without parameters, lower-cased (`text/plain`).
  public var mediaType: String? {
    guard let contentType else { return nil }
    let type = contentType.split(separator: ";", maxSplits: 1).first ?? ""
    return type.trimmingSpaces.lowercased()
  }

  /// The body as UTF-8 text (invalid sequences replaced).
  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why no fetch was made (`HTTPSFailure.notAttempted`).
public enum NotFetched: Hashable, Sendable {
  /// Offline and replayed runs answer only from zone files and recordings: they fetch nothing.
  case noHTTPSInRun
  /// libcurl, which the HTTPS client loads at its first fetch, cannot be loaded (the loader's
  /// message).
  case libraryMissing(String)

  public var localized: LocalizedText {
    switch self {
    case .noHTTPSInRun:
      LocalizedText(
        en: "no HTTPS in offline or replayed runs",
        de: "kein HTTPS in Läufen mit --offline oder --replay")
    case .libraryMissing(let problem):
      LocalizedText(
        en: "libcurl cannot be loaded (\(problem))",
        de: "libcurl lässt sich nicht laden (\(problem))")
    }
  }
}

/// Why a fetch got no response: each case names what failed, so a finding can say which.
public enum HTTPSFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The host has no A or AAAA record (NXDOMAIN or NODATA).
  case noAddress(host: DomainName)
  /// The address lookup of the host failed (timeout, SERVFAIL …).
  case lookupFailed(LookupFailure)
  /// Every address refused the connection on the port.
  case refused(host: DomainName, port: UInt16, addresses: [String])
  /// The host has only addresses that are not public (private, loopback, link-local …): not
  /// connected to, unless private addresses are allowed; senders on the internet cannot
  /// reach them either.
  case notPublic(host: DomainName, addresses: [String])
  /// No connection, or no complete answer, within the time given.
  case timeout(String)
  /// Another network error (unreachable, reset).
  case network(String)
  /// The TLS handshake failed (no common protocol, alert from the server).
  case tls(String)
  /// The server's certificate is not valid for the host name, expired, or not from a trusted
  /// certification authority.
  case certificate(String)
  /// The body is longer than the request's `maximumSize`.
  case tooLarge(limit: Int)
  /// No fetch was made: the run makes none (offline and replayed runs), or libcurl is missing.
  case notAttempted(NotFetched)
  /// The per-domain deadline ended the fetch of a document at `host` before it finished.
  case deadline(host: DomainName, seconds: Double)

  /// `noAddress`, `lookupFailed`, `refused`, … as a stable word.
  public var kind: String {
    switch self {
    case .noAddress: "noAddress"
    case .lookupFailed: "lookupFailed"
    case .refused: "refused"
    case .notPublic: "notPublic"
    case .timeout: "timeout"
    case .network: "network"
    case .tls: "tls"
    case .certificate: "certificate"
    case .tooLarge: "tooLarge"
    case .notAttempted: "notAttempted"
    case .deadline: "deadline"
    }
  }

  public var description: String {
    switch self {
    case .noAddress(let host): "'\(host.text)' has no A or AAAA record"
    case .lookupFailed(let failure):
      "the address lookup of '\(failure.name.text)' failed: \(failure.error)"
    case .refused(let host, let port, let addresses):
      "connection to '\(host.text)' port \(port) refused (\(addresses.joined(separator: ", ")))"
    case .notPublic(let host, let addresses):
      "'\(host.text)' has only addresses that are not public (\(addresses.joined(separator: ", "))): "
        + "senders on the internet cannot reach them, and senderauth does not connect to them "
        + "(--https-private allows it)"
    case .timeout(let what): "timeout: \(what)"
    case .network(let message): "network error: \(message)"
    case .tls(let message): "TLS error: \(message)"
    case .certificate(let message): "certificate not valid: \(message)"
    case .tooLarge(let limit): "the body is larger than \(limit) bytes"
    case .notAttempted(let why): "not fetched: \(why.localized.en)"
    case .deadline(_, let seconds): "not finished within the deadline of \(seconds) s"
    }
  }

  /// `description` in every language.
  public var localized: LocalizedText { LocalizedText(en: description, de: german) }

  private var german: String {
    switch self {
    case .noAddress(let host): "'\(host.text)' hat keinen A- oder AAAA-Eintrag"
    case .lookupFailed(let failure):
      "die Adressabfrage von '\(failure.name.text)' ist fehlgeschlagen: \(failure.error)"
    case .refused(let host, let port, let addresses):
      "Verbindung zu '\(host.text)' Port \(port) abgelehnt "
        + "(\(addresses.joined(separator: ", ")))"
    case .notPublic(let host, let addresses):
      "'\(host.text)' hat nur nicht öffentliche Adressen (\(addresses.joined(separator: ", "))): "
        + "sendende Mailserver im Internet erreichen sie nicht, und senderauth verbindet sich "
        + "nicht mit ihnen (--https-private erlaubt es)"
    case .timeout(let what): "Zeitüberschreitung: \(what)"
    case .network(let message): "Netzwerkfehler: \(message)"
    case .tls(let message): "TLS-Fehler: \(message)"
    case .certificate(let message): "Zertifikat nicht gültig: \(message)"
    case .tooLarge(let limit): "der Inhalt ist größer als \(limit) Byte"
    case .notAttempted(let why): "nicht abgerufen: \(why.localized.de)"
    case .deadline(_, let seconds): "nicht innerhalb der Frist von \(seconds) s beendet"
    }
  }

  /// The lookup failure behind it, when DNS failed; a fetch the deadline ended counts as a
  /// lookup of the host that did not finish (`dns.deadline-exceeded`), so that what rests on
  /// the document is unknown, never passed.
  public var lookupFailure: LookupFailure? {
    switch self {
    case .lookupFailed(let failure): failure
    case .deadline(let host, _):
      LookupFailure(
        name: host, type: .a, error: .deadlineExceeded, purpose: "HTTPS fetch from this host")
    default: nil
    }
  }
}

/// The outcome of one fetch: a response (any status) or a failure.
public enum HTTPSFetch: Hashable, Sendable {
  case response(HTTPSResponse)
  case failed(HTTPSFailure)
}

/// Anything that can GET an `https:` URL: the real client (URLSession through a loopback
/// proxy that connects to the address our resolvers give), or a table in tests.
public protocol HTTPSClient: Sendable {
  /// Fetches `request`; never throws, never follows redirects, never reads more than
  /// `request.maximumSize` bytes of body.
  func fetch(_ request: HTTPSRequest) async -> HTTPSFetch
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  public var trimmingSpaces: Substring {
    let characters = Substring(self)
    guard let first = characters.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let last = characters.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return characters[first...last]
  }
}
