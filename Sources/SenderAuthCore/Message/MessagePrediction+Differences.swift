import DNSLookup

extension MessagePrediction {
  /// Where the receiver's `Authentication-Results` and the prediction part, each with the
  /// likely reason: DNS that changed since the message arrived, a message changed on the way,
  /// a failure at the receiver, another envelope the receiver saw.
  /// `given`: the addresses of `--ip`, checked beside the message's.
  static func differences(_ prediction: MessagePrediction, given: [IPAddress] = [])
    -> [LocalizedText]
  {
    guard let receiver = prediction.receiver else { return [] }
    var out: [LocalizedText] = []
    if let text = spfDifference(prediction, receiver) { out.append(text) }
    for theirs in receiver.dkim {
      guard
        let ours = prediction.dkim.first(where: {
          $0.domain == theirs.domain && (theirs.selector == nil || $0.selector == theirs.selector)
        })
      else { continue }
      if let text = dkimDifference(ours, theirs) { out.append(text) }
    }
    if let theirs = receiver.dmarc, prediction.dmarc.result != .unknown,
      theirs != prediction.dmarc.result.rawValue
    {
      let ours = prediction.dmarc.result.rawValue
      if theirs == "none", prediction.dmarc.policy != nil {
        out.append(
          LocalizedText(
            en: "The receiver found no DMARC policy ('none'); today one applies "
              + "('\(prediction.dmarc.policy ?? "")'): it was published after the message arrived",
            de: "Der empfangende Server fand keine DMARC-Richtlinie ('none'); heute gilt eine "
              + "('\(prediction.dmarc.policy ?? "")'): sie wurde nach Eingang der Nachricht "
              + "veröffentlicht"))
      } else if let name = prediction.dmarc.severalRecordsAt, theirs != "none" {
        out.append(
          LocalizedText(
            en: "The receiver's DMARC result '\(theirs)' differs from today's '\(ours)': "
              + "'\(name)' has several DMARC records today, which receivers are to ignore "
              + "(RFC 9989): one was added after the message arrived, or this receiver used one "
              + "of them",
            de: "Das DMARC-Ergebnis '\(theirs)' des empfangenden Servers weicht vom heutigen "
              + "'\(ours)' ab: '\(name)' hat heute mehrere DMARC-Einträge, die empfangende "
              + "Server ignorieren sollen (RFC 9989): einer kam nach Eingang der Nachricht hinzu, "
              + "oder dieser Server hat einen davon verwendet"))
      } else {
        out.append(
          LocalizedText(
            en: "The receiver's DMARC result '\(theirs)' differs from today's '\(ours)'"
              + (out.isEmpty
                ? ": the records it rests on changed after the message arrived"
                : ": it follows from the difference above"),
            de: "Das DMARC-Ergebnis '\(theirs)' des empfangenden Servers weicht vom heutigen "
              + "'\(ours)' ab"
              + (out.isEmpty
                ? ": die zugrunde liegenden Einträge haben sich nach Eingang der Nachricht geändert"
                : ": das folgt aus dem Unterschied oben")))
      }
    }
    if let text = reverseDNSDifference(prediction, receiver, given: given) { out.append(text) }
    return out
  }

  private static func reverseDNSDifference(
    _ prediction: MessagePrediction, _ receiver: Receiver, given: [IPAddress]
  ) -> LocalizedText? {
    guard let theirs = receiver.iprev, let reverse = prediction.reverseDNS else { return nil }
    let ours = reverse.result
    if let other = receiver.iprevAddress, IPAddress(other) != IPAddress(reverse.ip) {
      let checked = IPAddress(other).map { given.contains($0) } ?? false
      if reverse.unchecked == .internalAddress {
        return LocalizedText(
          en: "The receiver checked the reverse DNS of '\(other)' ('\(theirs)'); the headers name "
            + "'\(reverse.ip)', an internal relay: "
            + (checked ? "'\(other)' is checked with --ip" : "check '\(other)' with --ip"),
          de: "Der empfangende Server hat das Reverse-DNS von '\(other)' geprüft ('\(theirs)'); "
            + "die Header nennen '\(reverse.ip)', ein internes Relay: "
            + (checked
              ? "'\(other)' wird mit --ip geprüft" : "prüfen Sie '\(other)' mit --ip"))
      }
      if ours == "notChecked" {
        return LocalizedText(
          en: "The receiver checked the reverse DNS of '\(other)' ('\(theirs)'); this prediction "
            + "is for '\(reverse.ip)', whose reverse DNS was not checked in this run: the sending "
            + "IP read from the headers differs from the one the receiver saw",
          de: "Der empfangende Server hat das Reverse-DNS von '\(other)' geprüft ('\(theirs)'); "
            + "diese Vorhersage gilt '\(reverse.ip)', deren Reverse-DNS in diesem Lauf nicht "
            + "geprüft wurde: die Versand-IP aus den Headern weicht von der ab, die der Server sah")
      }
      return LocalizedText(
        en: "The receiver checked the reverse DNS of '\(other)' ('\(theirs)'), this prediction "
          + "that of '\(reverse.ip)' ('\(ours)'): the sending IP read from the headers differs "
          + "from the one the receiver saw",
        de: "Der empfangende Server hat das Reverse-DNS von '\(other)' geprüft ('\(theirs)'), "
          + "diese Vorhersage das von '\(reverse.ip)' ('\(ours)'): die Versand-IP aus den "
          + "Headern weicht von der ab, die der Server sah")
    }
    guard ours != "temperror", ours != "notChecked", theirs != ours else { return nil }
    if theirs == "temperror" {
      return LocalizedText(
        en: "The receiver could not check the reverse DNS ('temperror'): a DNS failure when the "
          + "message arrived, not a record to change",
        de: "Der empfangende Server konnte das Reverse-DNS nicht prüfen ('temperror'): ein "
          + "DNS-Fehler beim Eingang der Nachricht, kein Eintrag, der zu ändern wäre")
    }
    return LocalizedText(
      en: "The receiver's reverse-DNS result '\(theirs)' differs from today's '\(ours)': the PTR "
        + "record or its name's address changed after the message arrived",
      de: "Das Reverse-DNS-Ergebnis '\(theirs)' des empfangenden Servers weicht vom heutigen "
        + "'\(ours)' ab: der PTR-Eintrag oder die Adresse seines Namens hat sich nach Eingang der "
        + "Nachricht geändert")
  }

