import DNSLookup

/// One mailbox of an address header (RFC 5322 §3.4): its display name (encoded words decoded),
/// the address as written, and its domain in A-label form.
public struct MessageAddress: Hashable, Sendable, Codable {
  public var displayName: String?
  /// `local@domain` as written (without angle brackets and comments).
  public var address: String
  public var domain: DomainName

  public init(displayName: String?, address: String, domain: DomainName) {
    self.displayName = displayName
    self.address = address
    self.domain = domain
  }

  /// The mailboxes of an address-list value (`From`, `Return-Path`): names with angle
  /// addresses, bare addresses with comments, groups (`team: a@x, b@y;`), obsolete routes.
  /// Items that hold no usable address are returned as problems, each naming the item.
  static func list(_ value: String) -> (addresses: [MessageAddress], problems: [String]) {
    var text = value
    // A group: `display-name ":" [group-list] ";"`.
    if let colon = HeaderText.firstTopLevel(":", in: text) {
      let head = String(text.prefix(colon))
      if !head.contains("@"), !head.contains("<") {
        text = String(text.dropFirst(colon + 1))
        if let semicolon = HeaderText.firstTopLevel(";", in: text) {
          text = String(text.prefix(semicolon))
        }
      }
    }
    var addresses: [MessageAddress] = []
    var problems: [String] = []
    for item in HeaderText.split(text, at: ",", angles: true) {
      guard !item.trimmingWhitespace.isEmpty else { continue }
      switch mailbox(item) {
      case .success(let address): addresses.append(address)
      case .failure(let problem): problems.append(problem.message)
      }
    }
    return (addresses, problems)
  }

  /// One mailbox: `name <addr-spec>`, or an addr-spec with comments around it.
  static func mailbox(_ item: String) -> Result<MessageAddress, MessageError> {
    let (bare, comments) = HeaderText.removingComments(item)
    var spec: String
    var display: String?
    if let open = HeaderText.firstTopLevel("<", in: bare) {
      let before = String(bare.prefix(open))
      var inside = String(bare.dropFirst(open + 1))
      if let close = inside.firstIndex(of: ">") { inside = String(inside[..<close]) }
      spec = inside
      let name = HeaderText.unquoted(before.trimmingWhitespace)
      display = name.isEmpty ? nil : EncodedWords.decode(name)
    } else {
      spec = bare
      let comment = comments.first?.trimmingWhitespace ?? ""
      display = comment.isEmpty ? nil : EncodedWords.decode(comment)
    }
    spec = spec.trimmingWhitespace
    // obs-route: `@relay1,@relay2:user@domain`.
    if spec.hasPrefix("@"), let colon = spec.lastIndex(of: ":") {
      spec = String(spec[spec.index(after: colon)...])
    }
    let shown = MessageError.excerpt(item.trimmingWhitespace)
    guard let at = lastTopLevelAt(spec) else {
      return .failure(MessageError("'\(shown)' has no address with a domain"))
    }
    let local = String(spec[..<at]).trimmingWhitespace
    var domainText = String(spec[spec.index(after: at)...]).filter { !$0.isWhitespace }
    guard !local.isEmpty, !domainText.isEmpty else {
      return .failure(MessageError("'\(shown)' has no address with a domain"))
    }
    if domainText.hasPrefix("[") {
      return .failure(
        MessageError("'\(shown)' has an address literal, not a domain, after '@'"))
    }
    if domainText.hasSuffix(".") { domainText.removeLast() }
    do {
      let input = try DomainInput.parse(domainText)
      return .success(
        MessageAddress(
          displayName: display, address: local + "@" + domainText, domain: input.domain))
    } catch {
      return .failure(MessageError("the domain of '\(shown)' is not valid: \(error.reason)"))
    }
  }

  /// The index of the last '@' outside a quoted local part.
  private static func lastTopLevelAt(_ spec: String) -> String.Index? {
    var quoted = false
    var escaped = false
    var found: String.Index?
    for index in spec.indices {
      let character = spec[index]
      if escaped {
        escaped = false
      } else if character == "\\" && quoted {
        escaped = true
      } else if character == "\"" {
        quoted.toggle()
      } else if character == "@" && !quoted {
        found = index
      }
    }
    return found
  }
}
