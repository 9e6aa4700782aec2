/// The zones answered offline, each from exactly one file: no two files share an apex.
///
/// Two files for one zone are an error, never merged record by record (a server loads one
/// file per zone). `replacing` puts a file in place of the zone with its apex, as
/// `diff --before/--after FILE` does with the zones from `--zone` and the configuration.
public struct ZoneSet: Hashable, Sendable {
  /// The zones in the order they were added.
  public private(set) var zones: [ZoneFile] = []

  public init() {}

  /// The set of `zones`; two with the same apex are an error naming both files.
  public init(_ zones: [ZoneFile]) throws(ZoneSetError) {
    for zone in zones { try insert(zone) }
  }

  /// Adds `zone`; a zone with the same apex already in the set is an error naming both files
  /// (the same file given twice is read once).
  public mutating func insert(_ zone: ZoneFile) throws(ZoneSetError) {
    if let existing = self.zone(at: zone.origin) {
      if existing == zone { return }
      throw ZoneSetError(apex: zone.origin, firstFile: existing.file, secondFile: zone.file)
    }
    zones.append(zone)
  }

  /// The set with `zone` in place of the zone that has its apex (or added, when none has).
  public func replacing(_ zone: ZoneFile) -> ZoneSet {
    var copy = self
    if let index = zones.firstIndex(where: { $0.origin == zone.origin }) {
      copy.zones[index] = zone
    } else {
      copy.zones.append(zone)
    }
    return copy
  }

  /// The zone whose apex is `apex`.
  public func zone(at apex: DomainName) -> ZoneFile? {
    zones.first { $0.origin == apex }
  }

  /// The zone that answers for `name`: the closest enclosing apex, unless `name` lies at or
  /// below a delegation there that no loaded zone takes over.
  public func zone(containing name: DomainName) -> ZoneFile? {
    let enclosing = zones.filter { name.isSubdomain(of: $0.origin) }
    guard let closest = enclosing.max(by: { $0.origin.labelCount < $1.origin.labelCount })
    else { return nil }
    return closest.contains(name) ? closest : nil
  }

  /// True when a zone of the set answers for `name` (see `zone(containing:)`).
  public func contains(_ name: DomainName) -> Bool { zone(containing: name) != nil }

  public var isEmpty: Bool { zones.isEmpty }
}

/// Two zone files with the same apex: a zone comes from one file.
public struct ZoneSetError: Error, Hashable, Sendable, CustomStringConvertible {
  public var apex: DomainName
  public var firstFile: String
  public var secondFile: String

  public init(apex: DomainName, firstFile: String, secondFile: String) {
    self.apex = apex
    self.firstFile = firstFile
    self.secondFile = secondFile
  }

  /// `zones/a.zone and more/a.zone both hold the zone 'example.com.'; …`.
  public var description: String {
    "\(firstFile) and \(secondFile) both hold the zone '\(apex.absolute)'; a zone is read "
      + "from one file (remove one, or merge them into one file)"
  }

  /// The same in German.
  public var german: String {
    "\(firstFile) und \(secondFile) enthalten beide die Zone '\(apex.absolute)'; eine Zone "
      + "wird aus einer Datei gelesen (entfernen Sie eine oder führen Sie beide zusammen)"
  }
}
