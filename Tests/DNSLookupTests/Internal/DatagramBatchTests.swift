import Glibc
import Testing

@testable import DNSLookup

/// `sendmmsg` and `recvmmsg` as the I/O thread uses them, between two sockets on loopback.
@Suite struct DatagramBatchTests {
  /// A UDP socket bound to a free loopback port, and its address.
  private func boundSocket() throws -> (descriptor: Int32, address: SocketAddress) {
    let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue), 0)
    try #require(descriptor >= 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    try #require(bound)
    return (descriptor, SocketAddress(address))
  }

  /// The local address of a socket.
  private func localAddress(_ descriptor: Int32) throws -> SocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let named = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length) == 0
      }
    }
    try #require(named)
    return try #require(SocketAddress(storage))
  }

  @Test func datagramsSentTogetherArriveWholeInBatchesWithTheirSource() throws {
    let server = try boundSocket()
    defer { Sockets.close(server.descriptor) }
    let client = try Sockets.connectedUDP(to: server.address)
    defer { Sockets.close(client) }
    // Forty datagrams of different lengths and contents, one as long as UDP allows on loopback.
    let datagrams = (0..<40).map { index in
      [UInt8](repeating: UInt8(index), count: index == 7 ? 65_507 : 12 + index * 37)
    }
    let sent = Sockets.send(client, datagrams: datagrams)
    #expect(sent.sent == 40)
    #expect(sent.error == nil)

    let batch = ReceiveBatch(count: 16, slotSize: EventLoop.datagramSize)
    let clientAddress = try localAddress(client)
    var received: [[UInt8]] = []
    var batches: [Int] = []
    while true {
      let result = Sockets.receive(server.descriptor, into: batch) { datagram, source in
        #expect(source == clientAddress)
        received.append(Array(datagram))
      }
      guard case .success(let count) = result else {
        guard case .failure(let error) = result else { break }
        #expect(Sockets.wouldBlock(error))
        break
      }
      batches.append(count)
    }
    #expect(batches == [16, 16, 8])
    #expect(received == datagrams)
  }

  @Test func aBatchRefilledSendsFromWhereItIsToldWithWhatItHoldsNow() throws {
    let server = try boundSocket()
    defer { Sockets.close(server.descriptor) }
    let client = try Sockets.connectedUDP(to: server.address)
    defer { Sockets.close(client) }
    let receiving = ReceiveBatch(count: 32, slotSize: EventLoop.datagramSize)
    /// Every datagram waiting at the server, until the read would block.
    func drained() -> [[UInt8]] {
      var received: [[UInt8]] = []
      while true {
        let result = Sockets.receive(server.descriptor, into: receiving) { datagram, _ in
          received.append(Array(datagram))
        }
        guard case .failure(let error) = result else { continue }
        #expect(Sockets.wouldBlock(error))
        return received
      }
    }
    let batch = SendBatch()
    // A first fill sent, so that its headers exist; then a larger fill: its bytes, vectors and
    // headers must not point at the first's (the buffers grow and move in between).
    let first = (0..<3).map { [UInt8](repeating: 0xEE, count: 5 + $0) }
    for datagram in first { batch.append(datagram) }
    #expect(Sockets.send(client, batch, from: 0).sent == 3)
    #expect(drained() == first)
    batch.removeAll()
    let datagrams = (0..<20).map { index in
      [UInt8](repeating: UInt8(index), count: index == 3 ? 3_000 : 20 + index)
    }
    for datagram in datagrams { batch.append(datagram) }
    #expect(batch.count == 20)
    let sent = Sockets.send(client, batch, from: 2)
    #expect(sent.sent == 18)
    #expect(sent.error == nil)
    #expect(drained() == Array(datagrams[2...]))
    // From the end or past it: nothing goes.
    for start in [20, 25] {
      let none = Sockets.send(client, batch, from: start)
      #expect(none.sent == 0 && none.error == nil)
    }
    #expect(drained().isEmpty)
    // From before the first: all of them.
    #expect(Sockets.send(client, batch, from: -3).sent == 20)
    #expect(drained() == datagrams)
  }

  @Test func aClosedPortIsReportedByTheNextRead() throws {
    let server = try boundSocket()
    let client = try Sockets.connectedUDP(to: server.address)
    defer { Sockets.close(client) }
    Sockets.close(server.descriptor)
    let sent = Sockets.send(client, datagrams: [[1, 2, 3]])
    #expect(sent.sent == 1)
    let batch = ReceiveBatch(count: 4, slotSize: 512)
    var delivered = 0
    let result = Sockets.receive(client, into: batch) { _, _ in delivered += 1 }
    // On loopback the ICMP port unreachable comes back during the send.
    guard case .failure(let error) = result else {
      Issue.record("a read after sending to a closed port gave \(result)")
      return
    }
    #expect(error.isConnectionRefused)
    #expect(delivered == 0)
  }
}
