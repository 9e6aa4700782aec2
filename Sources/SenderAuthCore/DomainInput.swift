import DNSLookup

/// A domain as the user typed it, checked and converted: an e-mail address gives its domain,
/// a URL its host, a trailing dot is dropped. Bad input is an error that says what is wrong.
public struct DomainInput: Hashable, Sendable {
  /// The domain to check.
  public var domain: DomainName
  /// What was typed.
  public var input: String
  /// Why the domain differs from the input (`took the domain part of the e-mail address`).
  public var note: String?

  public static func parse(_ text: String) throws(DomainInputError) -> DomainInput {
    let typed = text
    var candidate = text.trimmingWhitespace
    var note: String?
    guard !candidate.isEmpty else { throw DomainInputError(input: typed, reason: "it is empty") }
    if let scheme = candidate.firstRange(of: "://") {
      var host = candidate[scheme.upperBound...]
      if let end = host.firstIndex(where: { "/?#".contains($0) }) { host = host[..<end] }
      if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
      if let colon = host.lastIndex(of: ":"), !host.hasPrefix("[") {
        host = host[..<colon]
      }
      candidate = String(host)
      note = "took the host name '\(candidate)' from the URL"
    } else if let at = candidate.lastIndex(of: "@") {
      candidate = String(candidate[candidate.index(after: at)...])
      guard !candidate.isEmpty else {
        throw DomainInputError(input: typed, reason: "the e-mail address has no domain part")
      }
      note = "took the domain part '\(candidate)' of the e-mail address"
    }
    if IPAddress(candidate) != nil
      || (candidate.hasPrefix("[") && candidate.hasSuffix("]"))
    {
      throw DomainInputError(
        input: typed,
        reason: "it is an IP address; give the domain that sends mail (use --ip for addresses)")
    }
    if candidate.hasSuffix(".") { candidate.removeLast() }
    let ascii = candidate.lowercased()
    if ascii.unicodeScalars.contains(where: { !$0.isASCII }) {
      guard let converted = IDNA.toASCII(ascii) else {
        throw DomainInputError(input: typed, reason: "it is not a valid internationalised name")
      }
      note = [note, "checked as '\(converted)' (A-label form of '\(candidate)')"]
        .compactMap { $0 }.joined(separator: "; ")
      candidate = converted
    } else {
      candidate = ascii
    }
    let labels = candidate.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else {
      throw DomainInputError(
        input: typed, reason: "a domain needs at least two labels (example.com)")
    }
    for label in labels {
      guard !label.isEmpty else {
        throw DomainInputError(input: typed, reason: "it has an empty label (two dots in a row)")
      }
      guard label.utf8.count <= 63 else {
        throw DomainInputError(
          input: typed,
          reason: "label '\(label.prefix(16))…' is \(label.utf8.count) octets; "
            + "the limit is 63")
      }
      let allowed = label.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
      }
      guard allowed else {
        let bad = label.unicodeScalars.first {
          !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
        }
        throw DomainInputError(
          input: typed,
          reason:
            "character '\(bad.map { String($0).debugDescription.dropFirst().dropLast() } ?? "?")' "
            + "is not allowed in a domain name")
      }
      guard !label.hasPrefix("-"), !label.hasSuffix("-") else {
        throw DomainInputError(input: typed, reason: "label '\(label)' starts or ends with '-'")
      }
    }
    guard candidate.utf8.count <= 253 else {
      throw DomainInputError(
        input: typed, reason: "it is \(candidate.utf8.count) octets long; the limit is 253")
    }
    do {
      return DomainInput(domain: try DomainName(candidate), input: typed, note: note)
    } catch {
      throw DomainInputError(input: typed, reason: error.description)
    }
  }
}

/// Why a typed domain cannot be checked.
public struct DomainInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var input: String
  public var reason: String
  public var description: String { "'\(input)' is not a domain to check: \(reason)" }
}

extension String {
  var trimmingWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
