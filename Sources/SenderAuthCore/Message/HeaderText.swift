/// Scanning of structured header values (RFC 5322 §3.2): quoted strings with quoted-pairs,
/// comments (nested, with quoted-pairs) and angle brackets. Every function is one pass over the
/// characters, so a hostile value costs time in proportion to its length.
enum HeaderText {
  /// `text` split at every `separator` outside quoted strings, comments and (when `angles`)
  /// angle brackets.
  static func split(_ text: String, at separator: Character, angles: Bool = false) -> [String] {
    var parts: [String] = []
    var current = ""
    var state = State()
    for character in text {
      if state.isTopLevel(angles: angles), character == separator {
        parts.append(current)
        current = ""
        state.reset()
        continue
      }
      state.advance(character)
      current.append(character)
    }
    parts.append(current)
    return parts
  }

  /// `text` with its comments taken out (each replaced by one space), and the comments' texts.
  static func removingComments(_ text: String) -> (text: String, comments: [String]) {
    var out = ""
    var comments: [String] = []
    var comment = ""
    var state = State()
    for character in text {
      let wasInComment = state.depth > 0
      state.advance(character)
      let inComment = state.depth > 0
      if !wasInComment && !inComment {
        out.append(character)
      } else if wasInComment && !inComment {
        comments.append(comment)
        comment = ""
        out.append(" ")
      } else if wasInComment {
        comment.append(character)
      }
    }
    if !comment.isEmpty { comments.append(comment) }
    return (out, comments)
  }

  /// The first top-level occurrence of `character` (outside quotes, comments and angle
  /// brackets), as an offset into `text`'s characters.
  static func firstTopLevel(_ character: Character, in text: String) -> Int? {
    var state = State()
    for (offset, current) in text.enumerated() {
      if state.isTopLevel(angles: true), current == character { return offset }
      state.advance(current)
    }
    return nil
  }

  /// A quoted string's content without the quotes and with quoted-pairs resolved; other text
  /// as it is.
  static func unquoted(_ text: String) -> String {
    guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
    var out = ""
    var escaped = false
    for character in text.dropFirst().dropLast() {
      if escaped {
        out.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    return out
  }

  /// Where the scan stands: inside a quoted string, how deep inside comments, inside angle
  /// brackets, after a backslash.
  struct State {
    var quoted = false
    var depth = 0
    var angle = false
    var escaped = false

    func isTopLevel(angles: Bool) -> Bool {
      !quoted && depth == 0 && !escaped && !(angles && angle)
    }

    mutating func reset() { self = State() }

    mutating func advance(_ character: Character) {
      if escaped {
        escaped = false
        return
      }
      switch character {
      case "\\" where quoted || depth > 0:
        escaped = true
      case "\"" where depth == 0:
        quoted.toggle()
      case "(" where !quoted:
        depth += 1
      case ")" where !quoted && depth > 0:
        depth -= 1
      case "<" where !quoted && depth == 0:
        angle = true
      case ">" where !quoted && depth == 0:
        angle = false
      default:
        break
      }
    }
  }
}
