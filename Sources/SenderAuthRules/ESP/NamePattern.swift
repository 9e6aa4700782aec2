import DNSLookup
import SenderAuthCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A DNS name pattern from the ESP catalog: literal text with named placeholders in braces
/// (`s1.domainkey.u{user}.wl{wl}.sendgrid.net`).
///
/// Placeholders: `{dashed}` is the checked domain with dots turned into dashes (it must match
/// exactly); `{domain}` is the checked domain; a name used twice must match the same text both
/// times. Digits-only placeholders are the ones listed in `digitNames`; others match letters,
/// digits and hyphens within one label. Matching is bounded by the name's length.
public struct NamePattern: Hashable, Sendable, CustomStringConvertible {
  enum Piece: Hashable, Sendable {
    /// The text as written (rendered) and its octets lower-cased (matched).
    case literal(String, [UInt8])
    case placeholder(String)
  }

  /// Placeholders that stand for digits only.
  public static let digitNames: Set<String> = ["user", "wl", "shard", "n", "nn", "hubid"]

  let pieces: [Piece]
  public let text: String
  /// The lower-cased octets every matching name ends with (the last piece, when it is
  /// literal); nil when the pattern ends with a placeholder.
  let suffix: [UInt8]?
  /// True when a piece is `{dashed}` or `{domain}`, which stand for the checked domain.
  private let namesDomain: Bool

  public init(_ text: String) {
    self.text = text
    var pieces: [Piece] = []
    var literal = ""
    var index = text.startIndex
    func closeLiteral() {
      if !literal.isEmpty { pieces.append(.literal(literal, Array(literal.lowercased().utf8))) }
      literal = ""
    }
    while index < text.endIndex {
      if text[index] == "{", let close = text[index...].firstIndex(of: "}") {
        closeLiteral()
        pieces.append(.placeholder(String(text[text.index(after: index)..<close])))
        index = text.index(after: close)
      } else {
        literal.append(text[index])
        index = text.index(after: index)
      }
    }
    closeLiteral()
    self.pieces = pieces
    if case .literal(_, let octets)? = pieces.last { suffix = octets } else { suffix = nil }
    namesDomain = pieces.contains { $0 == .placeholder("dashed") || $0 == .placeholder("domain") }
  }

  public var description: String { text }

  /// True when `octets` (a name's canonical text) can match: it ends with the literal end of
  /// the pattern. Cheap; a false answer means `match` finds nothing.
  func mayMatch(_ octets: [UInt8]) -> Bool {
    guard let suffix else { return true }
    guard octets.count >= suffix.count else { return false }
    return octets.withUnsafeBytes { octets in
      suffix.withUnsafeBytes { suffix in
        let end = octets.baseAddress! + (octets.count - suffix.count)
        return memcmp(end, suffix.baseAddress!, suffix.count) == 0
      }
    }
  }

  /// The placeholder values when `name` matches, else nil. The values of `dashed` and `domain`
  /// (the checked domain) are always among them.
  public func match(_ name: DomainName, domain: DomainName) -> [String: String]? {
    // The canonical text is ASCII: one octet per character.
    let input = Array(name.text.utf8)
    guard input.count <= 255, mayMatch(input) else { return nil }
    var bindings: [String: String] = [:]
    if namesDomain {
      bindings["dashed"] = DKIMSelectors.dashed(domain)
      bindings["domain"] = domain.text
    }
    var failed: Set<State> = []
    guard matchPieces(0, input, 0, &bindings, &failed) else { return nil }
    if !namesDomain {
      bindings["dashed"] = DKIMSelectors.dashed(domain)
      bindings["domain"] = domain.text
    }
    return bindings
  }

  /// A state of the match that failed: the piece, the position, and the values bound to the
  /// placeholders of this and later pieces (nil when unbound), which decide the rest.
  private struct State: Hashable {
    var piece: Int
    var position: Int
    var later: [String?]
  }

  /// Backtracking over placeholder lengths, with failed states remembered (piece, position and
  /// the bindings later pieces depend on), so the work is bounded by pieces × positions.
  private func matchPieces(
    _ pieceIndex: Int, _ input: [UInt8], _ position: Int, _ bindings: inout [String: String],
    _ failed: inout Set<State>
  ) -> Bool {
    guard pieceIndex < pieces.count else { return position == input.count }
    let later = pieces[pieceIndex...].compactMap { piece -> String?? in
      if case .placeholder(let name) = piece { return .some(bindings[name]) }
      return nil
    }
    let state = State(piece: pieceIndex, position: position, later: later)
    if failed.contains(state) { return false }
    if matchPiece(pieceIndex, input, position, &bindings, &failed) { return true }
    failed.insert(state)
    return false
  }

  private func matchPiece(
    _ pieceIndex: Int, _ input: [UInt8], _ position: Int, _ bindings: inout [String: String],
    _ failed: inout Set<State>
  ) -> Bool {
    switch pieces[pieceIndex] {
    case .literal(_, let octets):
      guard Self.has(octets, in: input, at: position) else { return false }
      return matchPieces(pieceIndex + 1, input, position + octets.count, &bindings, &failed)
    case .placeholder(let name):
      if let bound = bindings[name] {
        let octets = Array(bound.lowercased().utf8)
        guard Self.has(octets, in: input, at: position) else { return false }
        return matchPieces(pieceIndex + 1, input, position + octets.count, &bindings, &failed)
      }
      let digits = Self.digitNames.contains(name)
      var end = position
      while end < input.count {
        let octet = input[end]
        let allowed =
          digits
          ? Self.isDigit(octet)
          : Self.isDigit(octet) || Self.isLetter(octet) || octet == UInt8(ascii: "-")
            || octet == UInt8(ascii: "_")
        guard allowed else { break }
        end += 1
        bindings[name] = String(decoding: input[position..<end], as: UTF8.self)
        if matchPieces(pieceIndex + 1, input, end, &bindings, &failed) { return true }
        bindings[name] = nil
      }
      return false
    }
  }

  private static func has(_ octets: [UInt8], in input: [UInt8], at position: Int) -> Bool {
    position + octets.count <= input.count
      && input[position..<position + octets.count].elementsEqual(octets)
  }

  private static func isDigit(_ octet: UInt8) -> Bool {
    octet >= UInt8(ascii: "0") && octet <= UInt8(ascii: "9")
  }

  private static func isLetter(_ octet: UInt8) -> Bool {
    (octet | 0x20) >= UInt8(ascii: "a") && (octet | 0x20) <= UInt8(ascii: "z")
  }

  /// The pattern with `bindings` filled in; unbound placeholders become `<name>` so the user
  /// sees what to copy from the ESP.
  public func render(domain: DomainName, bindings: [String: String] = [:]) -> String {
    var all = bindings
    all["dashed"] = all["dashed"] ?? DKIMSelectors.dashed(domain)
    all["domain"] = all["domain"] ?? domain.text
    return pieces.map { piece in
      switch piece {
      case .literal(let text, _): text
      case .placeholder(let name): all[name] ?? "<\(name)>"
      }
    }.joined()
  }
}
