import DNSLookup
import SenderAuthCore

/// Reads what ESP checks need from every part of a context: the ESP probes, the DKIM probe,
/// the DMARC envelope lookup and the SPF record.
enum ESPRecords {
  /// The CNAME record at `name`, from whichever part fetched the name.
  static func cname(at name: DomainName, context: DomainContext) -> ResourceRecord? {
    if let record = context.esp.cname(at: name) { return record }
    for selector in context.dkim.selectors where selector.name == name {
      if let hop = selector.cnameChain.first {
        return ResourceRecord(
          name: hop.name, type: .cname, ttl: hop.ttl, data: .cname(hop.target),
          origin: hop.file.flatMap { file in hop.line.map { RecordOrigin(file: file, line: $0) } })
      }
    }
    if let envelope = context.dmarc.envelope, envelope.domain == name,
      let record = envelope.txt.answer?.records.first(where: {
        $0.type == .cname && $0.name == name
      })
    {
      return record
    }
    return nil
  }

  /// True when a DKIM key record is reachable at `name`.
  static func hasKey(at name: DomainName, selector: String, context: DomainContext) -> Bool {
    if let probed = context.dkim.selectors.first(where: { $0.name == name }) {
      return probed.hasKeyRecord
    }
    return txt(at: name, context: context).contains { text in
      let record = DKIMParser.parse(text)
      return record.tag("p") != nil
    }
  }

  /// The TXT texts at `name` (end of any CNAME chain).
  static func txt(at name: DomainName, context: DomainContext) -> [String] {
    if let answer = context.esp.result(name, .txt)?.answer { return answer.txtJoined }
    if let envelope = context.dmarc.envelope, envelope.domain == name {
      return envelope.txt.answer?.txtJoined ?? []
    }
    return []
  }

  /// The MX hosts at `name`.
  static func mxHosts(at name: DomainName, context: DomainContext) -> [DomainName] {
    (context.esp.result(name, .mx)?.answer?.mxHosts ?? []).map(\.exchange)
  }

  /// The text of the domain's SPF record (the first, when there are several).
  static func spfText(_ context: DomainContext) -> String? {
    context.spf.record?.candidate.text
  }

  /// The fixed targets of the `include` terms of the domain's SPF record, lower-cased.
  static func includeTargets(_ context: DomainContext) -> [String] {
    includeTargets(context.spf)
  }

  /// The fixed targets of the `include` terms of the first SPF record of `spf`.
  static func includeTargets(_ spf: SPFContext) -> [String] {
    guard let record = spf.record?.parsed.record else { return [] }
    return record.terms.compactMap { term in
      guard case .include(let spec)? = term.directive?.mechanism,
        let name = spec.fixedDomain
      else { return nil }
      return name.text
    }
  }

  /// The record's terms as text, in order.
  static func terms(_ context: DomainContext) -> [String] {
    context.spf.record?.parsed.record.terms.map(\.text) ?? []
  }
}
