import Foundation
import Testing

/// The command examples in the docs show what the binary prints: every ```console block that
/// starts with `$ senderauth …` is run and its output compared with the rest of the block.
/// `RECORD_SNAPSHOTS=1` writes the current output into the page.
@Suite struct DocsExamplesTests {
  static let pages = ["docs/message.md"]

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
      let arguments = command.dropFirst("$ senderauth ".count).split(separator: " ").map(
        String.init)
      let result = try Binary.run(arguments)
      var printed = result.stdout
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
