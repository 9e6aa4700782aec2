import DNSLookup
import SenderAuthCore
import SenderAuthRules

/// `--ca-file FILE`: trusting an extra CA needs a private mount namespace, which a process can
/// only enter while it has a single thread, so main applies it before anything else runs.
enum CAFileOption {
  /// Installs the CA of the last `--ca-file FILE` (or `--ca-file=FILE`) in `arguments`; returns
  /// the error message when that fails, nil otherwise (also when the option is absent).
  static func apply(_ arguments: [String]) -> String? {
    var file: String?
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      if argument == "--" { break }
      if argument == "--ca-file", index + 1 < arguments.endIndex {
        file = arguments[index + 1]
        index += 1
      } else if argument.hasPrefix("--ca-file=") {
        file = String(argument.dropFirst("--ca-file=".count))
      }
      index += 1
    }
    guard let file else { return nil }
    do {
      try TrustedCertificates.install(caFile: file)
      return nil
    } catch {
      return error.message
    }
  }
}
