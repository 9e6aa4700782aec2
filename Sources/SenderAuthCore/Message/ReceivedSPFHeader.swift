/// A `Received-SPF` header field (RFC 7208 §9.1): the receiver's SPF result and the
/// `key=value` pairs after it (`client-ip`, `envelope-from`, `helo`, `identity`, `receiver`).
public struct ReceivedSPFHeader: Hashable, Sendable, Codable {
  public var result: String
  public var comment: String?
  /// Keys lower-cased, values unquoted.
  public var properties: [String: String]
  public var line: Int

  public init(result: String, comment: String?, properties: [String: String], line: Int) {
    self.result = result
    self.comment = comment
    self.properties = properties
    self.line = line
  }

  /// Parses the field's value; nil when it does not start with a result word.
  public init?(field: HeaderField) {
    let (bare, comments) = HeaderText.removingComments(field.value)
    let parts = HeaderText.split(bare, at: ";")
    let head = AuthenticationResults.tokens(parts.first ?? "")
    guard let result = head.first?.lowercased(), !result.contains("="),
      result.allSatisfy({ $0.isLetter })
    else { return nil }
    var properties: [String: String] = [:]
    let pairs = head.dropFirst() + parts.dropFirst().flatMap(AuthenticationResults.tokens)
    for token in pairs {
      guard let equals = token.firstIndex(of: "=") else { continue }
      let key = token[..<equals].lowercased()
      if properties[key] == nil {
        properties[key] = HeaderText.unquoted(String(token[token.index(after: equals)...]))
      }
    }
    let comment = comments.first?.trimmingWhitespace
    self.init(
      result: result, comment: comment?.isEmpty == false ? comment : nil, properties: properties,
      line: field.line)
  }
}
