import DNSLookup
import Foundation
import Synchronization

#if os(Linux)
  import CCurlOnDemand
#endif
#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A client that cannot start; `message` is one line for the user.
public struct HTTPSClientError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The process-wide part of the HTTPS client: the loopback proxy, the URLSession and the
/// `https_proxy` variable that makes libcurl use the proxy. Made once, on first use (make it
/// before other threads start: it sets the environment). The URLSession itself is made on the
/// first fetch, under a lock: a run that fetches nothing (most domains publish no MTA-STS or
/// BIMI record) does not wait for its configuration before the first query (one domain took
/// 18.5 ms with it made at start, 14.9 ms without). Making it runs libcurl's global init
/// while other threads run: libcurl is safe there when built thread-safe (7.84 and later:
/// `curl --version` lists `threadsafe`, as Debian 12's 7.88 does), and with older builds the
/// lock still keeps it to one call, after the environment is set, with no other curl user.
final class HTTPSTransport: Sendable {
  let proxy: LoopbackConnectProxy
  let tasks: TaskTable
  private let made = Mutex<URLSession?>(nil)

  var session: URLSession {
    made.withLock { made in
      if let made { return made }
      let session = makeSession()
      made = session
      return session
    }
  }

  /// The transport, or why it could not start.
  static let shared: Result<HTTPSTransport, HTTPSClientError> = {
    do throws(HTTPSClientError) {
      return .success(try HTTPSTransport())
    } catch {
      return .failure(error)
    }
  }()

  /// Why no fetch can be made when libcurl (loaded by the first fetch, not at start: see
  /// CCurlOnDemand) is not there; nil when it loaded. Kept in `unavailable` for the end of the
  /// run.
  static let missingLibrary: NotFetched? = {
    #if os(Linux)
      guard senderauth_curl_load() == 0 else { return nil }
      let problem = String(cString: senderauth_curl_problem())
      unavailable.withLock { $0 = problem }
      return .libraryMissing(problem)
    #else
      return nil
    #endif
  }()

  /// The loader's message once a fetch found libcurl missing; nil before any fetch (reading
  /// this does not load libcurl).
  static let unavailable = Mutex<String?>(nil)

  private init() throws(HTTPSClientError) {
    do {
      proxy = try LoopbackConnectProxy()
    } catch {
      throw HTTPSClientError("cannot start the loopback HTTPS proxy: \(error)")
    }
    let proxyURL = "http://127.0.0.1:\(proxy.port)"
    POSIX.setEnvironment("https_proxy", proxyURL)
    POSIX.setEnvironment("HTTPS_PROXY", proxyURL)
    POSIX.setEnvironment("no_proxy", nil)
    POSIX.setEnvironment("NO_PROXY", nil)
    tasks = TaskTable()
  }

  private func makeSession() -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    // Each client bounds its own fetches; these only stop what nobody waits for any more.
    configuration.timeoutIntervalForResource = 600
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpAdditionalHeaders = ["User-Agent": "senderauth", "Accept": "*/*"]
    #if !canImport(FoundationNetworking)
      // Apple platforms honour the dictionary; libcurl reads the environment set above.
      configuration.connectionProxyDictionary = [
        "HTTPSEnable": 1, "HTTPSProxy": "127.0.0.1", "HTTPSPort": Int(proxy.port),
      ]
    #endif
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    return URLSession(configuration: configuration, delegate: tasks, delegateQueue: queue)
  }
}

/// The real HTTPS client: Foundation's URLSession (libcurl on Linux) through a loopback CONNECT
/// proxy that connects to the address `resolver` gives for the host (zone files and
/// `--nameserver` included).
///
/// Certificates are validated by libcurl for the URL's host name (SNI, chain to a trusted
/// root, expiry); `TrustedCertificates.install(caFile:)` adds a CA for private PKIs and tests.
/// Redirects are never followed, bodies are read up to the request's limit only, and every
/// fetch ends within `3 × timeout` seconds. Clients share one proxy and session
/// (`HTTPSTransport`); the first one made sets the process environment, so make it before
/// other threads start (`prepare()`).
public struct URLSessionHTTPSClient: HTTPSClient {
  /// Seconds to wait for the connection and for each read.
  public let timeout: Double
  public let resolver: any DNSResolver
  private let transport: HTTPSTransport

  /// Starts the shared transport now (it sets `https_proxy`): call while the process still
  /// has one thread.
  public static func prepare() throws(HTTPSClientError) {
    _ = try HTTPSTransport.shared.get()
  }

  /// Why libcurl could not be loaded (the loader's message), when this run's fetches were not
  /// made for it; nil when it loaded or no fetch was tried.
  public static var unavailableReason: String? { HTTPSTransport.unavailable.withLock { $0 } }

  /// Connects to private, loopback and link-local addresses too (`--https-private`).
  public let privateAddresses: Bool

  public init(resolver: any DNSResolver, timeout: Double, privateAddresses: Bool = false)
    throws(HTTPSClientError)
  {
    self.transport = try HTTPSTransport.shared.get()
    self.resolver = resolver
    self.timeout = max(timeout, 1)
    self.privateAddresses = privateAddresses
  }

