import DNSLookup

extension ZoneFile {
  /// The zone with `fix` applied: its `remove` records taken out, its `add` records put in.
  /// A change whose value cannot be read as record data is an error naming it.
  public func applying(_ fix: Fix) throws(ZoneFileError) -> ZoneFile {
    var zone = self
    for change in fix.remove {
      zone.records.removeAll { record in
        record.name == change.owner && record.type == change.type
          && (record.data.joinedText == change.value || record.data.presentation == change.value)
      }
    }
    for change in fix.add {
      let data =
        change.type == .txt || change.type == .spf
        ? RData.txt(splitting: change.value)
        : try RData.parse(presentation: change.value, type: change.type, origin: origin)
      zone.records.append(
        ResourceRecord(name: change.owner, type: change.type, ttl: change.ttl, data: data))
    }
    return zone
  }
}
