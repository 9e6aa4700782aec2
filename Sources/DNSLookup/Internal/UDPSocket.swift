/// One connected UDP socket to one server, with the exchanges waiting for an answer on it,
/// by query id.
///
/// It belongs to the I/O thread. After `retirementAge` queries it is retired: no new query
/// goes out on it, and it is closed once its last answer is in (or timed out), so the source
/// ports of a long run keep changing.
final class UDPSocket: EventHandler {
  /// Queries sent before a socket is replaced by a new one with a new random port.
  static let retirementAge = 4_096

  let descriptor: Int32
  let endpoint: ServerEndpoint
  var pending: [QueryID: Exchange] = [:]
  var sent = 0
  var isRetired = false
  /// Set when the descriptor is closed: its number may already belong to another socket.
  var isClosed = false
  /// Exchanges whose query waits for the end of the I/O thread's turn, to go out together.
  var unsent: [Exchange] = []
  /// Ids of queries sent again: once one is answered (or its try is over) another copy's
  /// answer may still come, and is neither an answer nor a stray datagram. They are not used
  /// again on this socket (at most `retirementAge` of the 65,536).
  var resentIDs: Set<QueryID> = []

  init(descriptor: Int32, endpoint: ServerEndpoint) {
    self.descriptor = descriptor
    self.endpoint = endpoint
  }

  func handle(events: UInt32) { endpoint.drain(self) }

  /// A random id no exchange on this socket uses.
  func freeID(from loop: EventLoop) -> UInt16 {
    while true {
      let id = loop.randomID()
      if pending[QueryID(id)] == nil, !resentIDs.contains(QueryID(id)) { return id }
    }
  }
}
