import Synchronization

/// How one exchange with one server ended.
enum ExchangeOutcome {
  /// A reply whose source, id and question match the query (after TCP when it was truncated).
  /// Its octets lie where they were read (the I/O thread's receive buffer): valid only during
  /// `exchangeEnded`, which parses them at once, so that no reply is copied first.
  case reply(UnsafeRawBufferPointer)
  /// No matching reply within the try's timeout.
  case timeout
  /// The server's port is closed (ICMP port unreachable on UDP, or `ECONNREFUSED` on TCP).
  case connectionRefused
  /// Another socket error.
  case failed(SystemError)
  /// The caller's task was cancelled.
  case cancelled

  /// The outcome of a socket error: refused, or another failure.
  init(_ error: SystemError) {
    self = error.isConnectionRefused ? .connectionRefused : .failed(error)
  }
}

/// What started an exchange, and is told how it ended.
protocol ExchangeOwner: AnyObject, Sendable {
  /// Called once, on the I/O thread.
  func exchangeEnded(_ outcome: ExchangeOutcome)
}

/// One query sent to one server, from the caller's `await` to its outcome: waiting for a slot
/// under the server's in-flight cap, then over UDP, then over TCP when the answer was
/// truncated (TC).
///
/// The caller creates it with its owner; once posted to the I/O thread every other field
/// belongs to that thread. Only `isCancelled` is read and written across threads.
final class Exchange: TimerTarget, @unchecked Sendable {
  enum Phase {
    /// Made, not yet seen by the I/O thread.
    case created
    /// Queued behind the server's in-flight cap.
    case waiting
    /// Sent over UDP on `socket` with `id`.
    case udp(UDPSocket, id: UInt16)
    /// Asked again over TCP.
    case tcp(TCPConnection)
    /// Its owner has been told the outcome.
    case finished
  }

  let endpoint: ServerEndpoint
  /// The query message; its id is set for each send.
  var query: [UInt8]
  /// Nanoseconds each try (UDP, then TCP) may take.
  let timeout: UInt64
  /// Told the outcome once, on the I/O thread.
  var owner: (any ExchangeOwner)?
  var phase = Phase.created
  /// Bumped whenever a timeout is armed or the exchange finishes: a timer entry with an
  /// older generation is stale.
  var generation: UInt32 = 0
  func timerFired(generation: UInt32) { endpoint.timedOut(self, generation: generation) }

  /// True while it holds a slot of the server's in-flight cap.
  var holdsSlot = false
  /// Its number in the server's congestion window, and when it was sent (monotonic
  /// nanoseconds), for the round-trip time.
  var sequence: UInt64 = 0
  var sentAt: UInt64 = 0
  /// When the current try ends (monotonic nanoseconds), and how long to wait before the
  /// query goes out again over UDP (`RetransmitTimer`), doubled after each resend.
  var deadline: UInt64 = 0
  var resendDelay: UInt64 = 0
  /// How many times the query was sent again in this try.
  var resent = 0
  private let cancelled = Atomic(false)

  init(endpoint: ServerEndpoint, query: [UInt8], timeout: UInt64, owner: any ExchangeOwner) {
    self.endpoint = endpoint
    self.query = query
    self.timeout = timeout
    self.owner = owner
  }

  /// Set by the caller's cancellation handler, read by the I/O thread when it starts the
  /// exchange (the cancellation may overtake the start in the inbox).
  var isCancelled: Bool {
    get { cancelled.load(ordering: .acquiring) }
    set { cancelled.store(newValue, ordering: .releasing) }
  }
}
