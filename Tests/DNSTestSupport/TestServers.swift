import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A bound UDP socket on 127.0.0.1 that never answers: queries to it time out.
public final class BlackholeServer: @unchecked Sendable {
  public let port: UInt16
  private let descriptor: Int32
  private let lock = NSLock()
  private var closed = false

  public init() throws(KnotServerError) {
    let socket = try LoopbackSocket.bind(ipv6: false, kind: SOCK_DGRAM, port: 0)
    descriptor = socket.descriptor
    port = socket.port
  }

  /// `127.0.0.1:PORT`.
  public var nameserver: String { "127.0.0.1:\(port)" }

  deinit { stop() }

  /// Closes the socket; safe to call twice.
  public func stop() {
    lock.lock()
    defer { lock.unlock() }
    guard !closed else { return }
    closed = true
    close(descriptor)
  }
}

/// A tiny UDP responder on 127.0.0.1 that answers every query with one rcode (SERVFAIL unless
/// told otherwise) and an empty answer, echoing the question; it counts the queries it got.
public final class ServfailServer: @unchecked Sendable {
  public let port: UInt16
  public let rcode: UInt8
  private let descriptor: Int32
  private let lock = NSLock()
  private var stopping = false
  private var received = 0
  private var receivedWithEDNS = 0
  private let finished = DispatchSemaphore(value: 0)

  /// Starts answering with `rcode` (2 SERVFAIL; 1 FORMERR, 4 NOTIMP, 5 REFUSED also useful).
  public init(rcode: UInt8 = 2) throws(KnotServerError) {
    let socket = try LoopbackSocket.bind(ipv6: false, kind: SOCK_DGRAM, port: 0)
    descriptor = socket.descriptor
    port = socket.port
    self.rcode = rcode & 0x0f
    let thread = Thread { [self] in self.serve() }
    thread.name = "servfail-server"
    thread.start()
  }

  /// `127.0.0.1:PORT`.
  public var nameserver: String { "127.0.0.1:\(port)" }

  /// How many queries arrived so far, and how many of them carried an EDNS0 OPT record.
  public var queryCounts: (all: Int, edns: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (received, receivedWithEDNS)
  }

  deinit { stop() }

  /// Stops the responder thread and closes the socket; safe to call twice.
  public func stop() {
    lock.lock()
    let wasStopping = stopping
    stopping = true
    lock.unlock()
    guard !wasStopping else { return }
    finished.wait()
    close(descriptor)
  }

  private var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  private func serve() {
    defer { finished.signal() }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !isStopping {
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 20) == 1 else { continue }
      var peer = sockaddr_storage()
      var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let count = withUnsafeMutablePointer(to: &peer) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          recvfrom(descriptor, &buffer, buffer.count, 0, $0, &peerLength)
        }
      }
      guard count >= 12 else { continue }
      let query = Array(buffer[0..<count])
      guard let reply = Self.reply(to: query, rcode: rcode) else { continue }
      lock.lock()
      received += 1
      if query[10] != 0 || query[11] != 0 { receivedWithEDNS += 1 }
      lock.unlock()
      _ = withUnsafePointer(to: &peer) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          sendto(descriptor, reply, reply.count, 0, $0, peerLength)
        }
      }
    }
  }

  /// The reply: same id, QR set, opcode and RD copied, the question echoed, no records.
  static func reply(to query: [UInt8], rcode: UInt8) -> [UInt8]? {
    var end = 12
    guard query[4] == 0, query[5] == 1 else { return nil }
    while end < query.count, query[end] != 0 {
      guard query[end] < 64 else { return nil }
      end += Int(query[end]) + 1
    }
    end += 5  // root label, QTYPE, QCLASS
    guard end <= query.count else { return nil }
    var reply = Array(query[0..<end])
    reply[2] = 0x80 | (query[2] & 0x79)  // QR, opcode, RD
    reply[3] = rcode
    for index in 6..<12 { reply[index] = 0 }
    return reply
  }
}

/// Paths of the repository's test fixtures.
public enum FixturePaths {
  /// The repository's `Fixtures/` directory.
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures").path
  }()

  /// `Fixtures/dns/`, the zones `DNSLookupTests` serve with Knot.
  public static var dns: String { root + "/dns" }
}
