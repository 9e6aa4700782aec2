import SenderAuthCore

/// The `json` and `jsonl` formats: the report with texts in one language and fixes as zone
/// lines. Documented in README; field names are public API (schemaVersion 1).
public enum JSONRenderer {
  /// What `JSONText.pretty` makes of the report's JSON view, written directly: the same
  /// writers as `line`, then indented (`JSONLine.prettyText`).
  public static func render(_ report: Report, options: RenderOptions) -> String {
    let document = Document(version: report.tool.version, options: options)
    guard !report.domains.isEmpty else { return document.empty }
    return document.opening + report.domains.map(document.item).joined(separator: ",\n")
      + document.closing
  }

  /// The `json` document a domain at a time, for a batch that writes each domain as soon as
  /// the ones before it are written (in input order, not kept to the end): `opening`, the
  /// domains' `item`s joined by `",\n"`, then `closing`; with no domain, `empty`. Together
  /// they are `render`'s text.
  public struct Document: Sendable {
    public let opening = "{\n  \"domains\" : [\n"
    public let closing: String
    public let empty: String
    let options: RenderOptions

    public init(version: String, options: RenderOptions) {
      self.options = options
      let header = Report(domains: [], version: version)
      var tool = JSONLine()
      tool.beginObject()
      tool.key("name")
      tool.string(header.tool.name)
      tool.key("version")
      tool.string(header.tool.version)
      tool.endObject()
      let rest =
        "\"schemaVersion\" : \(header.schemaVersion),\n  \"tool\" : "
        + JSONLine.pretty(tool.bytes, depth: 1) + "\n}"
      closing = "\n  ],\n  " + rest
      empty = "{\n  \"domains\" : [\n\n  ],\n  " + rest
    }

    /// One domain's object, indented as an element of the document's `domains`.
    public func item(_ domain: DomainReport) -> String {
      var out = JSONLine()
      JSONReport.Domain(domain, language: options.language).write(to: &out)
      return "    " + JSONLine.pretty(out.bytes, depth: 2)
    }
  }

  /// One line for one domain, for `jsonl`: what `JSONText.line` makes of the domain's JSON
  /// view, written directly (the batch writes one per domain).
  public static func line(_ domain: DomainReport, options: RenderOptions) -> String {
    var out = JSONLine()
    JSONReport.Domain(domain, language: options.language).write(to: &out)
    return out.text
  }
}

/// The JSON view of a report.
struct JSONReport: Encodable {
  var schemaVersion: Int
  var tool: Report.Tool
  var domains: [Domain]

  init(_ report: Report, language: Language) {
    schemaVersion = report.schemaVersion
    tool = report.tool
    domains = report.domains.map { Domain($0, language: language) }
  }

  struct Domain: Encodable {
    var domain: String
    var input: String?
    /// `ready`, `notReady` or `incomplete`: the headline, consistent with the profiles.
    var verdict: String
    var profiles: [Profile]
    var findings: [JSONFinding]
    var suppressed: [Suppressed]
    var records: [String: [RecordSummary]]
    var lookupFailed: Bool
    /// The rules that could not reach a verdict because the lookups they rest on failed.
    var unknown: [String]
    /// Every finding's changes merged into one verified plan.
    var fixPlan: JSONFixPlan?
    /// ESPs detected or named with `--esp`: id, name, the records that show it, alignment.
    var esps: [ESP]
    /// With `check --message`: the prediction for the message.
    var message: JSONMessage?

    init(_ report: DomainReport, language: Language) {
      domain = report.domain
      input = report.input
      verdict = report.verdict.rawValue
      profiles = report.profiles.map { Profile($0, language: language) }
      findings = report.findings.map { JSONFinding($0, language: language) }
      suppressed = report.suppressed.map {
        Suppressed(finding: JSONFinding($0.finding, language: language), reason: $0.reason)
      }
      records = report.records
      lookupFailed = report.lookupFailed
      unknown = report.unknown
      fixPlan = report.fixPlan.map { JSONFixPlan($0, language: language) }
      esps = report.esps.map {
        ESP(
          id: $0.id, name: $0.name, named: $0.named, evidence: $0.evidence,
          alignment: $0.alignment.text(language),
          dkim: Mechanism(aligned: $0.dkim.aligned, why: $0.dkim.why.text(language)),
          spf: Mechanism(aligned: $0.spf.aligned, why: $0.spf.why.text(language)))
      }
      message = report.message.map { JSONMessage($0, language: language) }
    }
  }

