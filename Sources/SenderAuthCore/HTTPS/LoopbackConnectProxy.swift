import DNSLookup
import Foundation

/// An HTTP CONNECT proxy on 127.0.0.1 that resolves each host through our resolver stack
/// (zone files and `--nameserver` included) and pipes bytes to port 443 of that address.
///
/// FoundationNetworking's URLSession on Linux is libcurl; it ignores
/// `connectionProxyDictionary` (a TODO in swift-corelibs-foundation's `EasyHandle.swift`) but
/// libcurl reads `https_proxy` from the environment for every transfer. So the proxy makes
/// URLSession connect where our DNS says, while TLS (SNI, certificate chain and host-name
/// validation) stays end to end between libcurl and the server: the proxy only sees
/// ciphertext. Why a tunnel failed (no address, refused, timeout) is recorded per host, so the
/// client can report it instead of libcurl's "CONNECT tunnel failed, response 502".
final class LoopbackConnectProxy: @unchecked Sendable {
  /// Who asked for a host: the resolver to find its address with, and how long to wait.
  private struct Registration {
    var token: UInt64
    var resolver: any DNSResolver
    var timeout: Double
    /// Connect to private, loopback and link-local addresses too (tests, internal PKI).
    var privateAddresses: Bool
  }

  let port: UInt16
  private let listener: Int32
  private let lock = NSLock()
  private var failures: [String: HTTPSFailure] = [:]
  private var addresses: [String: String] = [:]
  private var registrations: [String: [Registration]] = [:]
  private var lastToken: UInt64 = 0

  /// Starts listening; the accept thread runs until the process ends.
  init() throws(POSIX.Failure) {
    let (listener, port) = try POSIX.listenOnLoopback()
    self.listener = listener
    self.port = port
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "https-proxy"
    thread.start()
  }

  /// Tunnels to `host:port` resolve it with `resolver` and wait `timeout` seconds, until
  /// `unregister` (the latest registration of a host wins while several are open). Only
  /// public addresses are connected to unless `privateAddresses`: a domain's DNS must not
  /// point the checker at the network it runs in.
  func register(
    host: DomainName, port: UInt16, resolver: any DNSResolver, timeout: Double,
    privateAddresses: Bool = false
  ) -> (key: String, token: UInt64) {
    lock.withLock {
      lastToken += 1
      let key = Self.key(host, port)
      registrations[key, default: []].append(
        Registration(
          token: lastToken, resolver: resolver, timeout: timeout,
          privateAddresses: privateAddresses))
      return (key, lastToken)
    }
  }

  func unregister(_ registration: (key: String, token: UInt64)) {
    lock.withLock {
      registrations[registration.key]?.removeAll { $0.token == registration.token }
      if registrations[registration.key]?.isEmpty == true {
        registrations[registration.key] = nil
      }
    }
  }

  /// `host:port` as the CONNECT line names it.
  static func key(_ host: DomainName, _ port: UInt16) -> String { "\(host.text):\(port)" }

  /// Why the last tunnel to `host:port` failed, if it did.
  func failure(for host: DomainName, port: UInt16) -> HTTPSFailure? {
    lock.withLock { failures[Self.key(host, port)] }
  }

  /// The address the last tunnel to `host:port` went to.
  func connectedAddress(for host: DomainName, port: UInt16) -> String? {
    lock.withLock { addresses[Self.key(host, port)] }
  }

  private func acceptLoop() {
    while let client = POSIX.acceptConnection(listener) {
      let thread = Thread { [self] in serve(client) }
      thread.name = "https-proxy-tunnel"
      thread.start()
    }
  }

