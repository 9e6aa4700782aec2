import Foundation
import Testing

/// The two recipes of docs/batch.md for running `--shard` over many machines, run as written:
/// the GNU parallel line with the local machine as its only host, and the Kubernetes Indexed
/// Job's command once per pod index. Between them the shards must check the whole list, each
/// domain once.
@Suite(.serialized) struct ShardRecipeTests {
  static let guide = "docs/batch.md"
  static let manifest = "docs/batch/senderauth-indexed-job.yaml"

  /// The list: the batch fixture's domains and a few more names under its zone.
  static let domains = [
    "one.batch.test", "two.batch.test", "three.batch.test", "five.batch.test", "six.batch.test",
    "a.batch.test", "b.batch.test", "c.batch.test", "d.batch.test",
  ]

  /// Every domain of a plain run over the list, sorted.
  static func wholeRun(_ list: String) throws -> [String] {
    let run = try SenderAuthCLI.run(
      ["check", "-f", list, "--offline", "--zone", BatchTests.zone, "--format", "jsonl"])
    #expect(run.domains == domains.sorted(), "\(run.stderr)")
    return run.domains
  }

  /// A new directory holding `domains.txt`.
  static func workspace() throws -> String {
    let directory = NSTemporaryDirectory() + "senderauth-shard-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try (domains.joined(separator: "\n") + "\n").write(
      toFile: directory + "/domains.txt", atomically: true, encoding: .utf8)
    return directory
  }

  /// Runs `script` with `/bin/sh` in `directory`, with the built senderauth first on PATH.
  static func shell(_ script: String, in directory: String, environment: [String: String] = [:])
    throws -> SenderAuthCLI.Run
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    let binaries = (SenderAuthCLI.binary as NSString).deletingLastPathComponent
    env["PATH"] = binaries + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["LANG"] = "C"
    env.merge(environment) { $1 }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return SenderAuthCLI.Started(process: process, stdout: stdout, stderr: stderr).finish()
  }

  /// The `sh` block that follows `heading` in the guide, its continuation lines joined.
  static func block(after heading: String) throws -> [String] {
    let text = try String(contentsOfFile: SenderAuthCLI.root + "/" + guide, encoding: .utf8)
    let section = try #require(text.range(of: heading), "\(guide) has no '\(heading)'")
    let start = try #require(text[section.upperBound...].range(of: "```sh\n"))
    let end = try #require(text[start.upperBound...].range(of: "```"))
    return text[start.upperBound..<end.lowerBound].replacingOccurrences(of: "\\\n", with: " ")
      .split(separator: "\n").map(String.init)
  }

  /// The checks answer from the fixture zone, not from the network.
  static func offline(_ command: String) -> String {
    command.replacingOccurrences(
      of: "senderauth check ", with: "senderauth check --offline --zone \(BatchTests.zone) ")
  }

  @Test func gnuParallelOverHostsChecksEachDomainOnce() async throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel") else {
      Issue.record("GNU parallel is missing: run Scripts/test (apt-get install parallel)")
      return
    }
    let lines = try Self.block(after: "### GNU parallel over hosts")
    #expect(lines.count == 2 && lines[0] == "N=16", "\(lines)")
    let directory = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // The local machine as the only host; three shards, so that some hold several domains.
    try ":\n".write(toFile: directory + "/hosts.txt", atomically: true, encoding: .utf8)
    let script = "N=3\n" + Self.offline(lines[1])
    let run = try Self.shell(script, in: directory)
    #expect(run.stderr.components(separatedBy: "senderauth: summary:").count == 4, "\(run.stderr)")
    let parts = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
    let found = SenderAuthCLI.Run(status: 0, stdout: parts, stderr: "").domains
    #expect(found == (try Self.wholeRun(directory + "/domains.txt")), "\(parts)")
  }

  @Test func kubernetesIndexedJobChecksEachDomainOnce() async throws {
    let job = try CIIntegrationTests.yaml(Self.manifest)
    #expect(job["kind"] as? String == "Job")
    let spec = try #require(job["spec"] as? [String: Any])
    #expect(spec["completionMode"] as? String == "Indexed")
    let count = try #require(spec["completions"] as? Int)
    #expect(spec["parallelism"] as? Int == count)
    let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
    #expect(template["restartPolicy"] as? String == "Never")
    let container = try #require((template["containers"] as? [[String: Any]])?.first)
    #expect(container["command"] as? [String] == ["/bin/sh", "-c"])
    let command = try #require((container["args"] as? [String])?.first)
    #expect(command.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/\(count)\""), "\(command)")
    // The guide shows the same command.
    let words = { (text: String) in
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let shown = words(try Self.block(after: "### A Kubernetes Indexed Job").joined(separator: " "))
    #expect(words(command).hasPrefix(shown), "\(shown)")

    let directory = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(
      atPath: directory + "/results", withIntermediateDirectories: true)
    let local = Self.offline(command)
      .replacingOccurrences(of: "/data/", with: directory + "/")
      .replacingOccurrences(of: "/results/", with: directory + "/results/")
    var found: [String] = []
    for index in 0..<count {
      let run = try Self.shell(
        local, in: directory, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
      // Findings (exit 1) are a result: the pod succeeds.
      #expect(run.status == 0, "pod \(index): \(run.stderr)")
      let part =
        (try? String(
          contentsOfFile: directory + "/results/part-\(index).jsonl", encoding: .utf8)) ?? ""
      found += SenderAuthCLI.Run(status: 0, stdout: part, stderr: "").domains
    }
    #expect(found.sorted() == (try Self.wholeRun(directory + "/domains.txt")))
    #expect(Set(found).count == found.count, "a domain in two parts: \(found)")
  }
}
