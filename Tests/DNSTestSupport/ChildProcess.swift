import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Foundation's `Process.waitUntilExit` spins a run loop on the calling thread and relies on a
/// monitor thread to notice the exit; with many children and a busy cooperative pool it was
/// seen to spin forever. This is the plain POSIX version: no run loop, no monitor thread.
public final class ChildProcess: @unchecked Sendable {
  public let pid: pid_t
  public let executable: String
  private let lock = NSLock()
  private var status: Int32?

  /// Starts `executable` with `arguments`; stdin is /dev/null, stdout and stderr are appended
  /// to the given files (or /dev/null). The child gets an empty signal mask and default signal
  /// handlers whatever thread starts it, and no file descriptor above 2.
  ///
  /// With `endWithTests` the child gets SIGTERM when the test process ends, however it ends
  /// (a crash included), through `setpriv --pdeathsig` and a spawning thread that lives as
  /// long as the process (the signal follows the thread that started the child).
  public init(
    executable: String, arguments: [String], standardOutput: String? = nil,
    standardError: String? = nil, endWithTests: Bool = false
  ) throws(KnotServerError) {
    var program = executable
    var arguments = arguments
    if endWithTests, FileManager.default.isExecutableFile(atPath: Self.setpriv) {
      arguments = ["--pdeathsig", "TERM", "--", executable] + arguments
      program = Self.setpriv
    }
    let argv = [program] + arguments
    let (result, pid) = SpawnThread.shared.perform {
      Self.spawn(argv, standardOutput: standardOutput, standardError: standardError)
    }
    guard result == 0 else {
      throw KnotServerError(
        "cannot start \(executable): \(String(cString: strerror(result))) (errno \(result))")
    }
    self.pid = pid
    self.executable = executable
  }

  /// `posix_spawn` of `argv[0]` with the redirections, signal reset and fd closing above;
  /// returns the error number (0 on success) and the child's pid.
  private static func spawn(
    _ argv: [String], standardOutput: String?, standardError: String?
  ) -> (Int32, pid_t) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let output = O_WRONLY | O_CREAT | O_APPEND
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, standardOutput ?? "/dev/null", output, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, standardError ?? "/dev/null", output, 0o644)
    // glibc ≥ 2.34 has posix_spawn_file_actions_addclosefrom_np; Swift does not import it
    // (it needs _GNU_SOURCE), so look it up. Without it the child merely inherits more fds.
    if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
      typealias CloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
      _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, argv[0], &actions, &attributes, arguments, environ)
    return (result, pid)
  }

  static let setpriv = "/usr/bin/setpriv"

  deinit { _ = terminateAndWait() }

  /// The raw wait status once the child has exited (it is reaped then), nil while it runs.
  public func exitStatus() -> Int32? {
    lock.lock()
    defer { lock.unlock() }
    if let status { return status }
    var raw: Int32 = 0
    let result = waitpid(pid, &raw, WNOHANG)
    if result == pid {
      status = raw
    } else if result < 0 {
      status = -1  // not our child any more: treat as gone
    }
    return status
  }

  public var isRunning: Bool { exitStatus() == nil }

  /// `exit code N` or `signal N`, for messages.
  public var exitDescription: String {
    guard let status = exitStatus() else { return "still running" }
    if status < 0 { return "gone" }
    return status & 0x7f == 0 ? "exit code \((status >> 8) & 0xff)" : "signal \(status & 0x7f)"
  }

  /// Waits up to `seconds` for the child to exit; true when it did.
  @discardableResult
  public func wait(seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while isRunning {
      guard Date() < deadline else { return false }
      usleep(1000)
    }
    return true
  }

  /// SIGTERM, up to 5 s of grace, then SIGKILL; returns once the child is reaped.
  @discardableResult
  public func terminateAndWait() -> Int32 {
    if isRunning {
      kill(pid, SIGTERM)
      if !wait(seconds: 5) {
        kill(pid, SIGKILL)
        wait(seconds: 5)
      }
    }
    return exitStatus() ?? -1
  }

  /// Runs `executable` to completion and returns its standard output (at most `seconds`).
  public static func output(
    of executable: String, arguments: [String], seconds: Double = 10
  ) throws(KnotServerError) -> String {
    let path = NSTemporaryDirectory() + "child-output-" + UUID().uuidString
    defer { unlink(path) }
    let child = try ChildProcess(
      executable: executable, arguments: arguments, standardOutput: path)
    guard child.wait(seconds: seconds) else {
      child.terminateAndWait()
      throw KnotServerError("\(executable) did not finish within \(seconds) s")
    }
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }
}

/// The one thread that starts child processes. It never exits, so a child's parent-death
/// signal (which Linux ties to the thread that forked it) fires only when the process ends.
final class SpawnThread: @unchecked Sendable {
  static let shared = SpawnThread()

  private let condition = NSCondition()
  private var work: [() -> Void] = []

  private init() {
    let thread = Thread { [self] in
      while true {
        condition.lock()
        while work.isEmpty { condition.wait() }
        let next = work.removeFirst()
        condition.unlock()
        next()
      }
    }
    thread.name = "test-spawner"
    thread.start()
  }

  /// Runs `body` on the spawning thread and waits for its result.
  func perform<Value>(_ body: @escaping () -> Value) -> Value {
    let done = DispatchSemaphore(value: 0)
    var result: Value?
    condition.lock()
    work.append {
      result = body()
      done.signal()
    }
    condition.signal()
    condition.unlock()
    done.wait()
    guard let result else { preconditionFailure("the spawn thread ran no work") }
    return result
  }
}
