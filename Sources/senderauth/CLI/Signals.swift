import Dispatch

/// Turns SIGINT and SIGTERM into calls on a dispatch queue, where any work is safe.
///
/// A `DispatchSource` per signal delivers them as ordinary events, so the handler may take
/// locks, render and write; nothing runs inside a signal handler. `cancel()` restores the
/// default actions.
///
/// The default actions are switched off first (`SIG_IGN`); libdispatch installs its own
/// handler when a source is registered, which happens later on its manager thread, so `init`
/// waits for the registration: once it returns, every signal is delivered. One that arrives
/// in between (within milliseconds of the start of a batch) is dropped.
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
    let registered = DispatchSemaphore(value: 0)
    for number in signals {
      System.setSignal(number, ignored: true)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { handler(number) }
      source.setRegistrationHandler { registered.signal() }
      source.resume()
      sources.append(source)
    }
    // Registration takes a turn of the manager thread; bounded, so that a stalled one cannot
    // hold the run (the signals then keep their default actions a moment longer).
    for _ in signals { _ = registered.wait(timeout: .now() + .seconds(2)) }
  }

  /// Stops watching and gives the signals their default actions back.
  func cancel() {
    for source in sources { source.cancel() }
    for number in signals { System.setSignal(number, ignored: false) }
  }
}
