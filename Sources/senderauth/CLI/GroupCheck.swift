import SenderAuthCore
import SenderAuthKit
import SenderAuthReport

/// The run `spf`, `dmarc` and `dkim` share: one domain through the session with the command's
/// scope, then either a JSON report or the group's text table followed by the findings.
enum GroupCheck {
  static func run(
    _ request: CheckRequest, output: OutputOptions, failOn: Severity,
    json: (DomainResult) -> String, table: (DomainResult) -> [String]
  ) async throws -> ExitStatus {
    for domain in request.domains where domain.note != nil {
      let label = output.language == .de ? "Hinweis" : "note"
      Output.error("\(label): \(domain.input): \(domain.notes?.text(output.language) ?? "")")
    }
    let session = try Session(request)
    let result = await session.check(request.domains[0])
    try session.finish()
    if output.format == .json {
      Output.write(json(result))
    } else {
      Output.write(
        table(result).joined(separator: "\n") + "\n\n"
          + TextRenderer.domain(result.report, options: output.render))
    }
    return ExitPolicy(failOn: failOn).status(for: [result.report])
  }
}
