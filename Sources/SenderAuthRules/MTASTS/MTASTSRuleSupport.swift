import DNSLookup
import SenderAuthCore

/// What the MTA-STS and TLS-RPT rules share: references, the example zone, the policy a fix
/// proposes and the new record id that must go with it.
enum MTASTSRuleSupport {
  static func rfc8461(_ section: String) -> Reference { .rfc(8461, section: section) }
  static func rfc8460(_ section: String) -> Reference { .rfc(8460, section: section) }

  /// The policy URL of the examples.
  static let policyURL = "https://mta-sts.example.com/.well-known/mta-sts.txt"

  /// A zone with one MX host and an MTA-STS record, plus `extra` lines.
  static func zone(_ extra: String = "", record: String = "v=STSv1; id=20260101") -> String {
    """
    @ SOA ns1 hostmaster 1 3600 600 86400 300
    @ MX 10 mx1
    mx1 A 192.0.2.25
    _mta-sts TXT "\(record)"
    mta-sts A 192.0.2.80
    \(extra)
    """
  }

  /// A policy text for the examples.
  static func policy(
    mode: String = "enforce", mx: [String] = ["mx1.example.com"], maxAge: Int = 604_800
  )
    -> String
  {
    (["version: STSv1", "mode: \(mode)"] + mx.map { "mx: \($0)" } + ["max_age: \(maxAge)"])
      .joined(separator: "\r\n") + "\r\n"
  }

  /// The example's web: the policy URL serving `body`.
  static func web(_ body: String, type: String = "text/plain", status: Int = 200)
    -> [String: ExampleResource]
  {
    [policyURL: ExampleResource(status: status, contentType: type, body: body)]
  }

  /// The domain's MX hosts, when the MX lookup answered (a null MX has none).
  static func mxHosts(_ context: DomainContext) -> [DomainName]? {
    guard let answer = context.mail.mx.answer, !context.mail.isNullMX else { return nil }
    return answer.mxHosts.map(\.exchange).filter { !$0.isRoot }
  }

  /// The policy a fix proposes: `mode` (else the current one, else testing), patterns that
  /// cover every MX host (the current ones that match kept), and a max_age of at least a week.
  static func proposedPolicy(_ context: DomainContext, mode: MTASTSPolicy.Mode? = nil) -> String {
    let current = context.mtaSTS.policy
    let hosts = mxHosts(context) ?? []
    var patterns = (current?.mx ?? []).filter { pattern in
      hosts.contains { MTASTSPolicy.matches($0, pattern: pattern) }
    }
    for host in hosts where !patterns.contains(where: { MTASTSPolicy.matches(host, pattern: $0) }) {
      patterns.append(host.text)
    }
    if patterns.isEmpty { patterns = ["<your-mx-host>"] }
    let maxAge =
      current?.maxAge.flatMap {
        (604_800...MTASTSPolicy.maximumMaxAge).contains($0) ? $0 : nil
      } ?? 604_800
    return MTASTSPolicy.text(
      mode: mode ?? current?.mode ?? .testing, mx: patterns, maxAge: maxAge)
  }

  /// A policy id for `policy`: 16 hex digits of its SHA-256, so a changed policy always gets
  /// a new id (RFC 8461 §3.1: the id must change whenever the policy does).
  static func policyID(_ policy: String) -> String {
    String(SHA256.hex(Array(policy.utf8)).prefix(16))
  }

  /// What a fix shows of a proposed policy: the policy on one line (`shownPolicy`) and its id
  /// (`policyID`).
  struct Proposal: Sendable {
    let shown: String
    let id: String
  }

  /// The `Proposal` for `policy`. A batch proposes the same few policies (one per set of MX
  /// hosts: a mail provider's are shared by thousands of domains) again and again: each is
  /// made once (its hash and split were 23k instructions a domain).
  static func proposal(_ policy: String) -> Proposal {
    proposals.value(for: ExactText(policy)) {
      Proposal(shown: shownPolicy(policy), id: policyID(policy))
    }
  }

  private static let proposals = SharedMemo<ExactText, Proposal>(capacity: 256)

  /// Replaces the `_mta-sts` record(s) by one with the id of `policy`, explaining that the
  /// policy file must be served first.
  static func publish(
    _ policy: String, context: DomainContext, lead: LocalizedText
  ) -> Fix? {
    guard let owner = context.mtaSTS.recordName else { return nil }
    let remove = context.mtaSTS.records.map {
      DNSChange(owner: owner, ttl: $0.record.ttl, type: .txt, value: $0.text)
    }
    let proposal = Self.proposal(policy)
    let (shown, id) = (proposal.shown, proposal.id)
    let url =
      context.mtaSTS.policyURL?.description
      ?? "https://mta-sts.\(context.domain.text)/.well-known/mta-sts.txt"
    return Fix(
      explanation: LocalizedText(
        en: lead.en + " Serve this policy at '\(url)' as text/plain: '\(shown)' (one field "
          + "per line). Then publish the record below: its new id tells senders to fetch the "
          + "changed policy; every later change of the policy needs a new id again.",
        de: lead.de + " Liefern Sie diese Richtlinie unter '\(url)' als text/plain aus: "
          + "'\(shown)' (ein Feld je Zeile). Veröffentlichen Sie danach den Eintrag unten: "
          + "seine neue id sagt sendenden Mailservern, dass sie die geänderte Richtlinie abrufen "
          + "sollen; jede spätere Änderung der Richtlinie braucht wieder eine neue id."),
      add: [DNSChange(owner: owner, type: .txt, value: "v=STSv1; id=\(id)")], remove: remove)
  }

  /// A policy on one line for a message: its fields separated by " | ".
  static func shownPolicy(_ policy: String) -> String {
    // Lines end in LF or CRLF. A CR right before an LF is one character with it, and neither
    // ever joins what is around it otherwise, so the octets split where the characters would.
    var lines: [Substring] = []
    let octets = policy.utf8
    var start = octets.startIndex
    var index = start
    while index < octets.endIndex {
      if octets[index] == UInt8(ascii: "\n") {
        var end = index
        if end > start, octets[octets.index(before: end)] == UInt8(ascii: "\r") {
          end = octets.index(before: end)
        }
        if end > start { lines.append(Substring(octets[start..<end])) }
        start = octets.index(after: index)
      }
      index = octets.index(after: index)
    }
    if start < octets.endIndex { lines.append(Substring(octets[start...])) }
    return lines.joined(separator: " | ")
  }

  /// The location of the policy file, for findings about it.
  static func policyLocation(_ context: DomainContext) -> Location {
    Location(
      name: context.mtaSTS.policyURL?.description ?? "mta-sts.\(context.domain.text)",
      type: "HTTPS")
  }
}
