import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit
import SenderAuthReport
import SenderAuthRules

/// `senderauth fix DOMAIN`: the domain's verified fix plan, to paste or to write into its zone
/// file.
struct FixCommand: Command {
  static let configuration = CommandConfiguration(
    name: "fix",
    abstract: "Print the one verified plan that fixes a domain's records, or write it.",
    arguments: "DOMAIN",
    discussion: """
      Runs the whole check, merges every finding's changes per record set (one SPF record with \\
      the strictest 'all' and the lookup limit checked, one DMARC record per _dmarc name with \\
      the strongest policy the owner meant and its syntax corrected, DKIM and ESP CNAMEs, PTR \\
      and addresses), applies them to the DNS data the check read and runs every check again, \\
      until nothing changes. The plan never weakens a policy and never leaves two SPF or DMARC \\
      records at one name; what it cannot fix is listed with the reason.

      Formats: zone (lines to paste; the records to remove as comments), json (remove, add, \\
      after, unresolved, placeholders), octodns (YAML as octoDNS's YamlProvider reads a zone) \\
      and dnscontrol (record functions for the D(...) block). With --write and --zone FILE, \\
      FILE (the zone file that holds the domain) is rewritten in place: the records removed, \\
      the new ones added after the records of the same name, the SOA serial raised, comments \\
      and order kept; changes for other zones are listed on stderr.

      Exit status: 0 the plan leaves nothing at or above --fail-on, 1 it does (see the \\
      unresolved list), 2 bad input, 3 DNS lookups failed.
      """,
    examples: [
      "senderauth fix shop.example --offline --zone Fixtures/demo/",
      "senderauth fix example.com --format octodns --rua mailto:dmarc@example.com",
      "senderauth fix example.com --zone zones/example.com.zone --write",
    ])

  static let options: [OptionSpec] =
    [
      .option(
        "--format", value: "FORMAT",
        help: "Output format: zone, json, octodns, dnscontrol (default zone).",
        choices: FixPlanRenderer.Format.allCases.map(\.rawValue)),
      .flag(
        "--write", help: "Rewrite the --zone FILE that holds the domain with the plan applied."),
      .option(
        "--lang", value: "LANG", help: "Language: en or de (default from LC_ALL/LC_MESSAGES/LANG).",
        choices: ["en", "de"]),
    ] + RequestArguments.checkSpecs + RequestArguments.resolverSpecs

  var request: CheckRequest
  var format: FixPlanRenderer.Format
  var write: Bool
  var failOn: Severity
  var language: Language

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments, usage: "fix takes one DOMAIN (senderauth fix example.com)")
    format = arguments.last("--format").flatMap(FixPlanRenderer.Format.init(rawValue:)) ?? .zone
    write = arguments.has("--write")
    let (configuration, directory) = try RequestArguments.configuration(arguments)
    let options = try RequestArguments.options(arguments)
    let resolver = try RequestArguments.resolver(arguments)
    if write, resolver.zones.isEmpty {
      throw UsageError("--write needs --zone FILE: the zone file that holds the domain")
    }
    let deadline = try RequestArguments.deadline(arguments)
    request = try RequestArguments.request { () throws(RequestError) in
      try CheckRequest(
        domains: [domain], options: options, resolver: resolver, deadline: deadline,
        configuration: configuration, configurationDirectory: directory)
    }
    failOn = RequestArguments.failOn(arguments)
    language =
      arguments.last("--lang").flatMap(Language.init(rawValue:))
      ?? OutputOptions.environmentLanguage
  }

  func run() async throws -> ExitStatus {
    let session = try Session(request)
    let domain = request.domains[0]
    let result = await session.check(domain)
    try session.finish()
    let plan = result.report.fixPlan ?? FixPlan()
    let holder = Self.zoneFile(holding: domain.domain, among: session.zones)
    let options = RenderOptions(
      language: language, color: false, width: nil, rules: RuleCatalog.all.map(\.description))
    if write {
      guard let holder else {
        throw InputError(
          "--write: no zone file given with --zone holds '\(domain.domain.text)'")
      }
      try Self.write(plan, to: holder)
    } else {
      Output.write(
        FixPlanRenderer.render(
          result.report, zone: holder?.origin ?? domain.domain, format: format, options: options))
    }
    if result.report.lookupFailed && plan.unresolved.isEmpty { return .dnsFailure }
    let left = plan.unresolved.contains {
      $0.severity >= failOn && !RootCauses.lookupFailureIDs.contains($0.id)
    }
    if left { return .findings }
    return result.report.lookupFailed ? .dnsFailure : .ok
  }

  /// The loaded zone file whose zone holds `domain` (the closest enclosing apex).
  static func zoneFile(holding domain: DomainName, among zones: [ZoneFile]) -> ZoneFile? {
    zones.filter { domain.isSubdomain(of: $0.origin) && $0.origin != .root }
      .max { $0.origin.labels.count < $1.origin.labels.count }
  }

  /// Rewrites `zone`'s file with `plan` applied and says on stderr what it did.
  static func write(_ plan: FixPlan, to zone: ZoneFile) throws {
    let text: String
    do {
      text = try String(contentsOfFile: zone.file, encoding: .utf8)
    } catch {
      throw InputError("--write: cannot read \(zone.file)")
    }
    let outcome = try ZonePlanWriter(zone: zone, text: text).apply(plan)
    if outcome.removed.isEmpty && outcome.added.isEmpty {
      Output.error("\(zone.file): nothing to change")
    } else {
      do {
        try Data(outcome.text.utf8).write(
          to: URL(fileURLWithPath: zone.file), options: .atomic)
      } catch {
        throw InputError("--write: cannot write \(zone.file): \(error.localizedDescription)")
      }
      var line =
        "wrote \(zone.file): \(outcome.removed.count) removed, \(outcome.added.count) added"
      if let serial = outcome.serial { line += ", SOA serial \(serial.old) → \(serial.new)" }
      Output.error(line)
    }
    for change in outcome.elsewhere {
      Output.error("not in \(zone.file), change it where it lives: \(change.zoneLine)")
    }
    for change in outcome.placeholders {
      let note = change.note.map { " (\($0.en))" } ?? ""
      Output.error("left out, fill in the value and add it: \(change.zoneLine)\(note)")
    }
  }
}
