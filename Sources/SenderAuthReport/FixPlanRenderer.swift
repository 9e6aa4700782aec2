import DNSLookup
import SenderAuthCore

/// The formats of `senderauth fix`: the plan as zone lines, JSON, octoDNS YAML (as its
/// YamlProvider reads a zone) and dnscontrol record functions (for a `D(...)` block).
///
/// octoDNS and dnscontrol describe whole record sets, not changes: both get the record sets the
/// plan touches as they are after it (a set the plan empties is named in a comment, to delete),
/// for the zone the domain is in; records of other zones (a PTR in a reverse zone, a CNAME
/// target at a provider) are listed in comments.
public enum FixPlanRenderer {
  public enum Format: String, CaseIterable, Sendable {
    case zone
    case json
    case octodns
    case dnscontrol
  }

  typealias RecordSet = FixPlan.RecordSet

  public static func render(
    _ report: DomainReport, zone: DomainName, format: Format, options: RenderOptions
  ) -> String {
    let plan = report.fixPlan ?? FixPlan()
    switch format {
    case .zone: return zoneText(report, plan: plan, options: options)
    case .json:
      return JSONText.pretty(PlanDocument(report, plan: plan, language: options.language))
    case .octodns: return octoDNS(plan, zone: zone, after: plan.recordSets)
    case .dnscontrol:
      return dnscontrol(plan, zone: zone, after: plan.recordSets)
    }
  }

  // MARK: - zone

