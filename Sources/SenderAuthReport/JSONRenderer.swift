import Foundation
import SenderAuthCore

/// The `json` and `jsonl` formats: the report with texts in one language and fixes as zone
/// lines. Documented in README; field names are public API (schemaVersion 1).
public enum JSONRenderer {
  /// What `JSONText.pretty` makes of the report's JSON view, written directly: each domain by
  /// the writers of `line`, indented (`JSONLine.pretty`), put together by `Document` as a
  /// batch puts them together.
  public static func render(_ report: Report, options: RenderOptions) -> String {
    var document = Document(report, options: options)
    return document.text(of: report.domains)
  }

  /// The `json` document a domain at a time (`StreamedDocument`): a domain's piece is its
  /// `jsonl` line's octets, indented when it is written; its closing brace is written with
  /// what follows, so that every text ends a line.
  public struct Document: StreamedDocument {
    let options: RenderOptions
    private let closing: String
    private let empty: String
    private var started = false

    /// The document of `header`'s schema version and tool (its domains are not read).
    public init(_ header: Report, options: RenderOptions) {
      self.options = options
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
      closing = "    }\n  ],\n  " + rest
      empty = "{\n  \"domains\" : [\n\n  ],\n  " + rest
    }

    /// One domain's object as `jsonl` writes it.
    public func piece(_ domain: DomainReport) -> DocumentPiece {
      var out = JSONLine()
      JSONReport.Domain(domain, language: options.language).write(to: &out)
      return DocumentPiece(octets: out.bytes, counts: domain.counts)
    }

    /// The document's opening or the end of the domain before, then this one's object,
    /// indented as an element of `domains`, up to its closing brace.
    public mutating func next(_ piece: DocumentPiece) -> String {
      let head = started ? "    },\n" : "{\n  \"domains\" : [\n"
      started = true
      let object = JSONLine.pretty(piece.octets, depth: 2)
      // The object ends in "\n    }": that brace is written by the next piece.
      return head + "    " + object.dropLast(5)
    }

    public func end() -> String { started ? closing : empty }
  }

  /// One line for one domain, for `jsonl`: what `JSONText.line` makes of the domain's JSON
  /// view, written directly.
  public static func line(_ domain: DomainReport, options: RenderOptions) -> String {
    withLine(domain, options: options) {
      String(decoding: UnsafeBufferPointer(rebasing: $0.dropLast()), as: UTF8.self)
    }
  }

