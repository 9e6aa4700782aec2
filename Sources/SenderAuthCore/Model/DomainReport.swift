import DNSLookup

/// Whether a profile's requirement holds, fails, or cannot be told from DNS.
public enum RequirementStatus: String, Hashable, Sendable, Codable {
  case passed
  case failed
  /// The lookups the requirement rests on failed: never shown or counted as met.
  case unknown
  /// TLS, one-click unsubscribe, spam rate …: never shown as passed.
  case notCheckable
  /// DNS and the web could decide it, but this run did not: what it rests on was not there
  /// (the MTA-STS policy or the BIMI files a record names, not fetched in an offline or
  /// replayed run or without libcurl). Never shown or counted as met.
  case notChecked
}

/// A verdict in one word: the domain's headline and each profile's.
public enum ReadinessState: String, Hashable, Sendable, Codable {
  case ready
  case notReady
  /// Nothing failed, but some verdicts could not be reached because lookups failed.
  case incomplete
  /// A profile none of whose requirements the run could judge: each waits for input not
  /// given (`--ip`), is not checkable from DNS or was not checked in this run (T-Online's
  /// without `--ip`). Never the domain's headline, and never shown as ready.
  case notJudged
}

/// One requirement of a profile and how the domain fares against it.
public struct RequirementResult: Hashable, Sendable, Codable {
  /// The rule id (`gmail.bulk.dmarc-required`).
  public var id: String
  public var title: LocalizedText
  public var status: RequirementStatus
  /// The ids of the reported findings that make it fail (its own rule's, or the root cause's
  /// it was folded into), or, when unknown, of the findings that report the failed lookups.
  public var findings: [String]
  /// Whose rule it is (`Gmail`, `RFCs`).
  public var provider: LocalizedText
  /// When not checkable: the input the run was not given that would make it checkable
  /// (`--ip`); nil for what DNS cannot decide (TLS, the spam rate).
  public var needs: OnRequestInput?

  public init(
    id: String, title: LocalizedText, status: RequirementStatus, findings: [String] = [],
    provider: LocalizedText = LocalizedText(en: "", de: ""), needs: OnRequestInput? = nil
  ) {
    self.id = id
    self.title = title
    self.status = status
    self.findings = findings
    self.provider = provider
    self.needs = needs
  }
}

/// A rule that waits for input the run was not given (`DomainReport.notAsked`).
public struct WaitingRule: Hashable, Sendable, Codable {
  public var id: String
  public var waitsFor: OnRequestInput

  public init(id: String, waitsFor: OnRequestInput) {
    self.id = id
    self.waitsFor = waitsFor
  }
}

/// A profile's verdict for one domain: ready or not, requirement by requirement.
public struct ProfileVerdict: Hashable, Sendable, Codable {
  /// The id of the profile of the RFCs, judged for every domain.
  public static let rfcID = "rfc"

  public var id: String
  public var title: LocalizedText
  /// True only when every requirement the run could judge passed (none failed or is unknown)
  /// and it could judge one, or the profile has none; what is not checkable or not checked is
  /// listed, never counted as met.
  public var ready: Bool
  public var requirements: [RequirementResult]

  /// Ready; not ready (a requirement failed); incomplete (none failed, but some could not be
  /// judged because lookups failed); or not judged (none could be judged in this run).
  public var state: ReadinessState {
    // One pass, reading each status in place: `contains(where:)` three times copied every
    // requirement (its strings retained and released), 67 M instructions over 400 domains.
    var unknown = false
    var passed = false
    for index in requirements.indices {
      switch requirements[index].status {
      case .failed: return .notReady
      case .unknown: unknown = true
      case .passed: passed = true
      case .notCheckable, .notChecked: break
      }
    }
    if unknown { return .incomplete }
    if !requirements.isEmpty, !passed { return .notJudged }
    return ready ? .ready : .notReady
  }

  public init(id: String, title: LocalizedText, ready: Bool, requirements: [RequirementResult]) {
    self.id = id
    self.title = title
    self.ready = ready
    self.requirements = requirements
  }
}

