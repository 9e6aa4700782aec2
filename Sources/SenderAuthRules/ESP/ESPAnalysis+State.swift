import DNSLookup
import SenderAuthCore

extension ESPAnalysis {
  /// Computes what DKIM and SPF give the ESP's mail from the records found (and, with
  /// `--message`, from the message the ESP sent): the lines of "Sending services".
  mutating func describe(_ context: DomainContext) {
    dkimState = messageDKIMState(context) ?? recordsDKIMState(context)
    spfState = messageSPFState(context) ?? recordsSPFState(context)
  }

  private static func text(_ en: String, _ de: String) -> LocalizedText {
    LocalizedText(en: en, de: de)
  }

  private static func names(_ states: [DKIMRecordState]) -> String {
    states.map { "'\($0.name.text)'" }.joined(separator: ", ")
  }

  /// DKIM of the message the ESP sent: its signatures, aligned or not.
  private func messageDKIMState(_ context: DomainContext) -> ESPMechanismState? {
    guard !messageSignatures.isEmpty, let prediction = MessagePrediction(context: context) else {
      return nil
    }
    let signatures = messageSignatures.compactMap {
      $0 < prediction.dkim.count ? prediction.dkim[$0] : nil
    }
    let from = prediction.from
    if let good = signatures.first(where: { $0.keyFound == true && $0.aligned == true }) {
      return ESPMechanismState(
        aligned: true,
        why: Self.text(
          "DKIM passes and aligns for this message: signed as d=\(good.domain ?? "") with a key "
            + "that is published",
          "DKIM besteht für diese Nachricht und passt zur Absenderdomain: signiert als "
            + "d=\(good.domain ?? "") mit veröffentlichtem Schlüssel"))
    }
    guard let first = signatures.first else { return nil }
    let signer = first.domain ?? "?"
    if first.aligned == false {
      return ESPMechanismState(
        aligned: false,
        why: Self.text(
          "DKIM does not align for this message: it is signed as d=\(signer), not as "
            + "'\(from)'",
          "DKIM passt für diese Nachricht nicht zur Absenderdomain: signiert als d=\(signer), "
            + "nicht als '\(from)'"))
    }
    return ESPMechanismState(
      aligned: false,
      why: Self.text(
        "DKIM fails for this message: no usable key at '\(first.selector ?? "?")._domainkey."
          + "\(signer)'",
        "DKIM scheitert für diese Nachricht: kein nutzbarer Schlüssel unter "
          + "'\(first.selector ?? "?")._domainkey.\(signer)'"))
  }

  /// DKIM from the records at the domain.
  private func recordsDKIMState(_ context: DomainContext) -> ESPMechanismState {
    let domain = self.domain.text
    if let setup = satisfiedSetup {
      let unusable = setup.records.filter { state in
        !(context.dkim.selectors.first { $0.name == state.name }?.hasUsableKey ?? state.hasKey)
      }
      if unusable.isEmpty {
        return ESPMechanismState(
          aligned: true,
          why: Self.text(
            "DKIM aligns: \(Self.names(setup.records)) "
              + "\(setup.records.count == 1 ? "leads" : "lead") to \(esp.name)'s keys, signed as "
              + "d=\(domain)",
            "DKIM passt zur Absenderdomain: \(Self.names(setup.records)) "
              + "\(setup.records.count == 1 ? "führt" : "führen") zu den Schlüsseln von "
              + "\(esp.name), signiert als d=\(domain)"))
      }
      return ESPMechanismState(
        aligned: false,
        why: Self.text(
          "DKIM does not pass yet: \(Self.names(unusable)) "
            + (unusable.count == 1 ? "points" : "point")
            + " to \(esp.name), but no usable key answers there",
          "DKIM besteht noch nicht: \(Self.names(unusable)) "
            + (unusable.count == 1 ? "zeigt" : "zeigen")
            + " auf \(esp.name), dort antwortet aber kein nutzbarer Schlüssel"))
    }
    if !tokenSelectors.isEmpty {
      let usable = context.dkim.selectors.contains {
        tokenSelectors.contains($0.selector) && $0.hasUsableKey
      }
      let list = tokenSelectors.map { "'\($0)'" }.joined(separator: ", ")
      return ESPMechanismState(
        aligned: usable,
        why: usable
          ? Self.text(
            "DKIM aligns: the selectors \(list) lead to \(esp.name)'s keys, signed as "
              + "d=\(domain)",
            "DKIM passt zur Absenderdomain: die Selektoren \(list) führen zu den Schlüsseln "
              + "von \(esp.name), signiert als d=\(domain)")
          : Self.text(
            "DKIM does not pass: the selectors \(list) point to \(esp.name) without a usable key",
            "DKIM besteht nicht: die Selektoren \(list) zeigen ohne nutzbaren Schlüssel auf "
              + "\(esp.name)"))
    }
    if esp.dkim.isEmpty {
      let found = context.dkim.selectors.filter(\.hasUsableKey).map { "'\($0.selector)'" }
      if found.isEmpty {
        return ESPMechanismState(
          aligned: false,
          why: Self.text(
            "no DKIM key found at '\(domain)'; \(esp.name)'s selectors are account-specific "
              + "(name them with --selector)",
            "kein DKIM-Schlüssel unter '\(domain)' gefunden; die Selektoren von \(esp.name) sind "
              + "kontospezifisch (geben Sie sie mit --selector an)"))
      }
      return ESPMechanismState(
        aligned: nil,
        why: Self.text(
          "DKIM keys found at \(found.joined(separator: ", ")); whether one is \(esp.name)'s "
            + "cannot be told from DNS",
          "DKIM-Schlüssel unter \(found.joined(separator: ", ")) gefunden; ob einer von "
            + "\(esp.name) stammt, lässt sich per DNS nicht sagen"))
    }
    let missing = (suggestedSetup?.records ?? []).filter { !$0.satisfied }
    return ESPMechanismState(
      aligned: false,
      why: Self.text(
        "DKIM does not align: \(Self.names(missing)) missing or pointing elsewhere",
        "DKIM passt nicht zur Absenderdomain: \(Self.names(missing)) fehlt oder zeigt "
          + "woandershin"))
  }