  /// Calls `body` with `line`'s UTF-8 octets and a line feed, where they were written: the
  /// batch writes them out at once (a copy of the line, thousands of octets, was a large
  /// allocation and an octet-by-octet copy per domain; a `String` would check their encoding
  /// again).
  public static func withLine<Result>(
    _ domain: DomainReport, options: RenderOptions,
    _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    var out = JSONLine()
    JSONReport.Domain(domain, language: options.language).write(to: &out)
    return out.withLine(body)
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
    /// The rules not checked in this run: what they read was not fetched (an MTA-STS policy
    /// offline).
    var notChecked: [String]
    /// The rules that wait for input the run was not given, and what each waits for
    /// (`ptr.missing`, `ip`): not checkable until it is.
    var waiting: [Waiting]
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
      notChecked = report.notChecked
      waiting = report.notAsked.map { Waiting(id: $0.id, needs: $0.waitsFor) }
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

  struct Profile: Encodable, Hashable, Sendable {
    var id: String
    var title: String
    var ready: Bool
    /// `ready`, `notReady`, `incomplete` (nothing failed, some requirements unknown) or
    /// `notJudged` (none could be judged in this run).
    var verdict: String
    var requirements: [Requirement]

    /// Equal profiles hash alike: by id, verdict and their requirements' statuses and counts
    /// of findings (a profile's outcomes differ there); equality compares every member.
    func hash(into hasher: inout Hasher) {
      hasher.combine(id)
      hasher.combine(verdict)
      var outcomes = UInt64(requirements.count)
      // By index: a loop over the elements would copy each requirement (five strings).
      for index in requirements.indices {
        outcomes =
          outcomes &* 31 &+ UInt64(requirements[index].status.utf8.count)
          &+ UInt64(requirements[index].findings.count) << 8
      }
      hasher.combine(outcomes)
    }

    /// Equal as written: the same octets in every string (`==` on strings is canonical
    /// equivalence, so a precomposed "é" and an "e" with a combining accent are equal).
    static func == (lhs: Self, rhs: Self) -> Bool {
      lhs.ready == rhs.ready && JSONReport.sameOctets(lhs.id, rhs.id)
        && JSONReport.sameOctets(lhs.verdict, rhs.verdict)
        && JSONReport.sameOctets(lhs.title, rhs.title)
        && lhs.requirements.count == rhs.requirements.count
        // Element by element in place (`Requirement.same`): `Array`'s `==` copies each.
        && lhs.requirements.withUnsafeBufferPointer { left in
          rhs.requirements.withUnsafeBufferPointer { right in
            left.indices.allSatisfy {
              Requirement.same(left.baseAddress! + $0, right.baseAddress! + $0)
            }
          }
        }
    }

    init(_ verdict: ProfileVerdict, language: Language) {
      id = verdict.id
      title = verdict.title.text(language)
      ready = verdict.ready
      self.verdict = verdict.state.rawValue
      requirements = verdict.requirements.map {
        Requirement(
          id: $0.id, title: $0.title.text(language), provider: $0.provider.text(language),
          status: $0.status.rawValue, findings: $0.findings, needs: $0.needs)
      }
    }
  }

  /// A rule that waits for input the run was not given: `needs` says which (`ip`: `--ip`).
  struct Waiting: Encodable {
    var id: String
    var needs: OnRequestInput
  }

  /// One requirement: `passed`, `failed`, `unknown`, `notCheckable` or `notChecked`, the ids
  /// of the reported findings it points at, and for one not checkable what would make it
  /// checkable (`ip`: `--ip`).
  struct Requirement: Encodable, Hashable, Sendable {
    var id: String
    var title: String
    var provider: String
    var status: String
    var findings: [String]
    var needs: OnRequestInput?

    /// Equal requirements hash alike: their id and status tell most apart, and equality
    /// compares the rest.
    func hash(into hasher: inout Hasher) {
      hasher.combine(id)
      hasher.combine(status)
    }

    /// Equal as written: the same octets in every string (see `Profile`'s).
    static func == (lhs: Self, rhs: Self) -> Bool {
      withUnsafePointer(to: lhs) { lhs in withUnsafePointer(to: rhs) { rhs in same(lhs, rhs) } }
    }

    /// `==`, member by member where the values lie: an array's element passed to `==`, even
    /// as `borrowing`, is copied first (five strings).
    static func same(_ lhs: UnsafePointer<Self>, _ rhs: UnsafePointer<Self>) -> Bool {
      // Each member compared where it lies, by its bits first (the same storage, or the same
      // small string: equal values, read without the retain that passing a string on takes,
      // sixteen reference counts a requirement); only a member whose bits differ is read out and
      // compared by `equal`.
      func same<Member>(_ member: KeyPath<Self, Member>, _ equal: (Member, Member) -> Bool) -> Bool
      {
        let offset = MemoryLayout<Self>.offset(of: member)!
        return JSONReport.sameRepresentation(
          UnsafeRawPointer(lhs) + offset, UnsafeRawPointer(rhs) + offset, as: Member.self)
          || equal(lhs.pointee[keyPath: member], rhs.pointee[keyPath: member])
      }
      return lhs.pointee.needs == rhs.pointee.needs
        && same(\.id, JSONReport.sameOctets) && same(\.status, JSONReport.sameOctets)
        && same(\.title, JSONReport.sameOctets) && same(\.provider, JSONReport.sameOctets)
        && same(\.findings) { left, right in
          left.count == right.count
            && left.indices.allSatisfy { JSONReport.sameOctets(left[$0], right[$0]) }
        }
    }
  }

  /// Whether the values of type `type` at `lhs` and `rhs` have the same bits: the same
  /// storage, or the same small string (equal values; unequal bits say nothing). Read in
  /// place, without retaining what they refer to.
  static func sameRepresentation<Value>(
    _ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, as type: Value.Type
  ) -> Bool {
    memcmp(lhs, rhs, MemoryLayout<Value>.size) == 0
  }

  /// Whether `lhs` and `rhs` hold the same UTF-8 octets.
  static func sameOctets(_ lhs: String, _ rhs: String) -> Bool {
    // The same representation (one storage, or the same small string) holds the same octets:
    // the memo's keys share the catalog's strings, so most comparisons end here.
    let bits = (UInt64, UInt64).self
    if unsafeBitCast(lhs, to: bits) == unsafeBitCast(rhs, to: bits) { return true }
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
      rhs.withUTF8 { right in
        guard left.count == right.count else { return false }
        guard let a = left.baseAddress, let b = right.baseAddress else { return true }
        return memcmp(a, b, left.count) == 0
      }
    }
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
