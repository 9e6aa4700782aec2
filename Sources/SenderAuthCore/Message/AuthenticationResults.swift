/// An `Authentication-Results` header field (RFC 8601 §2.2): the receiver's own verdicts on
/// SPF, DKIM and DMARC, as a support agent finds them in a delivered message.
///
/// Microsoft 365 writes the field without the `authserv-id` (it starts with `spf=`); that form
/// is read too. Comments are kept with the result they follow (Gmail puts the DMARC policy in
/// one: `(p=REJECT sp=REJECT dis=NONE)`).
public struct AuthenticationResults: Hashable, Sendable, Codable {
  /// One `method=result` with its reason and properties.
  public struct Result: Hashable, Sendable, Codable {
    /// `spf`, `dkim`, `dmarc`, `iprev`, `arc` … lower-cased, without a version.
    public var method: String
    /// `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy` …
    public var result: String
    public var reason: String?
    /// `ptype.property` (lower-cased) to value: `smtp.mailfrom`, `header.d`, `header.s`,
    /// `header.from`, `header.i`; other `name=value` tokens (`action=none`) as written.
    public var properties: [String: String]
    /// The comments inside this result, joined.
    public var comment: String?

    public init(
      method: String, result: String, reason: String? = nil, properties: [String: String] = [:],
      comment: String? = nil
    ) {
      self.method = method
      self.result = result
      self.reason = reason
      self.properties = properties
      self.comment = comment
    }
  }

  /// The receiving server's name; nil in Microsoft's form without one.
  public var authservID: String?
  public var results: [Result]
  public var line: Int

  public init(authservID: String?, results: [Result], line: Int) {
    self.authservID = authservID
    self.results = results
    self.line = line
  }

  /// The results of `method`, in order.
  public func results(for method: String) -> [Result] {
    results.filter { $0.method == method }
  }

  /// Parses the field's value; nil when it holds no result at all.
  public init?(field: HeaderField) {
    let segments = HeaderText.split(field.value, at: ";")
    var authserv: String?
    var results: [Result] = []
    for (index, segment) in segments.enumerated() {
      let (bare, comments) = HeaderText.removingComments(segment)
      let tokens = Self.tokens(bare)
      guard let first = tokens.first else { continue }
      if index == 0, !first.contains("=") {
        authserv = first
        continue
      }
      guard let equals = first.firstIndex(of: "=") else { continue }
      var method = first[..<equals].lowercased()
      if let slash = method.firstIndex(of: "/") { method = String(method[..<slash]) }
      let result = first[first.index(after: equals)...].lowercased()
      guard !method.isEmpty, !result.isEmpty else { continue }
      var reason: String?
      var properties: [String: String] = [:]
      for token in tokens.dropFirst() {
        guard let split = token.firstIndex(of: "=") else { continue }
        let key = token[..<split].lowercased()
        let value = HeaderText.unquoted(String(token[token.index(after: split)...]))
        if key == "reason" {
          reason = value
        } else if properties[key] == nil {
          properties[key] = value
        }
      }
      let comment = comments.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
      results.append(
        Result(
          method: method, result: result, reason: reason, properties: properties,
          comment: comment.isEmpty ? nil : comment.joined(separator: "; ")))
    }
    guard !results.isEmpty else { return nil }
    self.init(authservID: authserv, results: results, line: field.line)
  }

  /// The white-space separated tokens of a segment, with `a = b` joined to `a=b` and quoted
  /// strings kept whole.
  static func tokens(_ text: String) -> [String] {
    var raw: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" { quoted.toggle() }
      if !quoted, character.isWhitespace {
        if !current.isEmpty { raw.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { raw.append(current) }
    var tokens: [String] = []
    var index = 0
    while index < raw.count {
      var token = raw[index]
      index += 1
      // Join `a`, `=`, `b` and `a`, `=b` and `a=`, `b` back into one token (but not a
      // base64 value ending in '=' and the next property).
      while index < raw.count {
        let bareName = !token.contains("=")
        let openValue = token.firstIndex(of: "=") == token.index(before: token.endIndex)
        guard (bareName && raw[index].hasPrefix("=")) || openValue else { break }
        token += raw[index]
        index += 1
      }
      tokens.append(token)
    }
    return tokens
  }
}
