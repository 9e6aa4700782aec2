import DNSLookup

extension SPFContext {
  /// The SPF records a report shows: those at the domain (with TTL and zone-file line), then
  /// those of the include/redirect targets the walk reached, each once.
  public var recordSummaries: [RecordSummary] {
    var summaries = candidates.map { RecordSummary(record: $0.record) }
    // A handful of records: a scan finds a repeat sooner than hashing each record's text.
    for name in fetched.keys.sorted() where name != domain {
      for candidate in fetched[name]?.candidates ?? [] {
        let summary = RecordSummary(record: candidate.record)
        if !summaries.contains(summary) { summaries.append(summary) }
      }
    }
    return summaries
  }
}
