import Foundation
import Synchronization

/// A descriptor the I/O thread watches: a UDP socket or a TCP connection.
protocol EventHandler: AnyObject {
  /// Called on the I/O thread when epoll reports `events`; may be spurious (the descriptor
  /// number may have been reused), so handlers read without blocking and tolerate nothing
  /// there. A handler may leave data unread (a UDP socket stops at a read short of a batch):
  /// epoll is level-triggered and reports the descriptor again.
  func handle(events: UInt32)
}

/// The one I/O thread of the process: `epoll` over every resolver's sockets, the timeouts of
/// every exchange, and an inbox through which callers hand it work.
///
/// Callers on any thread only `post`; everything else runs on the I/O thread, so the sockets,
/// the query tables and the timers need no locks. Completions are called from here, which
/// never blocks Swift's cooperative pool.
final class EventLoop: @unchecked Sendable {
  /// Work handed to the I/O thread.
  enum Command {
    case start(Exchange)
    case cancel(Exchange)
    case shutdown([ServerEndpoint])
    /// Arms a timer `after` nanoseconds from when it is posted (a domain's deadline).
    case alarm(any TimerTarget & Sendable, after: UInt64, postedAt: UInt64)
  }

  /// The process's I/O thread, started on first use; the error when epoll cannot be set up.
  static let shared: Result<EventLoop, SystemError> = Result {
    () throws(SystemError) -> EventLoop in try EventLoop()
  }

  /// The largest DNS message (a TCP answer can be this long; a UDP one is smaller).
  static let datagramSize = 65_535
  /// Datagrams read with one system call at most.
  static let datagramsPerRead = 16

  private let poller: Poller
  private let inbox = Mutex<[Command]>([])

  // The I/O thread's own state.
  private var handlers: [Int32: any EventHandler] = [:]
  /// Sockets with queries queued this turn (`flushLater`), sent at its end.
  private var unsentSockets: [UDPSocket] = []
  private var timers = TimerQueue()
  private var randomIDs = RandomIDs()
  /// Scratch space for every read, reused: `datagramsPerRead` slots for the largest datagram.
  let batch = ReceiveBatch(count: EventLoop.datagramsPerRead, slotSize: EventLoop.datagramSize)
  /// Scratch space for every send, refilled by each `flush`.
  let sendBatch = SendBatch()
  /// The whole of `batch`'s buffer, for a TCP read.
  var buffer: UnsafeMutableRawBufferPointer { batch.buffer }

  private init() throws(SystemError) {
    // Each busy server holds a few sockets; many servers (`--authoritative`) need room.
    Sockets.raiseDescriptorLimit()
    poller = try Poller()
    let thread = Thread { [self] in self.run() }
    thread.name = "dns-io"
    thread.start()
  }

  /// Hands `command` to the I/O thread (any thread). The thread is woken only when the inbox
  /// was empty: it drains the whole inbox on every turn.
  func post(_ command: Command) {
    let wasEmpty = inbox.withLock { inbox in
      let wasEmpty = inbox.isEmpty
      inbox.append(command)
      return wasEmpty
    }
    if wasEmpty { poller.wake() }
  }

  private func run() {
    var commands: [Command] = []
    // Swapped with `unsentSockets` each turn, so that both keep their capacity.
    var flushing: [UDPSocket] = []
    while true {
      poller.wait(milliseconds: waitLimit()) { descriptor, events in
        if descriptor == poller.wakeDescriptor {
          poller.drainWake()
        } else {
          handlers[descriptor]?.handle(events: events)
        }
      }
      inbox.withLock { swap(&$0, &commands) }
      for command in commands {
        switch command {
        case .start(let exchange): exchange.endpoint.start(exchange)
        case .cancel(let exchange): exchange.endpoint.cancel(exchange)
        case .shutdown(let endpoints): endpoints.forEach { $0.shutdown() }
        case .alarm(let target, let after, let postedAt):
          timers.schedule(target, after: after, from: postedAt, generation: 0)
        }
      }
      commands.removeAll(keepingCapacity: true)
      let now = Sockets.now()
      while let (target, generation) = timers.popDue(now: now) {
        target.timerFired(generation: generation)
      }
      // Answers, commands and timers may all have queued queries: out they go, together.
      while !unsentSockets.isEmpty {
        swap(&unsentSockets, &flushing)
        for socket in flushing { socket.endpoint.flush(socket) }
        flushing.removeAll(keepingCapacity: true)
      }
    }
  }

  /// Milliseconds until the next timeout is due (rounded up), or -1 when none is armed.
  private func waitLimit() -> Int32 {
    guard let deadline = timers.nextDeadline else { return -1 }
    let now = Sockets.now()
    guard deadline > now else { return 0 }
    let wait = deadline - now
    return Int32(min(wait / 1_000_000 + (wait % 1_000_000 == 0 ? 0 : 1), 60_000))
  }

  // MARK: For handlers and endpoints, on the I/O thread only.

  /// Watches `descriptor` for `events`, calling `handler`; closes it when epoll refuses it.
  func watch(
    _ descriptor: Int32, _ handler: any EventHandler, events: UInt32
  ) throws(SystemError) {
    do {
      try poller.add(descriptor, events: events)
    } catch {
      Sockets.close(descriptor)
      throw error
    }
    handlers[descriptor] = handler
  }

  /// Changes what `descriptor` is watched for.
  func change(_ descriptor: Int32, events: UInt32) throws(SystemError) {
    try poller.modify(descriptor, events: events)
  }

  /// Stops watching `descriptor` and closes it.
  func close(_ descriptor: Int32) {
    poller.remove(descriptor)
    handlers[descriptor] = nil
    Sockets.close(descriptor)
  }

  /// Sends the queries queued on `socket` at the end of this turn.
  func flushLater(_ socket: UDPSocket) { unsentSockets.append(socket) }

  /// Arms a timer for `target`, `nanoseconds` from now, tagged with `generation`.
  func schedule(
    _ target: any TimerTarget, after nanoseconds: UInt64, from start: UInt64 = Sockets.now(),
    generation: UInt32
  ) {
    timers.schedule(target, after: nanoseconds, from: start, generation: generation)
  }

  /// A query id from the system's cryptographic random source (`RandomIDs`).
  func randomID() -> UInt16 { randomIDs.next() }
}

/// Query ids from the system's cryptographic random source, drawn ahead: `getrandom` fills
/// `perDraw` of them at a time (one system call per 128 queries instead of one per four).
struct RandomIDs {
  static let perDraw = 128
  private var drawn: [UInt16] = []

  mutating func next() -> UInt16 {
    if let id = drawn.popLast() { return id }
    drawn = [UInt16](unsafeUninitializedCapacity: Self.perDraw) { buffer, count in
      if !Sockets.fillRandom(UnsafeMutableRawBufferPointer(buffer)) {
        var random = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = random.next() }
      }
      count = buffer.count
    }
    return drawn.removeLast()
  }
}
