#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a list of domains: one per line, `#` starts a comment, `-` is stdin.
enum DomainList {
  static func read(_ path: String) throws(InputError) -> [String] {
    let handle: UnsafeMutablePointer<FILE>?
    if path == "-" {
      handle = fdopen(dup(STDIN_FILENO), "r")
    } else {
      handle = fopen(path, "r")
    }
    guard let handle else {
      throw InputError("cannot read the domain list '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(handle) }
    var domains: [String] = []
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, handle) > 0 {
      guard let line else { break }
      var text = String(cString: line)
      if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
      let trimmed = text.split(whereSeparator: \.isWhitespace)
      if let first = trimmed.first { domains.append(String(first)) }
    }
    free(line)
    return domains
  }
}
