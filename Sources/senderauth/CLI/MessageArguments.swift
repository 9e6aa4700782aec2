import SenderAuthCore

/// `check --message FILE`: the message a support agent pasted (a whole `.eml`, or its header
/// lines; `-` for stdin), read and parsed before any query. A message that cannot be judged is
/// one line and exit status 2; oddities are notes.
enum MessageArguments {
  static let spec = OptionSpec.option(
    "--message", value: "FILE",
    help: "Predict from today's DNS what receivers conclude about this message (an .eml file or "
      + "its header lines; '-' for stdin), beside its own Authentication-Results; checks its "
      + "From domain.",
    de: "Aus dem heutigen DNS vorhersagen, was empfangende Server über diese Nachricht "
      + "schließen (eine .eml-Datei oder ihre Kopfzeilen; '-' für stdin), neben ihren eigenen "
      + "Authentication-Results; prüft ihre Absenderdomain.")

  /// The most octets read: far more than any header section (the body after it is ignored).
  static let readLimit = HeaderBlock.maximumBytes + (1 << 20)

  /// The parsed message of `--message`, or nil without the option.
  static func message(_ arguments: ParsedArguments) throws(UsageError) -> MessageHeaders? {
    guard let path = arguments.last("--message") else { return nil }
    let name = path == "-" ? "stdin" : path
    let read: (bytes: [UInt8], truncated: Bool)
    do {
      read = try System.readBytes(path, limit: readLimit)
    } catch {
      throw UsageError(en: "--message: \(error.text.en)", de: "--message: \(error.text.de)")
    }
    do {
      return try MessageHeaders.parse(read.bytes)
    } catch {
      // The header parser names the line and what is wrong; it stays as written.
      throw UsageError(verbatim: "--message \(name): \(error.message)")
    }
  }

  /// The domain `check --message` checks: the message's From domain, which a DOMAIN given
  /// beside it must equal.
  static func domain(_ message: MessageHeaders, typed: [String]) throws(UsageError)
    -> DomainInput
  {
    let from = message.fromDomain
    guard typed.count <= 1 else {
      throw UsageError(
        en: "--message checks one message: give no DOMAIN, or its From domain",
        de: "--message prüft eine Nachricht: geben Sie keine DOMAIN an oder ihre Absenderdomain")
    }
    if let text = typed.first {
      let input = try RequestArguments.parseDomain(text)
      guard input.domain == from else {
        throw UsageError(
          en: "--message: the message is From '\(from.text)', not '\(input.domain.text)'; DMARC "
            + "judges the From domain, so drop DOMAIN or give '\(from.text)'",
          de: "--message: die Nachricht ist From '\(from.text)', nicht '\(input.domain.text)'; "
            + "DMARC beurteilt die Absenderdomain, also lassen Sie DOMAIN weg oder geben Sie "
            + "'\(from.text)' an")
      }
      return input
    }
    return DomainInput(domain: from, input: from.text)
  }
}
