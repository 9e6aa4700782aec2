import Foundation
import Testing

/// `Scripts/build`, which the action, the pre-commit hook, the GitLab example, the README and
/// the bench build with: it links the Swift runtime in exactly when the toolchain and the
/// system can, says why not otherwise, prints the binary's path, and fails with the build. Run
/// against a stand-in `swift` that records its arguments (a real release build takes minutes).
@Suite struct BuildScriptTests {
  struct Outcome {
    var run: SenderAuthCLI.Run
    /// The arguments the stand-in `swift` was called with.
    var swiftArguments: [String]

    var status: Int32 { run.status }
    var stdout: String { run.stdout }
    var stderr: String { run.stderr }
  }

  /// Runs `Scripts/build arguments` with a stand-in toolchain in a new directory: with
  /// `lib/swift_static/linux` when `staticLibraries`, the link names `libraries` in the
  /// directory `SENDERAUTH_LINK_DIRS` names, and a `swift` that exits with `swiftStatus`. The
  /// `swift` on `PATH` is elsewhere, as swiftly's proxy is: the toolchain is found by what
  /// `-print-target-info` reports.
  static func build(
    _ arguments: [String] = [], staticLibraries: Bool = true,
    libraries: [String] = ["libcurl.so", "libxml2.so"], swiftStatus: Int32 = 0
  ) throws -> Outcome {
    let root = NSTemporaryDirectory() + "senderauth-build-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    let files = FileManager.default
    for directory in [
      "proxy", "toolchain/lib/swift", "toolchain/lib/swift_static/linux", "links",
    ] {
      try files.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
    }
    var empty = staticLibraries ? ["toolchain/lib/swift_static/linux/static-stdlib-args.lnk"] : []
    empty += libraries.map { "links/\($0)" }
    for path in empty { try Data().write(to: URL(fileURLWithPath: "\(root)/\(path)")) }
    let swift = "\(root)/proxy/swift"
    let script = """
      #!/bin/sh
      if [ "$1" = -print-target-info ]; then
        printf '  "runtimeResourcePath": "%s",\\n' "\(root)/toolchain/lib/swift"
        exit 0
      fi
      printf '%s\\n' "$@" > "\(root)/arguments"
      exit \(swiftStatus)

      """
    try script.write(toFile: swift, atomically: true, encoding: .utf8)
    try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift)

    let run = try SenderAuthCLI.start(
      arguments,
      environment: [
        "PATH": "\(root)/proxy:/usr/bin:/bin", "SENDERAUTH_LINK_DIRS": "\(root)/links",
      ],
      executable: SenderAuthCLI.root + "/Scripts/build"
    ).finish()
    let recorded = (try? String(contentsOfFile: "\(root)/arguments", encoding: .utf8)) ?? ""
    return Outcome(run: run, swiftArguments: recorded.split(separator: "\n").map(String.init))
  }

  @Test func linksTheRuntimeInWhenTheToolchainAndTheSystemCan() throws {
    let outcome = try Self.build(["--scratch-path", "/tmp/somewhere"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout == "/tmp/somewhere/release/senderauth\n")
    #expect(
      outcome.swiftArguments == [
        "build", "-c", "release", "--package-path", SenderAuthCLI.root, "--scratch-path",
        "/tmp/somewhere", "--product", "senderauth", "-Xswiftc", "-cross-module-optimization",
        "--static-swift-stdlib",
      ])
    #expect(outcome.stderr.isEmpty)
  }

  @Test func buildsInTheRepositoryByDefault() throws {
    let outcome = try Self.build()
    #expect(outcome.stdout == SenderAuthCLI.root + "/.build/release/senderauth\n")
    #expect(outcome.swiftArguments.contains(SenderAuthCLI.root + "/.build"))
  }

  @Test func keepsTheRuntimeSharedAndSaysWhyWhenItCannot() throws {
    let noStatic = try Self.build(staticLibraries: false)
    #expect(noStatic.status == 0)
    #expect(!noStatic.swiftArguments.contains("--static-swift-stdlib"))
    #expect(noStatic.swiftArguments.contains("-cross-module-optimization"))
    #expect(noStatic.stderr.contains("no static libraries"))

    let noCurl = try Self.build(libraries: ["libxml2.so"])
    #expect(noCurl.status == 0)
    #expect(!noCurl.swiftArguments.contains("--static-swift-stdlib"))
    #expect(noCurl.stderr.contains("libcurl4-openssl-dev"))
    #expect(noCurl.stdout.hasSuffix("/release/senderauth\n"))

    let noXML = try Self.build(libraries: ["libcurl.so"])
    #expect(!noXML.swiftArguments.contains("--static-swift-stdlib"))
  }

  @Test func failsWithTheBuildAndOnBadArguments() throws {
    let failed = try Self.build(swiftStatus: 1)
    #expect(failed.status == 1, "the build's own status")
    #expect(failed.stdout.isEmpty, "no path for a binary that was not built")

    let unknown = try Self.build(["--release"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("unknown argument '--release'"))
    #expect(unknown.swiftArguments.isEmpty)

    let missing = try Self.build(["--scratch-path"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--scratch-path needs a directory"))
  }

  @Test func namesTheToolchainsStaticLibraries() throws {
    let found = try Self.build(["--static-libraries"])
    #expect(found.status == 0)
    #expect(found.stdout.hasSuffix("/toolchain/lib/swift_static/linux\n"), "\(found.stdout)")
    #expect(found.swiftArguments.isEmpty, "nothing is built")
    let none = try Self.build(["--static-libraries"], staticLibraries: false)
    #expect(none.status == 1 && none.stdout.isEmpty)
  }

  @Test func everyBuildRecipeUsesIt() throws {
    for path in [
      "action.yml", "Scripts/pre-commit-hook", "Scripts/bench", "docs/ci/gitlab-ci.yml",
      "docs/ci.md", "README.md",
    ] {
      let text = try String(contentsOfFile: SenderAuthCLI.root + "/" + path, encoding: .utf8)
      #expect(text.contains("Scripts/build"), "\(path) does not build with Scripts/build")
      #expect(!text.contains("swift build -c release --package-path"), "\(path)")
    }
  }
}