  static func zoneText(_ report: DomainReport, plan: FixPlan, options: RenderOptions) -> String {
    let language = options.language
    let words = ReportWords(language)
    var lines = [
      language == .de
        ? "; senderauth-Korrekturplan für \(report.domain)"
        : "; senderauth fix plan for \(report.domain)"
    ]
    if plan.isEmpty {
      lines.append("; " + (language == .de ? "nichts zu ändern" : "nothing to change"))
    } else {
      lines += PlanText.zoneLines(plan, language: language)
      lines.append("; \(words[.afterChanges]): \(PlanText.after(plan, language: language))")
    }
    let left = PlanText.unresolved(plan, language: language)
    if !left.isEmpty {
      lines.append("; \(words[.stillToDo]):")
      lines += left.map { ";   " + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - json

  struct PlanDocument: Encodable {
    var schemaVersion = 1
    var domain: String
    var fixPlan: JSONFixPlan

    init(_ report: DomainReport, plan: FixPlan, language: Language) {
      domain = report.domain
      fixPlan = JSONFixPlan(plan, language: language)
    }
  }

  /// The name relative to `zone` (`@` for the apex), nil when it is not in the zone.
  static func relative(_ name: DomainName, to zone: DomainName) -> String? {
    guard name.isSubdomain(of: zone) else { return nil }
    let extra = name.labelCount - zone.labelCount
    return extra == 0 ? "@" : name.labels.prefix(extra).joined(separator: ".")
  }

  // MARK: - octoDNS

  /// A YAML document as octoDNS's YamlProvider reads `zone`: each touched owner with its
  /// record sets (TXT `;` escaped as octoDNS requires).
  static func octoDNS(_ plan: FixPlan, zone: DomainName, after: [RecordSet]) -> String {
    var lines = [
      "---", "# senderauth fix plan for zone '\(zone.text)': the record sets it changes, as they",
      "# are after the plan; replace these names' entries in \(zone.text).yaml with them.",
    ]
    let inZone = after.filter { relative($0.owner, to: zone) != nil }
    let others = after.filter { relative($0.owner, to: zone) == nil }
    var owners: [String] = []
    for set in inZone {
      if let name = relative(set.owner, to: zone).map({ $0 == "@" ? "" : $0 }),
        !owners.contains(name)
      {
        owners.append(name)
      }
    }
    // octoDNS wants the names in natural order, the apex ('') first.
    for owner in owners.sorted(by: naturallyBefore) {
      let sets = inZone.filter {
        (relative($0.owner, to: zone).map { $0 == "@" ? "" : $0 }) == owner
      }
      let present = sets.filter { !$0.values.isEmpty }
      for set in sets where set.values.isEmpty {
        lines.append("# delete the \(set.type.mnemonic) records of '\(set.owner.text)'")
      }
      guard !present.isEmpty else { continue }
      lines.append(yamlQuoted(owner) + ":")
      for set in present {
        // octoDNS also wants the keys of each record in order.
        lines.append("- ttl: \(set.ttl)")
        lines.append("  type: \(set.type.mnemonic)")
        if set.values.count == 1, let value = set.values.first {
          // One value (and a CNAME always has one) is written as `value:`.
          let item = octoDNSValue(value, type: set.type)
          lines.append("  value:" + (item.count == 1 ? " " + item[0].dropFirst(2) : ""))
          if item.count > 1 { lines += item.map { "    " + $0.dropFirst(2) } }
        } else {
          lines.append("  values:")
          for value in set.values {
            lines += octoDNSValue(value, type: set.type).map { "  " + $0 }
          }
        }
      }
    }
    for set in others {
      lines.append("# not in zone '\(zone.text)': \(set.owner.absolute) \(set.type.mnemonic)")
      for value in set.values { lines.append("#   " + value) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Natural order as octoDNS checks it: runs of digits compare as numbers (`s2` before
  /// `s10`), the rest as text.
  static func naturallyBefore(_ a: String, _ b: String) -> Bool {
    func runs(_ text: String) -> [(isNumber: Bool, text: String)] {
      var out: [(Bool, String)] = []
      for character in text {
        let digit = character.isASCII && character.isNumber
        if let last = out.last, last.0 == digit {
          out[out.count - 1].1.append(character)
        } else {
          out.append((digit, String(character)))
        }
      }
      return out
    }
    let left = runs(a)
    let right = runs(b)
    for (x, y) in zip(left, right) where x.text != y.text {
      if x.isNumber, y.isNumber, let m = Int(x.text), let n = Int(y.text), m != n { return m < n }
      return x.text < y.text
    }
    return left.count < right.count
  }

  /// One value as a YAML list item in octoDNS's shape for `type`.
  static func octoDNSValue(_ value: String, type: RRType) -> [String] {
    switch type {
    case .txt:
      return ["- " + yamlQuoted(value.replacingOccurrences(of: ";", with: "\\;"))]
    case .mx:
      let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return ["- " + yamlQuoted(value)] }
      return ["- exchange: " + yamlQuoted(parts[1]), "  preference: \(parts[0])"]
    default:
      return ["- " + yamlQuoted(value)]
    }
  }

  /// A single-quoted YAML scalar (backslashes literal, quotes doubled).
  static func yamlQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  // MARK: - dnscontrol

  /// dnscontrol record functions for the `D("zone", …)` block: the touched record sets as
  /// they are after the plan, with the records to delete in comments.
  static func dnscontrol(_ plan: FixPlan, zone: DomainName, after: [RecordSet]) -> String {
    var lines = [
      "// senderauth fix plan for D(\"\(zone.text)\", …): put these records into the block,",
      "// in place of the records of the same name and type.",
    ]
    for change in plan.remove {
      guard let name = relative(change.owner, to: zone) else { continue }
      lines.append("// delete: " + dnscontrolRecord(name, type: change.type, value: change.value))
    }
    for set in after {
      guard let name = relative(set.owner, to: zone) else {
        lines.append(
          "// not in zone '\(zone.text)': \(set.owner.absolute) \(set.type.mnemonic) "
            + set.values.joined(separator: ", "))
        continue
      }
      for value in set.values {
        lines.append(dnscontrolRecord(name, type: set.type, value: value) + ",")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `TXT("@", "v=spf1 -all")`, `MX("@", 0, ".")`, `CNAME("s1._domainkey", "target.")`.
  static func dnscontrolRecord(_ name: String, type: RRType, value: String) -> String {
    let label = jsString(name)
    switch type {
    case .mx:
      let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
      if parts.count == 2 { return "MX(\(label), \(parts[0]), \(jsString(parts[1])))" }
      return "MX(\(label), \(jsString(value)))"
    default:
      return "\(type.mnemonic)(\(label), \(jsString(value)))"
    }
  }

  /// A JavaScript string literal.
  static func jsString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
