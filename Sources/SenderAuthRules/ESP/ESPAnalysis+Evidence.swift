import DNSLookup
import SenderAuthCore

extension ESPAnalysis {
  /// Evidence from the message of `--message`: a signature whose key CNAME points to the ESP
  /// (any `d=`), a signature or envelope domain of the ESP's own, the sending IP in its SPF.
  /// The account values a signature names (`hs1-<hub-id>`) are bound.
  mutating func addMessageEvidence(_ context: DomainContext) {
    guard let message = context.message else { return }
    let headers = message.headers
    for (index, signature) in headers.signatures.enumerated() {
      guard let signer = signature.domain, let selector = signature.selector else { continue }
      let shown = "d=\(signer.text) s=\(selector)"
      if esp.owns(signer) {
        evidence.append("--message DKIM-Signature: \(shown)")
        messageSignatures.append(index)
      }
      // The key's name, and every CNAME on the way to it, against the ESP's key hosts: the
      // name as the From domain's record would point to it (Microsoft's default signature is
      // the target of a custom one), the hops as the signing domain's records point.
      var names: [(DomainName, DomainName)] = []
      if let name = try? DomainName(selector + "._domainkey." + signer.text) {
        names.append((name, domain))
      }
      names += (message.key(index)?.cnameChain ?? []).map { ($0.target, signer) }
      // A key CNAME'd into the ESP's token names (Amazon SES Easy DKIM: the selector is the
      // token, so no account value to bind) is the ESP's signature too.
      if !messageSignatures.contains(index),
        let name = names.lazy.map(\.0).first(where: { name in
          esp.tokenDKIMTargets.contains { $0.match(name, domain: domain) != nil }
        })
      {
        evidence.append("--message DKIM-Signature: \(shown) → \(name.text)")
        messageSignatures.append(index)
      }
      for record in esp.dkim.flatMap(\.records) {
        guard case .cname(let patterns) = record.kind else { continue }
        for (name, owner) in names {
          guard let match = patterns.lazy.compactMap({ $0.match(name, domain: owner) }).first
          else { continue }
          bindings.merge(Self.accountValues(match)) { first, _ in first }
          if let selectorName = try? DomainName(selector),
            let found = record.selectorPattern.match(selectorName, domain: signer)
          {
            bindings.merge(Self.accountValues(found)) { first, _ in first }
          }
          if !messageSignatures.contains(index) {
            evidence.append("--message DKIM-Signature: \(shown) → \(name.text)")
            messageSignatures.append(index)
          }
        }
      }
    }
    if let envelope = headers.envelopeDomain, esp.owns(envelope) {
      evidence.append("--message Return-Path: <…@\(envelope.text)>")
      sentMessage = true
    }
    sentMessage = sentMessage || !messageSignatures.isEmpty
  }

  /// The sending IPs (`--ip`, the message's) that are the ESP's: its published SPF authorizes
  /// them, or the message's SPF passed at its own domain (`ESPAddresses.owner`, the one test of
  /// who runs an address).
  mutating func addSendingAddresses(_ context: DomainContext) {
    var addresses: [(ip: IPAddress, fromMessage: Bool)] = context.sendingIPs.checks.compactMap {
      $0.source == .given ? ($0.address, false) : nil
    }
    if let ip = context.message?.headers.sendingIP { addresses.append((ip, true)) }
    for (ip, fromMessage) in addresses {
      guard let owner = ESPAddresses.owner(of: ip, in: context), owner.esp.id == esp.id else {
        continue
      }
      let evaluation = owner.evaluation
      sendingAddresses.append(
        SendingAddress(ip: ip, evaluation: evaluation, fromMessage: fromMessage))
      // Words no language needs translating: the option, the address, the SPF term.
      let term =
        evaluation.deepestMatch.map {
          ": '\($0.term)'" + ($0.domain == evaluation.domain ? "" : " (\($0.domain))")
        } ?? ""
      evidence.append(
        "\(fromMessage ? "--message IP" : "--ip") \(ip) ∈ SPF \(evaluation.domain)\(term)")
      if fromMessage { sentMessage = true }
    }
  }
}
