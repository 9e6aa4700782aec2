/// One exchange asked again over TCP (RFC 7766) after a truncated UDP answer: a non-blocking
/// connect, the query with its two-octet length, then the answer read until complete.
///
/// It belongs to the I/O thread; the endpoint closes it when the exchange finishes.
final class TCPConnection: EventHandler {
  private enum State {
    case connecting
    case writing(sent: Int)
    case reading
  }

  let descriptor: Int32
  private let exchange: Exchange
  private let loop: EventLoop
  private var state = State.connecting
  private var message: [UInt8]
  private var received: [UInt8] = []

  init(descriptor: Int32, exchange: Exchange, loop: EventLoop) {
    self.descriptor = descriptor
    self.exchange = exchange
    self.loop = loop
    let length = exchange.query.count
    message = [UInt8(length >> 8), UInt8(length & 0xff)] + exchange.query
  }

  func handle(events: UInt32) {
    let endpoint = exchange.endpoint
    switch state {
    case .connecting:
      if let error = Sockets.pendingError(descriptor) {
        endpoint.finish(exchange, ExchangeOutcome(error))
        return
      }
      state = .writing(sent: 0)
      write()
    case .writing:
      write()
    case .reading:
      read()
    }
  }

  private func write() {
    guard case .writing(let already) = state else { return }
    let result = message.withUnsafeBytes {
      Sockets.send(descriptor, UnsafeRawBufferPointer(rebasing: $0[already...]))
    }
    switch result {
    case .success(let count) where already + count == message.count:
      state = .reading
      do {
        try loop.change(descriptor, events: Poller.readable)
      } catch {
        exchange.endpoint.finish(exchange, .failed(error))
      }
    case .success(let count):
      state = .writing(sent: already + count)
    case .failure(let error) where Sockets.wouldBlock(error):
      break
    case .failure(let error):
      exchange.endpoint.finish(exchange, ExchangeOutcome(error))
    }
  }

  private func read() {
    let endpoint = exchange.endpoint
    while true {
      switch Sockets.receive(descriptor, into: loop.buffer) {
      case .failure(let error) where Sockets.wouldBlock(error):
        return
      case .failure(let error):
        endpoint.finish(exchange, ExchangeOutcome(error))
        return
      case .success((0, _)):
        // The server closed the connection before a whole answer: as a reset connection.
        endpoint.finish(exchange, .failed(.connectionReset))
        return
      case .success((let count, _)):
        received += UnsafeRawBufferPointer(rebasing: loop.buffer[0..<count])
        while received.count >= 2 {
          let length = Int(received[0]) << 8 | Int(received[1])
          guard received.count >= 2 + length else { break }
          let reply = Array(received[2..<(2 + length)])
          received.removeFirst(2 + length)
          // A message for another id or question is dropped; the timeout bounds the wait.
          if reply.withUnsafeBytes({ endpoint.answers(exchange, $0) }) {
            reply.withUnsafeBytes { endpoint.finish(exchange, .reply($0)) }
            return
          }
        }
      }
    }
  }
}
