import DNSLookup
import SenderAuthCore

/// `senderauth spf DOMAIN --format json`: the SPF record(s), their parse issues, the
/// worst-case lookup tree and the findings, with stable field names.
public struct SPFReport: Codable, Sendable {
  /// One SPF record at the domain.
  public struct Record: Codable, Sendable {
    public var owner: String
    public var text: String
    public var file: String?
    public var line: Int?
    public var terms: [SPFTerm]
    public var issues: [SPFIssue]
  }

  public var schemaVersion: Int
  public var domain: String
  /// Empty when the domain has no SPF record.
  public var records: [Record]
  /// The walk of the first record; nil without a record.
  public var tree: SPFLookupTree?
  /// Failed lookups (timeout, SERVFAIL …), as `name TYPE: error`.
  public var lookupFailures: [String]
  public var findings: [Finding]

  public init(context: SPFContext, domain: DomainName, findings: [Finding]) {
    schemaVersion = 1
    self.domain = domain.text
    records = zip(context.candidates, context.parsed).map { candidate, parsed in
      Record(
        owner: candidate.record.name.text, text: candidate.text,
        file: candidate.record.origin?.file, line: candidate.record.origin?.line,
        terms: parsed.record.terms, issues: parsed.issues)
    }
    tree = context.tree
    lookupFailures = context.failures.map {
      "\($0.name.text) \($0.type.mnemonic): \($0.error)"
    }
    self.findings = findings
  }
}

/// `senderauth spf DOMAIN --ip IP --format json`: the evaluation; `result` is the SPF result
/// string (`pass fail softfail neutral none permerror temperror`).
public struct SPFEvaluationReport: Codable, Sendable {
  public var schemaVersion: Int
  public var result: SPFResult
  public var evaluation: SPFEvaluation
  /// The findings of the check (`spf.ip-not-authorized` for a result other than pass).
  public var findings: [Finding]
  /// Why the result is what it is, in one sentence (the term that decided; for an address a
  /// sending service publishes, the include that would authorize it).
  public var why: String?

  public init(_ evaluation: SPFEvaluation, findings: [Finding] = [], why: String? = nil) {
    schemaVersion = 1
    result = evaluation.result
    self.evaluation = evaluation
    self.findings = findings
    self.why = why
  }

  private enum CodingKeys: String, CodingKey {
    case schemaVersion
    case findings
    case why
  }

  /// The evaluation's fields at the top level, beside `schemaVersion` and `findings`.
  public func encode(to encoder: any Encoder) throws {
    try evaluation.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(schemaVersion, forKey: .schemaVersion)
    try container.encode(findings, forKey: .findings)
    try container.encodeIfPresent(why, forKey: .why)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    findings = try container.decodeIfPresent([Finding].self, forKey: .findings) ?? []
    why = try container.decodeIfPresent(String.self, forKey: .why)
    evaluation = try SPFEvaluation(from: decoder)
    result = evaluation.result
  }
}