/// A record found in DNS, as the report shows it.
public struct RecordSummary: Hashable, Sendable, Codable {
  public var name: String
  public var type: String
  public var ttl: UInt32
  /// The presentation form (TXT strings quoted), as dig prints it.
  public var data: String
  public var file: String?
  public var line: Int?

  public init(name: String, type: String, ttl: UInt32, data: String, file: String?, line: Int?) {
    self.name = name
    self.type = type
    self.ttl = ttl
    self.data = data
    self.file = file
    self.line = line
  }

  /// The summary of `record`, with its zone-file origin when it has one.
  public init(record: ResourceRecord) {
    self.init(
      name: record.name.text, type: record.type.mnemonic, ttl: record.ttl,
      data: record.data.presentation, file: record.origin?.file, line: record.origin?.line)
  }
}

/// Everything the report says about one domain.
public struct DomainReport: Hashable, Sendable, Codable {
  /// The domain checked, in A-label form.
  public var domain: String
  /// What the user typed when it differs (an e-mail address, a Unicode name).
  public var input: String?
  public var profiles: [ProfileVerdict]
  /// Findings, worst first.
  public var findings: [Finding]
  /// The records the checks read, grouped by purpose (`spf`, `dmarc`, `mx`, `dkim`).
  public var records: [String: [RecordSummary]]
  /// Findings silenced by configuration, with the reason given.
  public var suppressed: [SuppressedFinding]
  /// True when a lookup failed so that some verdict could not be reached.
  public var lookupFailed: Bool
  /// ESPs detected in the records or named with `--esp`.
  public var esps: [DetectedESP] = []
  /// The rules that could not reach a verdict because lookups they rest on failed.
  public var unknown: [String] = []
  /// The rules not checked in this run, as `RequirementStatus.notChecked`: what they read
  /// was not fetched (the MTA-STS policy or the BIMI files a record names, offline, from a
  /// replay or without libcurl). Never counted as passed.
  public var notChecked: [String] = []
  /// The rules that wait for input this run was not given (`--ip`, `--selector`, a message,
  /// `--authoritative`, a validating resolver), and what each waits for: a provider profile
  /// shows them as checkable with it, the `rfc` profile leaves them out, JUnit skips them, and
  /// the JSON report lists them (`waiting`). Never counted as passed.
  public var notAsked: [WaitingRule] = []
  /// The rules that ran for this domain (the scope's, and the provider rules of the judged
  /// profiles); nil when not known (a report not made by `DomainEvaluator`). JUnit's test cases
  /// are these: a rule that did not run is never a passing one.
  public var ran: [String]?
  /// Every finding's changes merged and verified, when the check made a plan.
  public var fixPlan: FixPlan?
  /// With `check --message`: what a receiver concludes about the message from today's DNS.
  public var message: MessagePrediction?

  public init(
    domain: String, input: String? = nil, profiles: [ProfileVerdict] = [],
    findings: [Finding] = [], records: [String: [RecordSummary]] = [:],
    suppressed: [SuppressedFinding] = [], lookupFailed: Bool = false
  ) {
    self.domain = domain
    self.input = input
    self.profiles = profiles
    self.findings = findings
    self.records = records
    self.suppressed = suppressed
    self.lookupFailed = lookupFailed
  }
}

/// A finding the configuration suppressed: still shown, never silently dropped.
public struct SuppressedFinding: Hashable, Sendable, Codable {
  public var finding: Finding
  public var reason: String

  public init(finding: Finding, reason: String) {
    self.finding = finding
    self.reason = reason
  }
}

extension DomainReport {
  /// The headline, from the same facts as the profiles so the two never disagree: not ready
  /// when a profile has a failed requirement or an error was found; else incomplete when a
  /// requirement could not be judged or a lookup failed; else ready. A profile the run could
  /// judge none of (`notJudged`) adds nothing to it.
  public var verdict: ReadinessState {
    if findings.contains(where: { $0.severity == .error })
      || profiles.contains(where: { $0.state == .notReady })
    {
      return .notReady
    }
    if lookupFailed || profiles.contains(where: { $0.state == .incomplete }) {
      return .incomplete
    }
    return .ready
  }
}
