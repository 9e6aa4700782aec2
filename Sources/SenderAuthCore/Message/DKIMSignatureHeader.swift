import DNSLookup

/// What a `DKIM-Signature` header field says about where its key is (RFC 6376 §3.5): the
/// signing domain `d=`, the selector `s=`, the algorithm and the signed header fields. The
/// signature itself is not verified (that needs the message as sent and its body); what DNS
/// decides is whether the key can be found and whether `d=` aligns with From.
public struct DKIMSignatureHeader: Hashable, Sendable, Codable {
  public var domain: DomainName?
  public var selector: String?
  /// `a=` (`rsa-sha256`, `ed25519-sha256`).
  public var algorithm: String?
  /// `i=`, the agent or user identifier, when given.
  public var identity: String?
  /// `h=`, lower-cased.
  public var signedHeaders: [String]
  /// The header's first line in the input.
  public var line: Int
  /// Why receivers cannot verify the signature from its tags alone (`d=` or `s=` missing or
  /// invalid, From not signed); nil when the tags allow verification.
  public var problem: LocalizedText?

  public init(
    domain: DomainName?, selector: String?, algorithm: String? = nil, identity: String? = nil,
    signedHeaders: [String] = [], line: Int, problem: LocalizedText? = nil
  ) {
    self.domain = domain
    self.selector = selector
    self.algorithm = algorithm
    self.identity = identity
    self.signedHeaders = signedHeaders
    self.line = line
    self.problem = problem
  }

  /// RFC 6376 §3.2 tag list: `tag=value` pairs separated by ';', folding white space anywhere
  /// around them (removed inside values, where only `b=`, `bh=`, `h=` and `z=` may carry it).
  public init(field: HeaderField) {
    var tags: [String: String] = [:]
    for part in field.value.split(separator: ";") {
      guard let equals = part.firstIndex(of: "=") else { continue }
      let name = String(part[..<equals]).trimmingWhitespace.lowercased()
      let value = part[part.index(after: equals)...].filter { !$0.isWhitespace }
      if tags[name] == nil { tags[name] = value }
    }
    var problems: [LocalizedText] = []
    func problem(_ en: String, _ de: String) { problems.append(LocalizedText(en: en, de: de)) }
    var domain: DomainName?
    if let text = tags["d"], !text.isEmpty {
      if let input = try? DomainInput.parse(text), !text.contains("@") {
        domain = input.domain
      } else {
        problem(
          "'d=\(MessageError.excerpt(text))' is not a domain",
          "'d=\(MessageError.excerpt(text))' ist keine Domain")
      }
    } else {
      problem("it has no 'd=' tag", "sie hat kein Tag 'd='")
    }
    var selector: String?
    if let text = tags["s"], !text.isEmpty {
      let lower = text.lowercased()
      if DKIMSelectors.isValidSelector(lower) {
        selector = lower
      } else {
        problem(
          "'s=\(MessageError.excerpt(text))' is not a selector",
          "'s=\(MessageError.excerpt(text))' ist kein Selektor")
      }
    } else {
      problem("it has no 's=' tag", "sie hat kein Tag 's='")
    }
    if let version = tags["v"], version != "1" {
      problem(
        "'v=\(MessageError.excerpt(version))' is not 1",
        "'v=\(MessageError.excerpt(version))' ist nicht 1")
    }
    let signed = (tags["h"] ?? "").split(separator: ":").map {
      String($0).trimmingWhitespace.lowercased()
    }
    if tags["h"] != nil, !signed.contains("from") {
      problem(
        "'h=' does not sign From (RFC 6376 §5.4)", "'h=' signiert From nicht (RFC 6376 §5.4)")
    }
    self.init(
      domain: domain, selector: selector, algorithm: tags["a"]?.lowercased(),
      identity: tags["i"], signedHeaders: signed, line: field.line,
      problem: problems.isEmpty
        ? nil
        : LocalizedText(
          en: problems.map(\.en).joined(separator: "; "),
          de: problems.map(\.de).joined(separator: "; ")))
  }
}
