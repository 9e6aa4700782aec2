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

/// A UDP responder on 127.0.0.1 that answers each query with whatever its script returns:
/// nothing, one reply, or several datagrams, some of them sent from a second socket (another
/// source port, as an off-path spoofer would). It counts the queries it got and keeps each
/// one's source port and id. The base of hostile-server tests. Its thread keeps it alive
/// until `stop()` is called.
public final class UDPResponder: @unchecked Sendable {
  /// One datagram to send back.
  public struct Datagram: Sendable {
    public var bytes: [UInt8]
    /// Sent from the responder's second socket, so its source port is not the one asked.
    public var fromOtherPort: Bool

    public init(_ bytes: [UInt8], fromOtherPort: Bool = false) {
      self.bytes = bytes
      self.fromOtherPort = fromOtherPort
    }
  }

  public let port: UInt16
  private let descriptor: Int32
  /// A TCP socket bound to `port` and never listening: a connection to the port is refused
  /// (tests of truncated answers rely on it), and no other test's TCP server can take it.
  private let tcpDescriptor: Int32
  private let otherDescriptor: Int32
  private let script: @Sendable ([UInt8]) -> [Datagram]
  private let lock = NSLock()
  private var stopping = false
  private var received = 0
  private var receivedWithEDNS = 0
  private var sources: [(port: UInt16, id: UInt16)] = []

  /// Answers each query with `handler`'s reply (nil: no answer).
  public convenience init(
    handler: @escaping @Sendable ([UInt8]) -> [UInt8]?
  ) throws(KnotServerError) {
    try self.init(script: { query in handler(query).map { [Datagram($0)] } ?? [] })
  }

  /// Answers each query with the datagrams `script` returns, in order.
  public init(script: @escaping @Sendable ([UInt8]) -> [Datagram]) throws(KnotServerError) {
    let socket = try Self.bindHoldingTCP()
    let other: (descriptor: Int32, port: UInt16)
    do {
      other = try LoopbackSocket.bind(ipv6: false, kind: SOCK_DGRAM, port: 0)
    } catch {
      close(socket.descriptor)
      close(socket.tcp)
      throw error
    }
    descriptor = socket.descriptor
    tcpDescriptor = socket.tcp
    otherDescriptor = other.descriptor
    port = socket.port
    self.script = script
    let thread = Thread { [self] in self.serve() }
    thread.name = "udp-responder"
    thread.start()
  }

  /// `127.0.0.1:PORT`.
  public var nameserver: String { "127.0.0.1:\(port)" }

  /// How many queries arrived so far, and how many of them had an additional record (EDNS0).
  public var queryCounts: (all: Int, edns: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (received, receivedWithEDNS)
  }

  /// The source port and id of every query so far, in arrival order.
  public var querySources: [(port: UInt16, id: UInt16)] {
    lock.lock()
    defer { lock.unlock() }
    return sources
  }

  deinit { stop() }

  /// Stops the responder: its thread closes the sockets within 20 ms. Safe to call twice;
  /// returns at once.
  public func stop() {
    lock.lock()
    stopping = true
    lock.unlock()
  }

  private var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  /// A UDP socket on a port whose TCP number it holds too (bound, not listening).
  private static func bindHoldingTCP() throws(KnotServerError) -> (
    descriptor: Int32, port: UInt16, tcp: Int32
  ) {
    for _ in 0..<50 {
      let udp = try LoopbackSocket.bind(ipv6: false, kind: SOCK_DGRAM, port: 0)
      if let tcp = try? LoopbackSocket.bind(ipv6: false, kind: SOCK_STREAM, port: udp.port) {
        return (udp.descriptor, udp.port, tcp.descriptor)
      }
      close(udp.descriptor)
    }
    throw KnotServerError("no loopback port free for UDP and TCP")
  }

  private func serve() {
    defer {
      close(descriptor)
      close(tcpDescriptor)
      close(otherDescriptor)
    }
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
      let sourcePort = withUnsafeBytes(of: peer) { raw in
        UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
      }
      lock.lock()
      received += 1
      if query[10] != 0 || query[11] != 0 { receivedWithEDNS += 1 }
      sources.append((sourcePort, UInt16(query[0]) << 8 | UInt16(query[1])))
      lock.unlock()
      for datagram in script(query) {
        _ = withUnsafePointer(to: &peer) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            sendto(
              datagram.fromOtherPort ? otherDescriptor : descriptor, datagram.bytes,
              datagram.bytes.count, 0, $0, peerLength)
          }
        }
      }
    }
  }
}

