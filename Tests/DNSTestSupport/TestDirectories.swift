import Foundation
import Synchronization

/// Scratch directories of the test servers. A server kept for the whole run (a suite's shared
/// Knot) is never stopped explicitly, so whatever is left when the test process exits is
/// removed then.
public enum TestDirectories {
  private static let made = Mutex<[String]>([])
  private static let removedAtExit: Void = {
    atexit { TestDirectories.removeAll() }
  }()

  /// A new path below the temporary directory, `prefix-<UUID>`, removed at exit at the latest.
  /// The caller creates the directory.
  public static func path(_ prefix: String) -> String {
    _ = removedAtExit
    let path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
    made.withLock { $0.append(path) }
    return path
  }

  static func removeAll() {
    for path in made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
  }
}