  struct ESP: Encodable {
    var id: String
    var name: String
    var named: Bool
    var evidence: [String]
    var alignment: String
    /// What the records found give DKIM and SPF for its mail: aligned (null when they do not
    /// tell), and why.
    var dkim: Mechanism
    var spf: Mechanism
  }

  struct Mechanism: Encodable {
    var aligned: Bool?
    var why: String

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(aligned, forKey: .aligned)
      try container.encode(why, forKey: .why)
    }

    enum CodingKeys: String, CodingKey {
      case aligned
      case why
    }
  }

  struct Profile: Encodable {
    var id: String
    var title: String
    var ready: Bool
    /// `ready`, `notReady` or `incomplete` (nothing failed, some requirements unknown).
    var verdict: String
    var requirements: [Requirement]

    init(_ verdict: ProfileVerdict, language: Language) {
      id = verdict.id
      title = verdict.title.text(language)
      ready = verdict.ready
      self.verdict = verdict.state.rawValue
      requirements = verdict.requirements.map {
        Requirement(
          id: $0.id, title: $0.title.text(language), provider: $0.provider.text(language),
          status: $0.status.rawValue, findings: $0.findings)
      }
    }
  }

  /// One requirement: `passed`, `failed`, `unknown` or `notCheckable`, and the ids of the
  /// reported findings it points at.
  struct Requirement: Encodable {
    var id: String
    var title: String
    var provider: String
    var status: String
    var findings: [String]
  }

  struct Suppressed: Encodable {
    var finding: JSONFinding
    var reason: String
  }
}

/// A finding with its message in one language and its fix as zone lines.
struct JSONFinding: Encodable {
  var id: String
  var severity: String
  var message: String
  var location: Location?
  var fix: JSONFix?
  /// The requirements (rule ids) that fail because of this finding besides its own rule.
  var breaks: [String]

  init(_ finding: Finding, language: Language) {
    id = finding.id
    severity = finding.severity.rawValue
    message = finding.message.text(language)
    location = finding.location
    fix = finding.fix.map { JSONFix($0, language: language) }
    breaks = finding.breaks
  }
}

struct JSONFix: Encodable {
  var explanation: String
  var add: [String]
  var remove: [String]

  init(_ fix: Fix, language: Language) {
    explanation = fix.explanation.text(language)
    add = fix.add.map(ZoneLineFormatter.line)
    remove = fix.remove.map(ZoneLineFormatter.line)
  }
}

/// The plan as the JSON contract has it: zone lines to remove and add, each judged profile's
/// verdict after, what stays unresolved and why, and whether a placeholder is left.
struct JSONFixPlan: Encodable {
  struct Unresolved: Encodable {
    var id: String
    var why: String
  }

  var remove: [String]
  var add: [String]
  var after: [String: Bool]
  var unresolved: [Unresolved]
  var placeholders: Bool
  /// The ids of the findings the plan fixes.
  var fixes: [String]
  /// Where to find each placeholder value: the zone line and the note.
  var notes: [String: String]

  init(_ plan: FixPlan, language: Language) {
    remove = plan.remove.map(ZoneLineFormatter.line)
    add = plan.add.map(ZoneLineFormatter.line)
    after = Dictionary(plan.after.map { ($0.id, $0.ready) }, uniquingKeysWith: { a, _ in a })
    unresolved = plan.unresolved.map { Unresolved(id: $0.id, why: $0.why.text(language)) }
    placeholders = plan.placeholders
    fixes = plan.fixes
    var notes: [String: String] = [:]
    for change in plan.add {
      if let note = change.note { notes[ZoneLineFormatter.line(change)] = note.text(language) }
    }
    self.notes = notes
  }
}
