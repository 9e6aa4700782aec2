/// The zone as a server builds it from the parsed records: the apex, records outside it
/// dropped, RRsets without duplicates and with one TTL, and the checks Knot never skips.
extension ZoneFile {
  static func assemble(
    _ content: ZoneFileParser.Content, initialOrigin: DomainName?, file: String
  ) throws(ZoneFileError) -> ZoneFile {
    let soa = content.records.first { $0.type == .soa }
    guard
      let apex = soa?.name ?? content.firstOrigin ?? initialOrigin ?? content.records.first?.name
        ?? content.notRead.first?.name
    else {
      throw ZoneFileError(file: file, line: 0, message: "the zone file has no records")
    }
    var warnings = content.warnings
    func inZone(_ record: ResourceRecord) -> Bool {
      guard record.name.isSubdomain(of: apex) else {
        warnings.append(
          record.warning(
            .outOfZone,
            "'\(record.name.absolute)' lies outside the zone '\(apex.absolute)'; a server "
              + "ignores the record"))
        return false
      }
      return true
    }
    let records = content.records.filter(inZone)
    let notRead = content.notRead.filter { $0.name.isSubdomain(of: apex) }
    for record in notRead {
      warnings.append(
        record.warning(
          .notRead, "\(record.type.mnemonic) record not read (not used by senderauth)"))
    }
    let (collapsed, rrsetWarnings) = collapsingRRSets(records, apex: apex)
    warnings += rrsetWarnings
    try checkStructure(collapsed + notRead)
    warnings.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    return ZoneFile(origin: apex, records: collapsed, file: file, warnings: warnings)
  }

  /// The records as RRsets (RFC 2181 §5): a record identical to an earlier one (same owner,
  /// type and data) is dropped; the records of an RRset get one TTL, the last one written, as
  /// Knot sets it; a second SOA at the apex is dropped (a server serves the first). Order is
  /// kept otherwise. The warnings name the line of each record affected.
  public static func collapsingRRSets(_ records: [ResourceRecord], apex: DomainName? = nil) -> (
    records: [ResourceRecord], warnings: [ZoneFileWarning]
  ) {
    var out: [ResourceRecord] = []
    var warnings: [ZoneFileWarning] = []
    var sets: [DNSQuestion: (indices: [Int], ttl: UInt32, ttlRecord: ResourceRecord)] = [:]
    for record in records {
      let key = DNSQuestion(name: record.name, type: record.type)
      guard var set = sets[key] else {
        sets[key] = ([out.count], record.ttl, record)
        out.append(record)
        continue
      }
      if record.type == .soa, record.name == apex {
        warnings.append(
          record.warning(
            .extraSOA,
            "a second SOA record for the zone; a server serves the first one"
              + (out[set.indices[0]].origin.map { " (line \($0.line))" } ?? "")))
        continue
      }
      if let first = set.indices.first(where: { out[$0].data == record.data }) {
        warnings.append(
          record.warning(
            .duplicate,
            "the same \(record.type.mnemonic) record as "
              + (out[first].origin.map { "line \($0.line)" } ?? "an earlier one")
              + "; an RRset holds it once (RFC 2181 §5)"))
      } else {
        set.indices.append(out.count)
        out.append(record)
      }
      if record.ttl != set.ttl {
        warnings.append(
          record.warning(
            .ttlMismatch,
            "TTL \(record.ttl) differs from TTL \(set.ttl) of the \(record.type.mnemonic) "
              + "records of '\(record.name.absolute)'"
              + (set.ttlRecord.origin.map { " (line \($0.line))" } ?? "")
              + "; a server gives the whole set the last one, \(record.ttl) (RFC 2181 §5.2)"))
        set.ttl = record.ttl
        set.ttlRecord = record
      }
      sets[key] = set
    }
    for set in sets.values {
      for index in set.indices { out[index].ttl = set.ttl }
    }
    return (out, warnings)
  }

  /// Knot's checks that no setting turns off: no other data beside a CNAME (RRSIG and NSEC
  /// excepted), one CNAME and one DNAME per name, nothing below a DNAME.
  static func checkStructure(_ records: [ResourceRecord]) throws(ZoneFileError) {
    let dnameOwners = Set(records.filter { $0.type.rawValue == 39 }.map(\.name))
    var byName: [DomainName: [ResourceRecord]] = [:]
    for record in records {
      byName[record.name, default: []].append(record)
      var ancestor = record.name.parent
      while let name = ancestor, !dnameOwners.isEmpty {
        if dnameOwners.contains(name) {
          throw record.error("'\(record.name.absolute)' lies below the DNAME at '\(name.absolute)'")
        }
        ancestor = name.parent
      }
    }
    for (name, set) in byName.sorted(by: {
      ($0.value[0].zoneLine, $0.key) < ($1.value[0].zoneLine, $1.key)
    }) {
      for single in [RRType.cname, RRType(rawValue: 39)] {
        let matching = set.filter { $0.type == single }
        if matching.count > 1 {
          throw matching[1].error(
            "a second \(single.mnemonic) record at '\(name.absolute)' (the first is on line "
              + "\(matching[0].zoneLine)); a name has at most one")
        }
      }
      guard let cname = set.first(where: { $0.type == .cname }),
        let other = set.first(where: {
          ![RRType.cname, RRType(rawValue: 46), RRType(rawValue: 47)].contains($0.type)
        })
      else { continue }
      let later = cname.zoneLine > other.zoneLine ? cname : other
      throw later.error(
        "'\(name.absolute)' has a CNAME (line \(cname.zoneLine)) and a \(other.type.mnemonic) record "
          + "(line \(other.zoneLine)); a name with a CNAME has no other data (RFC 1034 §3.6.2)")
    }
  }

  /// True when `name` is in this zone and answered from it: at or below the apex and not at
  /// or below a delegation (an NS record below the apex).
  public func contains(_ name: DomainName) -> Bool {
    guard name.isSubdomain(of: origin) else { return false }
    let cuts = Set(records.filter { $0.type == .ns && $0.name != origin }.map(\.name))
    return !ZoneFile.isDelegated(name, apex: origin, cuts: cuts)
  }

  /// True when `name` lies at or below one of `cuts` (delegation points below `apex`).
  static func isDelegated(_ name: DomainName, apex: DomainName, cuts: Set<DomainName>) -> Bool {
    var current: DomainName? = name
    while let candidate = current, candidate != apex, candidate.isSubdomain(of: apex) {
      if cuts.contains(candidate) { return true }
      current = candidate.parent
    }
    return false
  }
}

extension ResourceRecord {
  var zoneLine: Int { origin?.line ?? 0 }

  fileprivate func warning(_ kind: ZoneFileWarning.Kind, _ message: String) -> ZoneFileWarning {
    ZoneFileWarning(kind: kind, file: origin?.file ?? "<zone>", line: zoneLine, message: message)
  }

  fileprivate func error(_ message: String) -> ZoneFileError {
    ZoneFileError(
      file: origin?.file ?? "<zone>", line: zoneLine, column: 1, token: name.absolute,
      message: message)
  }
}
