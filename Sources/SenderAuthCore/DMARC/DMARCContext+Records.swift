import DNSLookup

extension DMARCContext {
  /// The DMARC records a report shows: those the walk found (with TTL and zone-file line), and
  /// DMARC records published at the domain itself.
  public var recordSummaries: [RecordSummary] {
    var summaries: [RecordSummary] = []
    for step in discovery.steps where step.outcome == .record || step.outcome == .multipleRecords {
      guard let answer = walkLookups[step.domain]?.answer else { continue }
      summaries += answer.matching.filter { record in
        record.data.joinedText.map { DMARCParser.isDMARC($0) } ?? false
      }.map(RecordSummary.init(record:))
    }
    if let answer = apexTXT.answer {
      summaries += answer.matching.filter { record in
        record.data.joinedText.map { DMARCParser.isDMARC($0) } ?? false
      }.map(RecordSummary.init(record:))
    }
    return summaries
  }
}
