import Foundation

/// The test-only Python venv `Scripts/test` creates (`.build-venv`: jsonschema with its URI
/// format checkers, PyYAML), for checks a real implementation should make: SARIF against the
/// OASIS schema, `action.yml` as YAML.
enum PythonTools {
  static let python = SenderAuthCLI.root + "/.build-venv/bin/python3"
  static let hint =
    "the test venv is missing: run Scripts/test (or: /usr/bin/python3 -m venv .build-venv && "
    + ".build-venv/bin/pip install jsonschema rfc3986-validator pyyaml)"

  /// The OASIS SARIF 2.1.0 schema, from the shared reference beside the repository.
  static let sarifSchema = SenderAuthCLI.root + "/../shared/reference/sarif-schema-2.1.0.json"

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `script` with `arguments`, `input` on stdin; stdout, or a failure with stderr.
  static func run(_ script: String, _ arguments: [String] = [], input: String) throws -> String {
    guard FileManager.default.isExecutableFile(atPath: python) else {
      throw Failure(description: hint)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script] + arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    _ = SenderAuthCLI.ignoreBrokenPipes
    try process.run()
    // A script that fails before reading (a missing module) closes the pipe: its error is
    // what the test reports.
    try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: String(decoding: err, as: UTF8.self) + String(decoding: out, as: UTF8.self))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Validates a SARIF log against the 2.1.0 schema with format checking (`uri` must be an
  /// absolute URI, `uri-reference` a valid reference); the errors, one per line, or "".
  static func sarifErrors(_ log: String) throws -> String {
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      log = json.load(sys.stdin)
      cls = jsonschema.validators.validator_for(schema)
      validator = cls(schema, format_checker=jsonschema.FormatChecker())
      for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
          print("/".join(map(str, error.absolute_path)) + ": " + error.message[:300])
      """
    return try run(script, [sarifSchema], input: log)
  }

  /// The YAML document on stdin as JSON (PyYAML's safe loader).
  static func yamlAsJSON(_ text: String) throws -> Any {
    let script = "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(sys.stdin)))"
    return try JSONSerialization.jsonObject(with: Data(try run(script, input: text).utf8))
  }
}
