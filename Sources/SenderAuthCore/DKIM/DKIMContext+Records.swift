import DNSLookup

extension DKIMContext {
  /// The DKIM records a report shows: for every selector that has something published (a key
  /// record, or a CNAME), its CNAME hops and TXT records, in probe order. Selectors that do not
  /// exist and wildcard answers are left out.
  public var recordSummaries: [RecordSummary] {
    selectors.filter { $0.status != .wildcard }.flatMap { selector in
      selector.cnameChain.map { hop in
        RecordSummary(
          name: hop.name.text, type: "CNAME", ttl: hop.ttl, data: hop.target.absolute,
          file: hop.file, line: hop.line)
      }
        + selector.records.map { record in
          RecordSummary(
            name: record.owner.text, type: "TXT", ttl: record.ttl, data: record.presentation,
            file: record.file, line: record.line)
        }
    }
  }
}
