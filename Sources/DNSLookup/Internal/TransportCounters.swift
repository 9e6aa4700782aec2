import Synchronization

/// A transport's counters: written by the I/O thread, read by anyone.
final class TransportCounters: Sendable {
  let sent = Atomic(0)
  let answered = Atomic(0)
  let dropped = Atomic(0)
  let tcp = Atomic(0)
  let timeouts = Atomic(0)
  let resent = Atomic(0)
  let inFlight = Atomic(0)
  let peakInFlight = Atomic(0)
  let waiting = Atomic(0)
  let sockets = Atomic(0)
  let recursiveServers = Atomic(0)

  /// The counters at this moment.
  var snapshot: TransportStatistics {
    TransportStatistics(
      sent: sent.load(ordering: .relaxed), answered: answered.load(ordering: .relaxed),
      dropped: dropped.load(ordering: .relaxed), tcpFallbacks: tcp.load(ordering: .relaxed),
      timeouts: timeouts.load(ordering: .relaxed), resent: resent.load(ordering: .relaxed),
      inFlight: inFlight.load(ordering: .relaxed),
      peakInFlight: peakInFlight.load(ordering: .relaxed),
      waiting: waiting.load(ordering: .relaxed), openSockets: sockets.load(ordering: .relaxed),
      recursiveServers: recursiveServers.load(ordering: .relaxed))
  }
}