  /// Reads the CONNECT request, opens the tunnel, pipes until either side closes.
  private func serve(_ client: Int32) {
    defer { POSIX.closeDescriptor(client) }
    guard let (host, port) = readConnectRequest(client) else {
      POSIX.writeAll(client, Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
      return
    }
    let key = Self.key(host, port)
    // Only hosts a client is fetching right now: the proxy is no open relay for other local
    // programs that read https_proxy.
    guard let registration = lock.withLock({ registrations[key]?.last }) else {
      POSIX.writeAll(client, Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8))
      return
    }
    switch open(host: host, port: port, with: registration) {
    case .success(let (upstream, address)):
      defer { POSIX.closeDescriptor(upstream) }
      lock.withLock {
        failures[key] = nil
        addresses[key] = address
      }
      guard POSIX.writeAll(client, Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
      else { return }
      POSIX.pipe(client, upstream, idle: max(registration.timeout * 3, 5))
    case .failure(let failure):
      lock.withLock { failures[key] = failure }
      POSIX.writeAll(client, Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".utf8))
    }
  }

  /// The host and port of a `CONNECT host:port HTTP/1.1` request (headers read and dropped);
  /// nil for anything else or a request over 8 KB.
  private func readConnectRequest(_ client: Int32) -> (DomainName, UInt16)? {
    let connectTimeout = 10.0
    var request: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1024)
    let end = Array("\r\n\r\n".utf8)
    while request.count < 8192 {
      let count = POSIX.readAvailable(client, into: &buffer, timeout: connectTimeout)
      guard count > 0 else { return nil }
      request += buffer[0..<count]
      if request.count >= 4, request.suffix(4).elementsEqual(end) { break }
    }
    let line = request.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
    let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
    guard fields.count == 3, fields[0] == "CONNECT", let colon = fields[1].lastIndex(of: ":"),
      let port = UInt16(fields[1][fields[1].index(after: colon)...]),
      let host = try? DomainName(String(fields[1][..<colon]))
    else { return nil }
    return (host, port)
  }

  /// Resolves `host` (A, then AAAA) and connects to the first address that answers.
  private func open(
    host: DomainName, port: UInt16, with registration: Registration
  ) -> Result<(Int32, String), HTTPSFailure> {
    let resolver = registration.resolver
    let connectTimeout = registration.timeout
    var candidates: [IPAddress] = []
    var lookupFailure: LookupFailure?
    for type in [RRType.a, .aaaa] {
      let result = Self.blocking { [resolver] in
        await LookupResult.fetch(host, type, from: resolver, purpose: "HTTPS host address")
      }
      switch result {
      case .answer(let answer)?: candidates += answer.addresses
      case .failed(let failure)?: lookupFailure = lookupFailure ?? failure
      case nil: break
      }
    }
    if candidates.isEmpty {
      if let lookupFailure { return .failure(.lookupFailed(lookupFailure)) }
      return .failure(.noAddress(host: host))
    }
    if !registration.privateAddresses {
      let reachable = candidates.filter(\.isPublic)
      guard !reachable.isEmpty else {
        return .failure(.notPublic(host: host, addresses: candidates.map(\.description)))
      }
      candidates = reachable
    }
    var refused: [String] = []
    var problems: [String] = []
    for address in candidates {
      switch POSIX.connectWithTimeout(to: address, port: port, timeout: connectTimeout) {
      case .connected(let descriptor): return .success((descriptor, address.description))
      case .refused: refused.append(address.description)
      case .timedOut:
        problems.append("no connection to \(address) port \(port) within \(connectTimeout) s")
      case .failed(let message): problems.append("\(address): \(message)")
      }
    }
    if problems.isEmpty {
      return .failure(.refused(host: host, port: port, addresses: refused))
    }
    if problems.allSatisfy({ $0.hasPrefix("no connection") }) {
      return .failure(.timeout(problems.joined(separator: "; ")))
    }
    return .failure(.network(problems.joined(separator: "; ")))
  }

  /// Runs `body` on the cooperative pool and waits for it on this (proxy) thread.
  private static func blocking<Value: Sendable>(
    _ body: @escaping @Sendable () async -> Value
  ) -> Value? {
    let box = ResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
      box.value = await body()
      done.signal()
    }
    done.wait()
    return box.value
  }
}

/// A value handed from a task to the thread waiting for it (the semaphore orders the access).
private final class ResultBox<Value>: @unchecked Sendable {
  var value: Value?
}
