import DNSLookup
import SenderAuthCore

/// The "Message" section of the text and markdown reports (`check --message`): the prediction
/// from today's DNS beside the receiver's own `Authentication-Results`, row by row, and where
/// they differ. Returns plain (unescaped) text; each renderer escapes it its own way.
enum MessageSection {
  /// One row: SPF, each DKIM signature, DMARC.
  struct Row {
    var label: String
    var predicted: String
    /// The receiver's result for the row; nil when the message carries none.
    var receiver: String?
  }

  static func text(_ en: String, _ de: String, _ language: Language) -> String {
    language == .de ? de : en
  }

  static func title(_ language: Language) -> String { text("Message", "Nachricht", language) }
  static func predictedLabel(_ language: Language) -> String {
    text("predicted from today's DNS", "Vorhersage aus dem heutigen DNS", language)
  }
  /// The line that says how the rows read: the prediction, then the receiver's result.
  static func legend(_ prediction: MessagePrediction, _ language: Language) -> String {
    guard let receiver = prediction.receiver else {
      return text(
        "Predicted from today's DNS (the message carries no Authentication-Results):",
        "Vorhersage aus dem heutigen DNS (die Nachricht trägt keine Authentication-Results):",
        language)
    }
    let server = receiver.server.map { " '\($0)'" } ?? ""
    return text(
      "Predicted from today's DNS — then what the receiver\(server) concluded:",
      "Vorhersage aus dem heutigen DNS — dann das Ergebnis des empfangenden Servers\(server):",
      language)
  }
  static func receiverWord(_ language: Language) -> String {
    text("receiver", "Server", language)
  }
  static func receiverLabel(_ prediction: MessagePrediction, _ language: Language) -> String {
    let server = prediction.receiver?.server.map { " (\($0))" } ?? ""
    return text("receiver", "empfangender Server", language) + server
  }

  /// `From 'brand.example' — "Spring offers"`.
  static func heading(_ prediction: MessagePrediction, _ language: Language) -> String {
    var line = "From '\(prediction.from)'"
    if let subject = prediction.subject, !subject.isEmpty { line += " — \"\(subject)\"" }
    return line
  }

  static func alignment(_ aligned: Bool?, _ language: Language) -> String {
    switch aligned {
    case true?: text("aligns with From", "passt zur Absenderdomain", language)
    case false?: text("does not align with From", "passt nicht zur Absenderdomain", language)
    case nil: text("alignment unknown", "Ausrichtung unbekannt", language)
    }
  }

