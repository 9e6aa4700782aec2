import DNSLookup
import SenderAuthCore

/// A DNS name pattern from the ESP catalog: literal text with named placeholders in braces
/// (`s1.domainkey.u{user}.wl{wl}.sendgrid.net`).
///
/// Placeholders: `{dashed}` is the checked domain with dots turned into dashes (it must match
/// exactly); `{domain}` is the checked domain; a name used twice must match the same text both
/// times. Digits-only placeholders are the ones listed in `digitNames`; others match letters,
/// digits and hyphens within one label. Matching is bounded by the name's length.
public struct NamePattern: Hashable, Sendable, CustomStringConvertible {
  enum Piece: Hashable, Sendable {
    case literal(String)
    case placeholder(String)
  }

  /// Placeholders that stand for digits only.
  public static let digitNames: Set<String> = ["user", "wl", "shard", "n", "nn", "hubid"]

  let pieces: [Piece]
  public let text: String

  public init(_ text: String) {
    self.text = text
    var pieces: [Piece] = []
    var literal = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "{", let close = text[index...].firstIndex(of: "}") {
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        literal = ""
        pieces.append(.placeholder(String(text[text.index(after: index)..<close])))
        index = text.index(after: close)
      } else {
        literal.append(text[index])
        index = text.index(after: index)
      }
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    self.pieces = pieces
  }

  public var description: String { text }

  /// The placeholder values when `name` matches, else nil.
  public func match(_ name: DomainName, domain: DomainName) -> [String: String]? {
    var bindings: [String: String] = [
      "dashed": DKIMSelectors.dashed(domain), "domain": domain.text,
    ]
    let input = Array(name.text)
    guard input.count <= 255 else { return nil }
    var failed: Set<String> = []
    return matchPieces(0, input, 0, &bindings, &failed) ? bindings : nil
  }

  /// Backtracking over placeholder lengths, with failed states remembered (piece, position and
  /// the bindings later pieces depend on), so the work is bounded by pieces × positions.
  private func matchPieces(
    _ pieceIndex: Int, _ input: [Character], _ position: Int, _ bindings: inout [String: String],
    _ failed: inout Set<String>
  ) -> Bool {
    guard pieceIndex < pieces.count else { return position == input.count }
    let later = pieces[pieceIndex...].compactMap { piece -> String? in
      if case .placeholder(let name) = piece, let value = bindings[name] {
        return name + "=" + value
      }
      return nil
    }
    let key = "\(pieceIndex):\(position):" + later.joined(separator: ",")
    if failed.contains(key) { return false }
    if matchPiece(pieceIndex, input, position, &bindings, &failed) { return true }
    failed.insert(key)
    return false
  }

  private func matchPiece(
    _ pieceIndex: Int, _ input: [Character], _ position: Int, _ bindings: inout [String: String],
    _ failed: inout Set<String>
  ) -> Bool {
    switch pieces[pieceIndex] {
    case .literal(let literal):
      let chars = Array(literal.lowercased())
      guard position + chars.count <= input.count,
        Array(input[position..<position + chars.count]) == chars
      else { return false }
      return matchPieces(pieceIndex + 1, input, position + chars.count, &bindings, &failed)
    case .placeholder(let name):
      if let bound = bindings[name] {
        let chars = Array(bound.lowercased())
        guard position + chars.count <= input.count,
          Array(input[position..<position + chars.count]) == chars
        else { return false }
        return matchPieces(pieceIndex + 1, input, position + chars.count, &bindings, &failed)
      }
      let digits = Self.digitNames.contains(name)
      var end = position
      while end < input.count {
        let char = input[end]
        let allowed =
          digits
          ? char.isASCII && char.isNumber
          : char.isASCII && (char.isLetter || char.isNumber || char == "-" || char == "_")
        guard allowed else { break }
        end += 1
        bindings[name] = String(input[position..<end])
        if matchPieces(pieceIndex + 1, input, end, &bindings, &failed) { return true }
        bindings[name] = nil
      }
      return false
    }
  }

  /// The pattern with `bindings` filled in; unbound placeholders become `<name>` so the user
  /// sees what to copy from the ESP.
  public func render(domain: DomainName, bindings: [String: String] = [:]) -> String {
    var all = bindings
    all["dashed"] = all["dashed"] ?? DKIMSelectors.dashed(domain)
    all["domain"] = all["domain"] ?? domain.text
    return pieces.map { piece in
      switch piece {
      case .literal(let text): text
      case .placeholder(let name): all[name] ?? "<\(name)>"
      }
    }.joined()
  }
}
