import Synchronization

/// Composes query messages for any thread: one `ResolverState` behind a lock.
final class QueryComposer: Sendable {
  private let state: Mutex<ResolverState>

  init(_ state: sending ResolverState) {
    self.state = Mutex(state)
  }

  /// The query for `name`/`type` (RD set; an EDNS0 OPT record when `edns`).
  func makeQuery(_ name: DomainName, _ type: RRType, edns: Bool) throws(DNSError) -> [UInt8] {
    try state.withLock { state throws(DNSError) in try state.makeQuery(name, type, edns: edns) }
  }
}
