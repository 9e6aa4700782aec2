import DNSLookup
import Foundation
import SenderAuthCore

/// Applies a plan to the zone file that holds the domain's zone (`fix --write`): the records it
/// removes and adds inside that zone, the SOA serial raised, everything else kept as written.
/// The result is read back with the zone parser before it is returned.
public struct ZonePlanWriter: Sendable {
  /// What was written, and what the file could not take.
  public struct Outcome: Sendable {
    /// The new text of the file.
    public var text: String
    public var removed: [DNSChange] = []
    public var added: [DNSChange] = []
    /// The serial before and after, when the file has an SOA record.
    public var serial: (old: UInt32, new: UInt32)?
    /// Changes for names outside the file's zone, or removals of records it does not hold.
    public var elsewhere: [DNSChange] = []
    /// Additions left out because a value only the owner knows is missing.
    public var placeholders: [DNSChange] = []
  }

  public var zone: ZoneFile
  public var text: String

  public init(zone: ZoneFile, text: String) {
    self.zone = zone
    self.text = text
  }

  /// The file's text with `plan` applied, as of `date` (for the serial).
  public func apply(_ plan: FixPlan, date: Date = Date()) throws(RequestError) -> Outcome {
    var editor = ZoneFileEditor(text: text, zone: zone)
    var outcome = Outcome(text: text)
    for change in plan.remove {
      guard change.owner.isSubdomain(of: zone.origin), let record = Self.record(change),
        editor.remove(record)
      else {
        outcome.elsewhere.append(change)
        continue
      }
      outcome.removed.append(change)
    }
    for change in plan.add {
      guard change.owner.isSubdomain(of: zone.origin) else {
        outcome.elsewhere.append(change)
        continue
      }
      guard Self.record(change) != nil else {
        outcome.placeholders.append(change)
        continue
      }
      editor.add(change.zoneLine, owner: change.owner)
      outcome.added.append(change)
    }
    guard !outcome.removed.isEmpty || !outcome.added.isEmpty else { return outcome }
    let parts = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: date)
    outcome.serial = editor.raiseSerial(
      today: (parts.year ?? 2026, parts.month ?? 1, parts.day ?? 1))
    outcome.text = editor.text
    do {
      _ = try ZoneFile.parse(outcome.text, origin: zone.origin, file: zone.file)
    } catch {
      throw RequestError(
        en: "the rewritten \(zone.file) would not load: \(error)",
        de: "das umgeschriebene \(zone.file) ließe sich nicht laden: \(error)")
    }
    return outcome
  }

  /// The record a change stands for; nil when its value holds a placeholder.
  static func record(_ change: DNSChange) -> ResourceRecord? {
    guard let data = RecordSetMerge.data(change) else { return nil }
    return ResourceRecord(name: change.owner, type: change.type, ttl: change.ttl, data: data)
  }
}