  public func fetch(_ request: HTTPSRequest) async -> HTTPSFetch {
    guard let url = URL(string: request.url.description) else {
      return .failed(.network("'\(request.url)' is not a URL Foundation accepts"))
    }
    if let missing = HTTPSTransport.missingLibrary { return .failed(.notAttempted(missing)) }
    var urlRequest = URLRequest(url: url)
    urlRequest.httpMethod = "GET"
    urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
    urlRequest.timeoutInterval = timeout
    let proxy = transport.proxy
    let token = proxy.register(
      host: request.url.host, port: request.url.port, resolver: resolver, timeout: timeout,
      privateAddresses: privateAddresses)
    defer { proxy.unregister(token) }
    let session = transport.session
    let tasks = transport.tasks
    let total = timeout * 3
    let outcome = await withCheckedContinuation { continuation in
      let task = session.dataTask(with: urlRequest)
      tasks.start(task, limit: request.maximumSize, continuation: continuation)
      task.resume()
      tasks.cancel(task, after: total)
    }
    switch outcome {
    case .finished(let response, let body):
      return .response(
        HTTPSResponse(
          status: response.statusCode,
          contentType: response.value(forHTTPHeaderField: "Content-Type"),
          location: response.value(forHTTPHeaderField: "Location"), body: body))
    case .tooLarge:
      return .failed(.tooLarge(limit: request.maximumSize))
    case .timedOut:
      return .failed(.timeout("no complete response from '\(request.url)' within \(Int(total)) s"))
    case .failed(let error):
      return .failed(failure(for: error, url: request.url))
    }
  }

  /// What `error` from URLSession means; a failed tunnel is explained by the proxy.
  private func failure(for error: any Error, url: HTTPSURL) -> HTTPSFailure {
    let nsError = error as NSError
    let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
    let message =
      (underlying?.userInfo[NSLocalizedDescriptionKey] as? String)
      ?? (nsError.userInfo[NSLocalizedDescriptionKey] as? String) ?? nsError.localizedDescription
    let lower = message.lowercased()
    let proxy = transport.proxy
    if lower.contains("connect") && (lower.contains("tunnel") || lower.contains("502")),
      let failure = proxy.failure(for: url.host, port: url.port)
    {
      return failure
    }
    if nsError.code == NSURLErrorTimedOut || lower.contains("timed out") {
      return .timeout("no complete response from '\(url)' within \(Int(timeout)) s")
    }
    if lower.contains("certificate") || lower.contains("subject name")
      || lower.contains("issuer")
    {
      return .certificate(message)
    }
    if lower.contains("ssl") || lower.contains("tls") || lower.contains("handshake") {
      return .tls(message)
    }
    if let failure = proxy.failure(for: url.host, port: url.port) { return failure }
    return .network(message)
  }
}

/// How one data task ended.
enum TaskOutcome: Sendable {
  case finished(HTTPURLResponse, [UInt8])
  case tooLarge
  case timedOut
  case failed(any Error)
}

/// The session delegate: per task, the bytes so far, the limit and who waits for the end.
/// All calls come on the session's serial delegate queue; `start` takes the lock as well.
final class TaskTable: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private struct Entry {
    var limit: Int
    var body: [UInt8] = []
    var tooLarge = false
    var timedOut = false
    var continuation: CheckedContinuation<TaskOutcome, Never>
  }

  private let lock = NSLock()
  private var entries: [Int: Entry] = [:]

  func start(
    _ task: URLSessionTask, limit: Int, continuation: CheckedContinuation<TaskOutcome, Never>
  ) {
    lock.withLock {
      entries[task.taskIdentifier] = Entry(limit: limit, continuation: continuation)
    }
  }

  /// Cancels `task` after `seconds` unless it has finished: the bound of a whole fetch.
  func cancel(_ task: URLSessionTask, after seconds: Double) {
    let identifier = task.taskIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
      let running = lock.withLock { () -> Bool in
        guard entries[identifier] != nil else { return false }
        entries[identifier]?.timedOut = true
        return true
      }
      if running { task.cancel() }
    }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    let limit = lock.withLock { entries[dataTask.taskIdentifier]?.limit } ?? 0
    if response.expectedContentLength > Int64(limit) {
      lock.withLock { entries[dataTask.taskIdentifier]?.tooLarge = true }
      completionHandler(.cancel)
      return
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let overflow = lock.withLock { () -> Bool in
      guard var entry = entries[dataTask.taskIdentifier] else { return false }
      if entry.body.count + data.count > entry.limit {
        entry.tooLarge = true
        entries[dataTask.taskIdentifier] = entry
        return true
      }
      entry.body.append(contentsOf: data)
      entries[dataTask.taskIdentifier] = entry
      return false
    }
    if overflow { dataTask.cancel() }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping (URLRequest?) -> Void
  ) {
    // RFC 8461 §3.3: policy fetches do not follow redirects; the 3xx is the answer.
    completionHandler(nil)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?
  ) {
    guard let entry = lock.withLock({ entries.removeValue(forKey: task.taskIdentifier) }) else {
      return
    }
    if entry.tooLarge {
      entry.continuation.resume(returning: .tooLarge)
    } else if entry.timedOut {
      entry.continuation.resume(returning: .timedOut)
    } else if let error {
      entry.continuation.resume(returning: .failed(error))
    } else if let response = task.response as? HTTPURLResponse {
      entry.continuation.resume(returning: .finished(response, entry.body))
    } else {
      entry.continuation.resume(
        returning: .failed(
          NSError(
            domain: NSURLErrorDomain, code: NSURLErrorBadServerResponse,
            userInfo: [NSLocalizedDescriptionKey: "no HTTP response"])))
    }
  }
}
