import DNSLookup

extension DNSError {
  /// The failure in every language, for messages: `SERVFAIL from 127.0.0.1:53`,
  /// `SERVFAIL von 127.0.0.1:53`. Codes (SERVFAIL, REFUSED) are never translated.
  public var text: LocalizedText {
    func at(_ server: String?, _ word: String) -> String { server.map { " \(word) \($0)" } ?? "" }
    switch self {
    case .timeout(let server):
      return LocalizedText(
        en: "no answer\(at(server, "from")) (timeout)",
        de: "keine Antwort\(at(server, "von")) (Zeitüberschreitung)")
    case .serverFailure(let server):
      return LocalizedText(en: "SERVFAIL\(at(server, "from"))", de: "SERVFAIL\(at(server, "von"))")
    case .refused(let server):
      return LocalizedText(en: "REFUSED\(at(server, "from"))", de: "REFUSED\(at(server, "von"))")
    case .network(let message):
      return LocalizedText(en: "network error: \(message)", de: "Netzwerkfehler: \(message)")
    case .malformed(let message):
      return LocalizedText(
        en: "malformed answer: \(message)", de: "fehlerhafte Antwort: \(message)")
    case .deadlineExceeded:
      return LocalizedText(
        en: "no answer before the deadline", de: "keine Antwort vor Ablauf der Frist")
    }
  }
}
