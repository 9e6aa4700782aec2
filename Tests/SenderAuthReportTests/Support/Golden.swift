import Foundation
import Testing

/// Golden files: output compared byte for byte with a committed file, re-recorded with
/// `RECORD_SNAPSHOTS=1` (and then reviewed in the diff).
enum Golden {
  /// `Tests/SenderAuthReportTests`.
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The repository's root.
  static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  /// Compares `output` with `Golden/<name>`.
  static func check(
    _ output: String, name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try check(
      output, at: testsDirectory.appendingPathComponent("Golden/\(name)"),
      sourceLocation: sourceLocation)
  }

  /// Compares `output` with the file at `url`, or writes it when recording.
  static func check(
    _ output: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    if recording {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(output.utf8).write(to: url)
      return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to record it",
        sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != output else { return }
    let got = output.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index =
      (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
    let gotLine = index < got.count ? String(got[index]) : "<end>"
    let wantLine = index < want.count ? String(want[index]) : "<end>"
    Issue.record(
      """
      \(url.lastPathComponent) differs at line \(index + 1) (RECORD_SNAPSHOTS=1 re-records):
        expected: \(wantLine)
        got:      \(gotLine)
      """, sourceLocation: sourceLocation)
  }
}
