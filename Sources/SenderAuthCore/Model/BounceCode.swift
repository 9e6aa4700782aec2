/// The SMTP reply a mailbox provider gives when one of its requirements is not met: the reply
/// code and the enhanced status code (`550 5.7.40`).
///
/// RFC 5321 §4.2: a reply code is three digits; RFC 3463 §2: an enhanced status code is
/// `class "." subject "." detail`, class 2, 4 or 5, subject and detail up to three digits.
public struct BounceCode: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The three-digit reply code (`421`, `550`); nil when the provider names only the status.
  public var reply: Int?
  /// The enhanced status code (`5.7.40`).
  public var status: String

  public init(_ reply: Int?, _ status: String) {
    self.reply = reply
    self.status = status
  }

  /// `550 5.7.40`, or the status alone.
  public var description: String { reply.map { "\($0) \(status)" } ?? status }

  /// The class digit of the status (`5` of `5.7.40`).
  public var statusClass: Int? { status.split(separator: ".").first.flatMap { Int($0) } }

  /// The status without its class digit (`7.40` of `5.7.40`).
  public var subjectDetail: String {
    status.split(separator: ".").dropFirst().joined(separator: ".")
  }

  /// What someone typed to find a code: `5.7.40`, `550 5.7.40`, `421-4.7.40`, `550; 5.7.515`,
  /// `7.40` (without the class digit), or a whole bounce line that contains one of them.
  public struct Query: Hashable, Sendable, CustomStringConvertible {
    /// The reply code typed before the status, if any.
    public var reply: Int?
    /// The class digit, nil when typed without it.
    public var statusClass: Int?
    /// `7.40`.
    public var subjectDetail: String

    public init(reply: Int? = nil, statusClass: Int? = nil, subjectDetail: String) {
      self.reply = reply
      self.statusClass = statusClass
      self.subjectDetail = subjectDetail
    }

    public var description: String {
      let status = statusClass.map { "\($0).\(subjectDetail)" } ?? subjectDetail
      return reply.map { "\($0) \(status)" } ?? status
    }

    /// The query in `text`, or nil when it holds no status code. A full status (`5.7.40`)
    /// wins over a short one (`7.40`); the reply code counts only when it comes right before
    /// the status (`550 5.7.40`, `421-4.7.40`).
    public static func parse(_ text: String) -> Query? {
      let separators: Set<Character> = [" ", "\t", "\n", "-", ";", ",", ":", "(", ")", "[", "]"]
      let tokens = text.split(whereSeparator: { separators.contains($0) }).map {
        String($0).trimmingTrailing(".")
      }
      if let index = tokens.firstIndex(where: isFullStatus) {
        let parts = tokens[index].split(separator: ".")
        return Query(
          reply: index > 0 ? replyCode(tokens[index - 1]) : nil, statusClass: Int(parts[0]),
          subjectDetail: parts.dropFirst().joined(separator: "."))
      }
      if let index = tokens.firstIndex(where: isShortStatus) {
        return Query(
          reply: index > 0 ? replyCode(tokens[index - 1]) : nil, subjectDetail: tokens[index])
      }
      return nil
    }

    /// True when `code` is what the query asks for; `ignoringReply` drops the reply code
    /// (a provider may send the same status under another reply).
    public func matches(_ code: BounceCode, ignoringReply: Bool = false) -> Bool {
      guard code.subjectDetail == subjectDetail else { return false }
      if let statusClass, code.statusClass != statusClass { return false }
      if !ignoringReply, let reply, let codeReply = code.reply, reply != codeReply { return false }
      return true
    }

    /// `4.7.40`: a class digit 2, 4 or 5 and two numbers of at most three digits.
    static func isFullStatus(_ token: String) -> Bool {
      let parts = token.split(separator: ".", omittingEmptySubsequences: false)
      return parts.count == 3 && ["2", "4", "5"].contains(parts[0])
        && parts.dropFirst().allSatisfy(isNumber)
    }

    /// `7.40`: two numbers of at most three digits.
    static func isShortStatus(_ token: String) -> Bool {
      let parts = token.split(separator: ".", omittingEmptySubsequences: false)
      return parts.count == 2 && parts.allSatisfy(isNumber)
    }

    static func isNumber(_ part: Substring) -> Bool {
      (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The reply code in `token` (`421`), or nil.
    static func replyCode(_ token: String) -> Int? {
      guard token.count == 3, let first = token.first, ["2", "4", "5"].contains(first),
        token.allSatisfy({ $0.isASCII && $0.isNumber })
      else { return nil }
      return Int(token)
    }
  }
}

extension String {
  /// The string without `character` repeated at its end (`5.7.40.` → `5.7.40`).
  fileprivate func trimmingTrailing(_ character: Character) -> String {
    var text = self
    while text.last == character { text.removeLast() }
    return text
  }
}