  static func rows(_ prediction: MessagePrediction, _ language: Language) -> [Row] {
    let receiver = prediction.receiver
    var rows: [Row] = []
    let spf = prediction.spf
    var spfText: String
    if let domain = spf.domain, let ip = spf.ip, spf.result != "unknown" {
      spfText = text(
        "\(spf.result) for '\(domain)' from \(ip)", "\(spf.result) für '\(domain)' von \(ip)",
        language)
      if let term = spf.matchedTerm { spfText += " ('\(term)')" }
      spfText += ", " + alignment(spf.aligned, language)
    } else {
      spfText = text(
        "unknown: the headers name no \(spf.ip == nil ? "sending IP" : "envelope sender")",
        "unbekannt: die Header nennen keine \(spf.ip == nil ? "Versand-IP" : "Return-Path-Domain")",
        language)
    }
    rows.append(
      Row(
        label: "SPF", predicted: spfText,
        receiver: receiver.map { receiver in
          (receiver.spf ?? "—") + (receiver.spfDomain.map { " ('\($0)')" } ?? "")
        }))
    for signature in prediction.dkim {
      let key: String
      switch signature.keyFound {
      case true?: key = text("key found", "Schlüssel gefunden", language)
      case false?:
        key =
          signature.problem?.text(language)
          ?? text("no usable key", "kein nutzbarer Schlüssel", language)
      case nil: key = text("key lookup failed", "Schlüsselabfrage gescheitert", language)
      }
      let theirs = receiver?.dkim.first {
        $0.domain == signature.domain && ($0.selector == nil || $0.selector == signature.selector)
      }
      rows.append(
        Row(
          label: "DKIM d=\(signature.domain ?? "?") s=\(signature.selector ?? "?")",
          predicted: key + ", " + alignment(signature.aligned, language),
          receiver: receiver.map { _ in theirs?.result ?? "—" }))
    }
    if prediction.dkim.isEmpty {
      rows.append(
        Row(
          label: "DKIM", predicted: text("not signed", "nicht signiert", language),
          receiver: receiver.map { $0.dkim.first?.result ?? "—" }))
    }
    let dmarc = prediction.dmarc
    let policy =
      dmarc.policy.map {
        text("policy '\($0)'", "Richtlinie '\($0)'", language)
      } ?? text("no DMARC policy applies", "keine DMARC-Richtlinie gilt", language)
    rows.append(
      Row(
        label: "DMARC",
        predicted: dmarc.result == .none
          ? text(
            "none (no DMARC record applies)", "none (kein DMARC-Eintrag gilt)", language)
          : "\(dmarc.result.rawValue), \(policy)",
        receiver: receiver.map { $0.dmarc ?? "—" }))
    if let reverse = prediction.reverseDNS {
      rows.append(
        Row(
          label: text("Reverse DNS", "Reverse-DNS", language),
          predicted: reverseDNS(reverse, language),
          receiver: receiver.map { receiver in
            guard let iprev = receiver.iprev else { return "—" }
            // The address it judged, when another than the one predicted for.
            guard let other = receiver.iprevAddress, IPAddress(other) != IPAddress(reverse.ip)
            else { return iprev }
            return "\(iprev) ('\(other)')"
          }))
    }
    return rows
  }

  /// `pass, 'mail.example.com' resolves back to 192.0.2.1`: the iprev result and its reason.
  static func reverseDNS(_ reverse: MessagePrediction.ReverseDNS, _ language: Language)
    -> String
  {
    let (ip, name) = (reverse.ip, reverse.name.map { "'\($0)'" } ?? "?")
    let why =
      switch reverse.result {
      case "pass":
        text("\(name) resolves back to \(ip)", "\(name) löst auf \(ip) auf", language)
      case "fail":
        text(
          "the PTR name \(name) does not resolve back to \(ip)",
          "der PTR-Name \(name) löst nicht auf \(ip) auf", language)
      case "permerror":
        text("\(ip) has no PTR record", "\(ip) hat keinen PTR-Eintrag", language)
      case "notChecked" where reverse.unchecked == .internalAddress:
        text(
          "\(ip) is an internal relay's address, not the sender's",
          "\(ip) ist die Adresse eines internen Relays, nicht die des Absenders", language)
      case "notChecked":
        text(
          "no zone (--zone) or recording (--replay) holds \(name)",
          "weder eine Zone (--zone) noch eine Aufzeichnung (--replay) enthält \(name)", language)
      default:
        reverse.name == nil
          ? text(
            "the PTR lookup of \(ip) failed", "die PTR-Abfrage für \(ip) ist gescheitert", language)
          : text(
            "the address lookup of \(name) failed", "die Adressabfrage für \(name) ist gescheitert",
            language)
      }
    if reverse.result == "notChecked" {
      return text("not checked", "nicht geprüft", language) + ", " + why
    }
    return reverse.result + ", " + why
  }

  /// What the prediction assumes about the signatures.
  static func assumption(_ language: Language) -> String {
    text(
      "A signature is taken to verify when its key is published: the message as sent is needed "
        + "to check the signature itself.",
      "Eine Signatur gilt als bestanden, wenn ihr Schlüssel veröffentlicht ist: die Signatur "
        + "selbst lässt sich nur an der Nachricht prüfen, wie sie versandt wurde.", language)
  }
}