  /// SPF of the message the ESP sent: where its envelope was, aligned or not.
  private func messageSPFState(_ context: DomainContext) -> ESPMechanismState? {
    guard sentMessage, let prediction = MessagePrediction(context: context),
      let envelope = prediction.spf.domain
    else { return nil }
    if let name = try? DomainName(envelope), esp.owns(name) {
      return ESPMechanismState(
        aligned: false,
        why: Self.text(
          "SPF cannot align for this message: its Return-Path is at '\(envelope)', "
            + "\(esp.name)'s own domain",
          "SPF kann für diese Nachricht nicht passen: ihr Return-Path liegt bei '\(envelope)', "
            + "einer Domain von \(esp.name)"))
    }
    let passes = prediction.spf.result == SPFResult.pass.rawValue
    let aligned = prediction.spf.aligned == true && passes
    return ESPMechanismState(
      aligned: aligned,
      why: aligned
        ? Self.text(
          "SPF passes and aligns for this message: Return-Path at '\(envelope)'",
          "SPF besteht für diese Nachricht und passt zur Absenderdomain: Return-Path bei "
            + "'\(envelope)'")
        : Self.text(
          "SPF gives '\(prediction.spf.result)' for this message at '\(envelope)'"
            + (prediction.spf.aligned == false ? ", which does not align" : ""),
          "SPF ergibt für diese Nachricht '\(prediction.spf.result)' bei '\(envelope)'"
            + (prediction.spf.aligned == false ? ", das nicht zur Absenderdomain passt" : "")))
  }

  /// SPF from the records at the domain and the return path found.
  private func recordsSPFState(_ context: DomainContext) -> ESPMechanismState {
    let domain = self.domain.text
    switch esp.returnPath {
    case .ownDomain, .sendingDomain, .unknown:
      guard let include = esp.requiredIncludes.first else {
        return ESPMechanismState(
          aligned: nil,
          why: Self.text(
            "SPF: \(esp.name)'s return path is not documented",
            "SPF: der Return-Path von \(esp.name) ist nicht dokumentiert"))
      }
      let present = ESPRecords.includeTargets(context)
      guard esp.requiredIncludes.contains(where: present.contains) else {
        return ESPMechanismState(
          aligned: false,
          why: Self.text(
            "SPF fails for its mail: the SPF record of '\(domain)' lacks 'include:\(include)'",
            "SPF scheitert für seine Mails: im SPF-Eintrag von '\(domain)' fehlt "
              + "'include:\(include)'"))
      }
      if case .unknown = esp.returnPath {
        return ESPMechanismState(
          aligned: nil,
          why: Self.text(
            "SPF: 'include:\(include)' is there; whether \(esp.name)'s return path aligns is "
              + "not documented",
            "SPF: 'include:\(include)' ist vorhanden; ob der Return-Path von \(esp.name) zur "
              + "Absenderdomain passt, ist nicht dokumentiert"))
      }
      return ESPMechanismState(
        aligned: true,
        why: Self.text(
          "SPF aligns: its mail goes out with '\(domain)' as envelope sender, whose SPF record "
            + "includes '\(include)'",
          "SPF passt zur Absenderdomain: seine Mails gehen mit '\(domain)' als Return-Path-Domain "
            + "hinaus, deren SPF-Eintrag '\(include)' einbindet"))
    case .cname, .mailFrom:
      if let host = returnPathHost {
        return returnPathOK
          ? ESPMechanismState(
            aligned: true,
            why: Self.text(
              "SPF aligns through the return path '\(host.text)'"
                + (returnPathTarget.map { " (CNAME to '\($0.text)')" } ?? ""),
              "SPF passt über den Return-Path '\(host.text)' zur Absenderdomain"
                + (returnPathTarget.map { " (CNAME auf '\($0.text)')" } ?? "")))
          : ESPMechanismState(
            aligned: false,
            why: Self.text(
              "SPF does not align: the return path '\(host.text)' is not set up for \(esp.name)",
              "SPF passt nicht zur Absenderdomain: der Return-Path '\(host.text)' ist nicht für "
                + "\(esp.name) eingerichtet"))
      }
      let label = esp.returnPathLabel.map { $0.render(domain: self.domain) + "." + domain }
      return ESPMechanismState(
        aligned: nil,
        why: Self.text(
          "SPF aligns only through \(esp.name)'s return-path host"
            + (label.map { " ('\($0)')" } ?? " under '\(domain)'")
            + "; name it with --return-path or --message to check it",
          "SPF passt nur über den Return-Path-Namen von \(esp.name)"
            + (label.map { " ('\($0)')" } ?? " unter '\(domain)'")
            + "; geben Sie ihn mit --return-path oder --message an, um ihn zu prüfen"))
    case .espDomain:
      return ESPMechanismState(
        aligned: false,
        why: Self.text(
          "SPF cannot align: \(esp.name)'s mail bounces to its own domain",
          "SPF kann nicht passen: Bounces von \(esp.name) gehen an dessen eigene Domain"))
    case .delegated:
      return ESPMechanismState(
        aligned: nil,
        why: Self.text(
          "SPF aligns when From uses the subdomain delegated to \(esp.name)",
          "SPF passt, wenn From die an \(esp.name) delegierte Subdomain nutzt"))
    }
  }
}