  private static func spfDifference(_ prediction: MessagePrediction, _ receiver: Receiver)
    -> LocalizedText?
  {
    let ours = prediction.spf.result
    guard let theirs = receiver.spf, ours != "unknown", theirs != ours else { return nil }
    if let other = receiver.spfDomain, let domain = prediction.spf.domain, other != domain,
      !other.hasSuffix("." + domain), !domain.hasSuffix("." + other)
    {
      return LocalizedText(
        en: "The receiver checked SPF for '\(other)' ('\(theirs)'), this prediction for "
          + "'\(domain)' ('\(ours)'): the envelope domain read from the headers differs from "
          + "the one the receiver saw",
        de: "Der empfangende Server hat SPF für '\(other)' geprüft ('\(theirs)'), diese "
          + "Vorhersage für '\(domain)' ('\(ours)'): die Return-Path-Domain aus den Headern "
          + "weicht von der ab, die der Server sah")
    }
    if theirs == "temperror" {
      return LocalizedText(
        en: "The receiver could not evaluate SPF ('temperror'): a DNS failure when the message "
          + "arrived, not a record to change",
        de: "Der empfangende Server konnte SPF nicht auswerten ('temperror'): ein DNS-Fehler "
          + "beim Eingang der Nachricht, kein Eintrag, der zu ändern wäre")
    }
    if ours == "pass" {
      return LocalizedText(
        en: "The receiver got SPF '\(theirs)' where today's DNS gives 'pass': the SPF record "
          + "has been corrected since, or the receiver saw another sending IP",
        de: "Der empfangende Server erhielt SPF '\(theirs)', das heutige DNS ergibt 'pass': "
          + "der SPF-Eintrag wurde inzwischen korrigiert, oder der Server sah eine andere "
          + "Versand-IP")
    }
    return LocalizedText(
      en: "The receiver got SPF '\(theirs)' where today's DNS gives '\(ours)': the SPF record "
        + "changed after the message arrived",
      de: "Der empfangende Server erhielt SPF '\(theirs)', das heutige DNS ergibt '\(ours)': "
        + "der SPF-Eintrag hat sich nach Eingang der Nachricht geändert")
  }

  private static func dkimDifference(_ ours: DKIM, _ theirs: Receiver.Signature)
    -> LocalizedText?
  {
    let signer = "d=\(ours.domain ?? "?") s=\(ours.selector ?? "?")"
    let reason = theirs.reason.map { " ('\($0)')" } ?? ""
    switch (theirs.result, ours.keyFound) {
    case ("pass", false?):
      return LocalizedText(
        en: "The receiver verified the signature \(signer), but its key is not found today: it "
          + "was removed, or its CNAME broke, after the message arrived",
        de: "Der empfangende Server hat die Signatur \(signer) bestätigt, ihr Schlüssel ist "
          + "heute aber nicht zu finden: er wurde nach Eingang der Nachricht entfernt, oder sein "
          + "CNAME ist seitdem defekt")
    case ("fail", true?), ("neutral", true?):
      return LocalizedText(
        en: "The signature \(signer) did not verify at the receiver\(reason) although its key "
          + "is published: the message was changed on the way (a mailing list, a forwarder, a "
          + "security gateway) or signed with another key; DNS cannot fix that",
        de: "Die Signatur \(signer) wurde beim empfangenden Server nicht bestätigt\(reason), "
          + "obwohl ihr Schlüssel veröffentlicht ist: die Nachricht wurde unterwegs verändert "
          + "(Verteiler, Weiterleitung, Sicherheits-Gateway) oder mit einem anderen Schlüssel "
          + "signiert; das lässt sich per DNS nicht beheben")
    case ("permerror", true?), ("temperror", true?), ("none", true?):
      return LocalizedText(
        en: "The receiver could not use the key of \(signer) ('\(theirs.result)'); it is "
          + "published today: it was added after the message arrived, or the lookup failed then",
        de: "Der empfangende Server konnte den Schlüssel von \(signer) nicht nutzen "
          + "('\(theirs.result)'); heute ist er veröffentlicht: er kam nach Eingang der "
          + "Nachricht hinzu, oder die Abfrage scheiterte damals")
    default:
      return nil
    }
  }
}
