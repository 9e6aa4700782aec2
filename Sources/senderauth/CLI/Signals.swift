import Dispatch

/// Turns SIGINT and SIGTERM into calls on a dispatch queue, where any work is safe.
///
/// The signals' default actions are switched off (`SIG_IGN`) and a `DispatchSource` per signal
/// delivers them as ordinary events, so the handler may take locks, render and write; nothing
/// runs inside a signal handler. `cancel()` restores the default actions.
final class SignalWatcher: @unchecked Sendable {
  /// The exit status of a process ended by `signal`: 128 + its number (130 SIGINT, 143 SIGTERM).
  static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

  // Written once in init; cancel() only reads it.
  private var sources: [any DispatchSourceSignal] = []
  private let signals: [Int32]

  /// Watches `signals`, calling `handler` with the signal's number on `queue`.
  init(
    signals: [Int32] = [System.interrupt, System.terminate], queue: DispatchQueue,
    handler: @escaping @Sendable (Int32) -> Void
  ) {
    self.signals = signals
    for number in signals {
      System.setSignal(number, ignored: true)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { handler(number) }
      source.resume()
      sources.append(source)
    }
  }

  /// Stops watching and gives the signals their default actions back.
  func cancel() {
    for source in sources { source.cancel() }
    for number in signals { System.setSignal(number, ignored: false) }
  }
}
