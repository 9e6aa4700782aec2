import DNSLookup

extension DKIMContext {
  /// The DKIM records a report shows: for every selector that has something published (a key
  /// record, or a CNAME), its CNAME hops and TXT records, in probe order. Selectors that do not
  /// exist and wildcard answers are left out.
  public var recordSummaries: [RecordSummary] {
    let shown = selectors.indices.filter { selectors[$0].status != .wildcard }
    var summaries: [RecordSummary] = []
    summaries.reserveCapacity(
      shown.reduce(0) { $0 + selectors[$1].cnameChain.count + selectors[$1].records.count })
    for index in shown {
      for hop in selectors[index].cnameChain {
        summaries.append(
          RecordSummary(
            name: hop.name.text, type: "CNAME", ttl: hop.ttl, data: hop.target.absolute,
            file: hop.file, line: hop.line))
      }
      for record in selectors[index].records {
        summaries.append(
          RecordSummary(
            name: record.owner.text, type: "TXT", ttl: record.ttl, data: record.presentation,
            file: record.file, line: record.line))
      }
    }
    return summaries
  }
}
