import Foundation
import Testing

/// The command examples in the docs show what the binary prints: every ```console block that
/// starts with `$ senderauth …` is run and its output compared with the rest of the block. A
/// command may end in `| head -n N` or `| tail -n N` (as a reader would type it) to show part
/// of the output. `RECORD_SNAPSHOTS=1` writes the current output into the page.
@Suite struct DocsExamplesTests {
  static let pages = ["README.md", "docs/message.md"]

  /// The lines `filter` (`head -n N`, `tail -n N`) keeps of `output`.
  static func apply(_ filter: String, to output: String) throws -> String {
    let words = filter.split(separator: " ")
    guard words.count == 3, words[1] == "-n", let count = Int(words[2]),
      words[0] == "head" || words[0] == "tail"
    else { throw Failure("unsupported filter '\(filter)' (head -n N or tail -n N)") }
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    let kept = words[0] == "head" ? lines.prefix(count) : lines.suffix(count)
    return kept.joined(separator: "\n")
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// The page with every console block's output replaced by what the command prints now.
  static func regenerated(_ page: String) throws -> String {
    var out: [String] = []
    var lines = page.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      out.append(String(line))
      guard line == "```console", let command = lines.first, command.hasPrefix("$ senderauth ")
      else { continue }
      out.append(String(lines.removeFirst()))
      while let next = lines.first, next != "```" { lines.removeFirst() }
      let parts = command.dropFirst("$ senderauth ".count).split(separator: "|").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let arguments = parts[0].split(separator: " ").map(String.init)
      let result = try Binary.run(arguments)
      var printed = result.stdout
      for filter in parts.dropFirst() { printed = try Self.apply(filter, to: printed) }
      while printed.hasSuffix("\n") { printed.removeLast() }
      out.append(printed)
    }
    return out.joined(separator: "\n")
  }

  @Test(arguments: pages)
  func examplesShowWhatTheBinaryPrints(_ page: String) throws {
    let url = Golden.repository.appendingPathComponent(page)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains("```console\n$ senderauth "), "\(page) has no example")
    try Golden.check(try Self.regenerated(text), at: url)
  }
}
