import Foundation
import Testing

/// The GitHub Action (`action.yml` with `Scripts/ci-action`), the pre-commit hook and the CI
/// recipes in `docs/ci/`: they parse, their inputs reach real options, and their shell runs on
/// the fixtures as a CI job would run it.
@Suite(.serialized) struct CIIntegrationTests {
  static func yaml(_ path: String) throws -> [String: Any] {
    let text = try String(contentsOfFile: SenderAuthCLI.root + "/" + path, encoding: .utf8)
    return try #require(try PythonTools.yamlAsJSON(text) as? [String: Any], "\(path)")
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: SenderAuthCLI.root + "/" + path, encoding: .utf8)
  }

  /// Runs `Scripts/ci-action` with `environment`, in `directory`; its stderr, the step outputs
  /// it wrote, and the report.
  static func action(
    _ environment: [String: String], in directory: String = SenderAuthCLI.root
  ) throws -> (stderr: String, outputs: [String: String], report: String) {
    let outputs = NSTemporaryDirectory() + "senderauth-output-\(UUID().uuidString)"
    let report = NSTemporaryDirectory() + "senderauth-report-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: outputs)
      try? FileManager.default.removeItem(atPath: report)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SenderAuthCLI.root + "/Scripts/ci-action")
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C"
    env.removeValue(forKey: "LC_ALL")
    env["SA_BINARY"] = SenderAuthCLI.binary
    env["SA_OUTPUT"] = report
    env["GITHUB_OUTPUT"] = outputs
    env.merge(environment) { $1 }
    process.environment = env
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = Pipe()
    try process.run()
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "the script hands the status on: \(errors)")
    var values: [String: String] = [:]
    for line in (try? String(contentsOfFile: outputs, encoding: .utf8))?.split(separator: "\n")
      ?? []
    {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { values[parts[0]] = parts[1] }
    }
    return (errors, values, (try? String(contentsOfFile: report, encoding: .utf8)) ?? "")
  }

  @Test func actionIsACompositeWhoseInputsAllReachTheScript() async throws {
    let action = try Self.yaml("action.yml")
    let runs = try #require(action["runs"] as? [String: Any])
    #expect(runs["using"] as? String == "composite")
    let inputs = try #require(action["inputs"] as? [String: Any])
    let text = try Self.read("action.yml")
    for name in inputs.keys {
      #expect(text.contains("inputs.\(name)"), "input '\(name)' is never used")
    }
    let script = try Self.read("Scripts/ci-action")
    let steps = try #require(runs["steps"] as? [[String: Any]])
    let run = try #require(steps.first { $0["id"] as? String == "run" })
    let env = try #require(run["env"] as? [String: String])
    for key in env.keys where key.hasPrefix("SA_") {
      #expect(script.contains("${\(key)"), "\(key) is not read by Scripts/ci-action")
    }
    #expect(
      steps.contains {
        ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif") == true
      })
    #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("actions/cache") == true })
    // The CI guide documents every input.
    let guide = try Self.read("docs/ci.md")
    for name in inputs.keys {
      #expect(guide.contains("| `\(name)` |"), "docs/ci.md does not document '\(name)'")
    }
  }

  @Test func scriptOptionsAreRealOptions() async throws {
    let script = try Self.read("Scripts/ci-action")
    let check = try await SenderAuthCLI.run(["check", "--help"]).stdout
    let diff = try await SenderAuthCLI.run(["diff", "--help"]).stdout
    let options = Set(
      script.matches(of: /(--[a-z][a-z-]+)/).map { String($0.output.1) })
    #expect(options.count >= 8)
    for option in options {
      #expect(check.contains(option + " ") || diff.contains(option + " "), "\(option)")
    }
  }

  @Test func actionCheckWritesValidSARIFAndHandsTheStatusOn() async throws {
    let (stderr, outputs, report) = try Self.action([
      "SA_DOMAINS": "corp.example", "SA_ZONES": "Fixtures/ci/zones/", "SA_OFFLINE": "true",
      "SA_FAIL_ON": "error",
    ])
    #expect(outputs["status"] == "1", "dmarc.missing is an error: \(stderr)")
    #expect(outputs["format"] == "sarif")
    let errors = try PythonTools.sarifErrors(report)
    #expect(errors.isEmpty, "\(errors)")
    #expect(report.contains("\"ruleId\" : \"dmarc.missing\""))
  }

  @Test func actionWritesJUnitAndCodeQualityWithTheConfiguration() async throws {
    let junit = try Self.action([
      "SA_CONFIG": "Fixtures/ci/senderauth.json", "SA_ZONES": "Fixtures/ci/zones",
      "SA_OFFLINE": "true", "SA_FORMAT": "junit",
    ])
    #expect(junit.report.hasPrefix("<?xml"))
    #expect(junit.outputs["status"] == "1")
    let quality = try Self.action([
      "SA_CONFIG": "Fixtures/ci/senderauth.json", "SA_ZONES": "Fixtures/ci/zones",
      "SA_OFFLINE": "true", "SA_FORMAT": "codequality",
    ])
    let issues = try #require(
      try JSONSerialization.jsonObject(with: Data(quality.report.utf8)) as? [[String: Any]])
    let dmarc = try #require(issues.first { $0["check_name"] as? String == "dmarc.missing" })
    #expect(dmarc["severity"] as? String == "critical")
    let location = try #require(dmarc["location"] as? [String: Any])
    #expect(location["path"] as? String == "Fixtures/ci/senderauth.json")
    #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 4)
    #expect(!(dmarc["fingerprint"] as? String ?? "").isEmpty)
  }

  @Test func actionDiffTakesTheBeforeZoneFromAGitRevision() async throws {
    // A repository with the deployed zone committed and the proposed one in the work tree.
    let directory = NSTemporaryDirectory() + "senderauth-repo-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: directory + "/zones", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let zone = directory + "/zones/corp.example.zone"
    try FileManager.default.copyItem(
      atPath: SenderAuthCLI.fixture("ci/zones/corp.example.zone"), toPath: zone)
    func git(_ arguments: [String]) throws {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", directory] + arguments
      process.standardOutput = Pipe()
      process.standardError = Pipe()
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "git \(arguments)")
    }
    try git(["init", "-q"])
    try git(["add", "."])
    try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "zone"])
    try FileManager.default.removeItem(atPath: zone)
    try FileManager.default.copyItem(
      atPath: SenderAuthCLI.fixture("ci/proposed/remove-include/corp.example.zone"), toPath: zone)
    let mailer = SenderAuthCLI.fixture("ci/zones/mailer.example.zone")
    // The zone read from git goes to a temporary file, which must not outlive the step.
    let temporary = directory + "/tmp"
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
    let (stderr, outputs, report) = try Self.action(
      [
        "SA_COMMAND": "diff", "SA_DOMAINS": "corp.example", "SA_AFTER": "zones/corp.example.zone",
        "SA_BEFORE_REF": "HEAD", "SA_ZONES": mailer, "SA_OFFLINE": "true",
        "SA_CONFIG": SenderAuthCLI.fixture("ci/senderauth.json"), "TMPDIR": temporary,
      ], in: directory)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
    #expect(outputs["status"] == "1", "\(stderr)\n\(report)")
    #expect(outputs["format"] == "github")
    #expect(
      report.contains("::error file=zones/corp.example.zone,line=9,title=spf.ip-not-authorized"))
  }

  @Test func preCommitHookChecksTheZonesDomain() async throws {
    let hooks = try #require(
      try PythonTools.yamlAsJSON(try Self.read(".pre-commit-hooks.yaml")) as? [[String: Any]])
    let hook = try #require(hooks.first)
    #expect(hook["id"] as? String == "senderauth")
    let entry = try #require(hook["entry"] as? String)
    #expect(FileManager.default.isExecutableFile(atPath: SenderAuthCLI.root + "/" + entry))
    #expect(hook["files"] as? String == #"\.zone$"#)
    func run(_ arguments: [String]) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: SenderAuthCLI.root + "/" + entry)
      process.arguments = arguments
      process.currentDirectoryURL = URL(fileURLWithPath: SenderAuthCLI.root)
      var env = ProcessInfo.processInfo.environment
      env["SENDERAUTH_BINARY"] = SenderAuthCLI.binary
      process.environment = env
      process.standardOutput = Pipe()
      process.standardError = Pipe()
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    // shop.example has an error (two SPF records): the commit is blocked.
    #expect(try run(["--offline", "Fixtures/demo/shop.example.zone"]) == 1)
    // A zone whose domain has no error: not blocked.
    #expect(
      try run(["--offline", "--fail-on", "error", "Fixtures/esp/zoho-ok.example.zone"]) == 0)
  }

  @Test func recipesParseAndUseTheActionsInputs() async throws {
    let workflow = try Self.yaml("docs/ci/github-workflow.yml")
    let inputs = Set(((try Self.yaml("action.yml"))["inputs"] as? [String: Any] ?? [:]).keys)
    let jobs = try #require(workflow["jobs"] as? [String: Any])
    var used = 0
    for case let job as [String: Any] in jobs.values {
      for step in job["steps"] as? [[String: Any]] ?? []
      where (step["uses"] as? String)?.contains("senderauth") == true {
        for key in (step["with"] as? [String: Any] ?? [:]).keys {
          #expect(inputs.contains(key), "unknown input '\(key)'")
        }
        used += 1
      }
    }
    #expect(used == 2)
    let gitlab = try Self.yaml("docs/ci/gitlab-ci.yml")
    let job = try #require(gitlab["senderauth"] as? [String: Any])
    let reports = (job["artifacts"] as? [String: Any])?["reports"] as? [String: Any]
    #expect(reports?["junit"] != nil && reports?["codequality"] != nil)
    let config = try #require(
      try PythonTools.yamlAsJSON(try Self.read("docs/ci/pre-commit-config.yaml"))
        as? [String: Any])
    #expect(config["repos"] != nil)
  }
}
