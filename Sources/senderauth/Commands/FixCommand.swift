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
      Runs the whole check, merges every finding's changes per record set (one SPF record with \
      the strictest 'all' and the lookup limit checked, one DMARC record per _dmarc name with \
      the strongest policy the owner meant and its syntax corrected, DKIM and ESP CNAMEs, PTR \
      and addresses), applies them to the DNS data the check read and runs every check again, \
      until nothing changes. The plan never weakens a policy and never leaves two SPF or DMARC \
      records at one name; what it cannot fix is listed with the reason.

      Formats: zone (lines to paste; the records to remove as comments), json (remove, add, \
      after, unresolved, placeholders), octodns (YAML as octoDNS's YamlProvider reads a zone) \
      and dnscontrol (record functions for the D(...) block). With --write and --zone FILE, \
      FILE (the zone file that holds the domain) is rewritten in place: the records removed, \
      the new ones added after the records of the same name, the SOA serial raised, comments \
      and order kept; changes for other zones are listed on stderr.

      Exit status: 0 the plan leaves nothing at or above --fail-on, 1 it does (see the \
      unresolved list), 2 bad input, 3 DNS lookups failed.
      """,
    examples: [
      "senderauth fix shop.example --offline --zone Fixtures/demo/",
      "senderauth fix example.com --format octodns --rua mailto:dmarc@example.com",
      "senderauth fix example.com --zone zones/example.com.zone --write",
    ],
    german: CommandConfiguration.German(
      abstract:
        "Gibt den einen geprüften Plan aus, der die Einträge einer Domain korrigiert, oder "
        + "schreibt ihn.",
      discussion: """
        Führt die ganze Prüfung aus, führt die Änderungen aller Befunde je Eintragsmenge \
        zusammen (ein SPF-Eintrag mit dem strengsten 'all' und geprüfter Grenze von 10 \
        DNS-Abfragen, ein DMARC-Eintrag je _dmarc-Name mit der stärksten DMARC-Richtlinie, die \
        der Inhaber gemeint hat, und korrigierter Syntax, DKIM- und Versanddienst-CNAMEs, PTR \
        und Adressen), wendet sie auf die gelesenen DNS-Daten an und führt jede Prüfung erneut \
        aus, bis sich nichts mehr ändert. Der Plan schwächt nie eine DMARC-Richtlinie und lässt \
        nie zwei SPF- oder DMARC-Einträge unter einem Namen; was er nicht beheben kann, wird mit \
        dem Grund aufgeführt.

        Formate: zone (Zeilen zum Einfügen; zu entfernende Einträge als Kommentare), json \
        (remove, add, after, unresolved, placeholders), octodns (YAML, wie der YamlProvider von \
        octoDNS eine Zone liest) und dnscontrol (Record-Funktionen für den D(...)-Block). Mit \
        --write und --zone DATEI wird DATEI (die Zonendatei, die die Domain enthält) an Ort und \
        Stelle umgeschrieben: die Einträge entfernt, die neuen nach den Einträgen gleichen \
        Namens eingefügt, die SOA-Seriennummer erhöht, Kommentare und Reihenfolge behalten; \
        Änderungen für andere Zonen stehen auf stderr.

        Exit-Status: 0 der Plan lässt nichts ab --fail-on übrig, 1 er lässt etwas übrig (siehe \
        die Liste unresolved), 2 ungültige Eingabe, 3 DNS-Abfragen fehlgeschlagen.
        """))

  static let options: [OptionSpec] =
    [
      .option(
        "--format", value: "FORMAT",
        help: "Output format: zone, json, octodns, dnscontrol (default zone).",
        de: "Ausgabeformat: zone, json, octodns, dnscontrol (Standard zone).",
        choices: FixPlanRenderer.Format.allCases.map(\.rawValue)),
      .flag(
        "--write", help: "Rewrite the --zone FILE that holds the domain with the plan applied.",
        de: "Die --zone-DATEI, die die Domain enthält, mit angewandtem Plan neu schreiben."),
      .option(
        "--lang", value: "LANG", help: "Language: en or de (default from LC_ALL/LC_MESSAGES/LANG).",
        de: "Sprache: en oder de (Standard aus LC_ALL/LC_MESSAGES/LANG).",
        choices: ["en", "de"]),
    ] + RequestArguments.checkSpecs + RequestArguments.resolverSpecs

  var request: CheckRequest
  var format: FixPlanRenderer.Format
  var write: Bool
  var failOn: Severity
  var language: Language

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let domain = try RequestArguments.domain(
      arguments,
      usage: LocalizedText(
        en: "fix takes one DOMAIN (senderauth fix example.com)",
        de: "fix braucht genau eine DOMAIN (senderauth fix example.com)"))
    format = arguments.last("--format").flatMap(FixPlanRenderer.Format.init(rawValue:)) ?? .zone
    write = arguments.has("--write")
    let (configuration, directory) = try RequestArguments.configuration(arguments)
    let options = try RequestArguments.options(arguments)
    let resolver = try RequestArguments.resolver(arguments)
    if write, resolver.zones.isEmpty {
      throw UsageError(
        en: "--write needs --zone FILE: the zone file that holds the domain",
        de: "--write braucht --zone DATEI: die Zonendatei, die die Domain enthält")
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
          en: "--write: no zone file given with --zone holds '\(domain.domain.text)'",
          de: "--write: keine mit --zone angegebene Zonendatei enthält '\(domain.domain.text)'")
      }
      try Self.write(plan, to: holder, language: language)
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
      .max { $0.origin.labelCount < $1.origin.labelCount }
  }

  /// Rewrites `zone`'s file with `plan` applied and says on stderr what it did.
  static func write(_ plan: FixPlan, to zone: ZoneFile, language: Language) throws {
    let de = language == .de
    let text: String
    do {
      text = try String(contentsOfFile: zone.file, encoding: .utf8)
    } catch {
      throw InputError(
        en: "--write: cannot read \(zone.file)",
        de: "--write: \(zone.file) lässt sich nicht lesen")
    }
    let outcome = try ZonePlanWriter(zone: zone, text: text).apply(plan)
    if outcome.removed.isEmpty && outcome.added.isEmpty {
      Output.error("\(zone.file): " + (de ? "nichts zu ändern" : "nothing to change"))
    } else {
      do {
        try Data(outcome.text.utf8).write(
          to: URL(fileURLWithPath: zone.file), options: .atomic)
      } catch {
        throw InputError(
          en: "--write: cannot write \(zone.file): \(error.localizedDescription)",
          de: "--write: \(zone.file) lässt sich nicht schreiben: \(error.localizedDescription)")
      }
      let (removed, added) = (outcome.removed.count, outcome.added.count)
      var line =
        de
        ? "\(zone.file) geschrieben: \(removed) entfernt, \(added) hinzugefügt"
        : "wrote \(zone.file): \(removed) removed, \(added) added"
      if let serial = outcome.serial {
        line += (de ? ", SOA-Seriennummer " : ", SOA serial ") + "\(serial.old) → \(serial.new)"
      }
      Output.error(line)
    }
    for change in outcome.elsewhere {
      Output.error(
        de
          ? "nicht in \(zone.file), ändern Sie es dort, wo es steht: \(change.zoneLine)"
          : "not in \(zone.file), change it where it lives: \(change.zoneLine)")
    }
    for change in outcome.placeholders {
      let note = change.note.map { " (\($0.text(language)))" } ?? ""
      Output.error(
        de
          ? "ausgelassen, setzen Sie den Wert ein und fügen Sie ihn hinzu: \(change.zoneLine)\(note)"
          : "left out, fill in the value and add it: \(change.zoneLine)\(note)")
    }
  }
}