/// A tiny UDP responder on 127.0.0.1 that answers every query with one rcode (SERVFAIL unless
/// told otherwise) and no records, echoing the question.
public final class ServfailServer: @unchecked Sendable {
  public let rcode: UInt8
  private let responder: UDPResponder

  /// Starts answering with `rcode` (2 SERVFAIL; 1 FORMERR, 4 NOTIMP, 5 REFUSED also useful).
  public init(rcode: UInt8 = 2) throws(KnotServerError) {
    let code = rcode & 0x0f
    self.rcode = code
    responder = try UDPResponder { query in DNSMessage.reply(to: query, rcode: code) }
  }

  public var port: UInt16 { responder.port }
  /// `127.0.0.1:PORT`.
  public var nameserver: String { responder.nameserver }
  /// How many queries arrived so far, and how many of them carried an EDNS0 OPT record.
  public var queryCounts: (all: Int, edns: Int) { responder.queryCounts }

  deinit { responder.stop() }

  /// Stops answering; safe to call twice.
  public func stop() { responder.stop() }
}

/// Builds raw DNS replies for hostile-server tests.
public enum DNSMessage {
  /// Encodes `name` (dotted, absolute or not) as uncompressed wire labels.
  public static func wireName(_ name: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for label in name.split(separator: ".") {
      let octets = Array(label.utf8.prefix(63))
      bytes.append(UInt8(octets.count))
      bytes += octets
    }
    return bytes + [0]
  }

  /// The octets of `query`'s header and question, or nil when it is not one question.
  public static func questionEnd(of query: [UInt8]) -> Int? {
    guard query.count >= 12, query[4] == 0, query[5] == 1 else { return nil }
    var end = 12
    while end < query.count, query[end] != 0 {
      guard query[end] < 64 else { return nil }
      end += Int(query[end]) + 1
    }
    end += 5  // root label, QTYPE, QCLASS
    return end <= query.count ? end : nil
  }

  /// A reply to `query`: same id, QR and AA set, opcode and RD copied, `rcode`, the question
  /// echoed (or `question` instead, as wire name + type), then `answers` as
  /// (owner, type, ttl, rdata) records in the answer section.
  public static func reply(
    to query: [UInt8], rcode: UInt8, question: (name: String, type: UInt16)? = nil,
    answers: [(name: String, type: UInt16, ttl: UInt32, rdata: [UInt8])] = []
  ) -> [UInt8]? {
    guard let end = questionEnd(of: query) else { return nil }
    var reply = Array(query[0..<12])
    reply[2] = 0x84 | (query[2] & 0x79)  // QR, AA, opcode, RD
    reply[3] = rcode & 0x0f
    for index in 6..<12 { reply[index] = 0 }
    if let question {
      reply +=
        wireName(question.name) + [UInt8(question.type >> 8), UInt8(question.type & 0xff), 0, 1]
    } else {
      reply += query[12..<end]
    }
    reply[7] = UInt8(answers.count)
    for answer in answers {
      reply += wireName(answer.name)
      reply += [UInt8(answer.type >> 8), UInt8(answer.type & 0xff), 0, 1]
      reply += withUnsafeBytes(of: answer.ttl.bigEndian) { Array($0) }
      reply += [UInt8(answer.rdata.count >> 8), UInt8(answer.rdata.count & 0xff)]
      reply += answer.rdata
    }
    return reply
  }
}

/// Paths of the repository's test fixtures.
public enum FixturePaths {
  /// The repository's `Fixtures/` directory.
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures").resolvingSymlinksInPath().path
  }()

  /// `Fixtures/dns/`, the zones `DNSLookupTests` serve with Knot.
  public static var dns: String { root + "/dns" }
}

/// Runs blocking work (process start-up, waiting for a child) on a thread of its own, so
/// Swift's cooperative pool, which has one thread per core, is never held by a test helper.
public enum OffPool {
  public static func run<Value: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> Value
  ) async throws(Failure) -> Value {
    let result = await withCheckedContinuation {
      (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
      let thread = Thread {
        do throws(Failure) {
          continuation.resume(returning: .success(try body()))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
      thread.start()
    }
    return try result.get()
  }
}
