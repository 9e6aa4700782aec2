import DNSLookup

/// The DMARC records at one name, selected from a TXT answer as RFC 9989 §4.10 steps 2 and 6
/// say: TXT records not starting with `v=DMARC1` are discarded, and several DMARC records at
/// one name are all discarded.
public struct DMARCRecordSet: Hashable, Sendable, Codable {
  /// The name queried (`_dmarc.example.com`).
  public var name: DomainName
  /// Every TXT record there that starts with `v=DMARC1`, parsed.
  public var records: [DMARCRecord]
  /// TXT records that look meant as DMARC but are discarded (`v=dmarc1`, leading blanks).
  public var nearMisses: [DMARCRecord]
  /// How many other TXT records are at the name (ignored).
  public var otherCount: Int

  public init(
    name: DomainName, records: [DMARCRecord], nearMisses: [DMARCRecord] = [], otherCount: Int = 0
  ) {
    self.name = name
    self.records = records
    self.nearMisses = nearMisses
    self.otherCount = otherCount
  }

  /// Selects the DMARC records of a TXT answer.
  public init(answer: DNSAnswer) {
    var records: [DMARCRecord] = []
    var nearMisses: [DMARCRecord] = []
    var others = 0
    for resource in answer.matching {
      guard let text = resource.data.joinedText else { continue }
      if let record = DMARCParser.parse(text, owner: resource.name, origin: resource.origin) {
        records.append(record)
      } else if DMARCParser.looksLikeDMARC(text) {
        nearMisses.append(DMARCRecord(text: text, owner: resource.name, origin: resource.origin))
      } else {
        others += 1
      }
    }
    self.init(name: answer.name, records: records, nearMisses: nearMisses, otherCount: others)
  }

  /// The one record that counts, or nil when there is none or more than one.
  public var record: DMARCRecord? { records.count == 1 ? records[0] : nil }

  /// True when more than one DMARC record is published here, so all are discarded.
  public var isAmbiguous: Bool { records.count > 1 }
}
