import Foundation
import Testing

@testable import DNSLookup

/// `$INCLUDE file [origin]` as Knot reads it (a path relative to the including file, its own
/// origin, the current `$TTL`, nothing flowing back), kept safe: only files inside the top
/// zone file's directory, no loops, no devices.
@Suite struct ZoneFileIncludeTests {
  /// A temporary directory with `files` (relative path → text), removed by `body`'s end.
  static func withFiles<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
    let root = NSTemporaryDirectory() + "zone-include-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    for (path, text) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: false, encoding: .utf8)
    }
    return try body(root)
  }

  static let head = "$ORIGIN example.com.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 60\n"

  @Test func includedFilesAddRecordsWithTheirOwnState() throws {
    let zone = try Self.withFiles([
      "example.com.zone": Self.head
        + "before TXT \"x\"\n$INCLUDE parts/keys.inc\n TXT \"blank owner: before\"\n"
        + "$INCLUDE parts/keys.inc sub.example.com.\nafter TXT \"300\"\n",
      "parts/keys.inc": "k TXT \"key\"\n$TTL 60\n$ORIGIN moved.example.com.\nm TXT \"m\"\n"
        + "$INCLUDE nested.inc\n",
      "parts/nested.inc": "n TXT \"nested, relative to keys.inc\"\n",
    ]) { root in try ZoneFile.load(path: root + "/example.com.zone") }
    let byName = Dictionary(grouping: zone.records, by: { $0.name.text })
    #expect(byName["k.example.com"]?.first?.ttl == 300)
    #expect(byName["m.moved.example.com"]?.first?.ttl == 60)
    #expect(byName["n.moved.example.com"] != nil)
    #expect(byName["k.sub.example.com"] != nil)
    #expect(byName["before.example.com"]?.count == 2)
    #expect(byName["after.example.com"]?.first?.ttl == 300)
    let origin = try #require(byName["k.example.com"]?.first?.origin)
    #expect(origin.file.hasSuffix("/parts/keys.inc") && origin.line == 1)
  }

  @Test func anErrorInAnIncludedFileNamesThatFile() throws {
    let error = try Self.withFiles([
      "z.zone": Self.head + "$INCLUDE bad.inc\n", "bad.inc": "\n x TXT \"unterminated\n",
    ]) { root in
      #expect(throws: ZoneFileError.self) { try ZoneFile.load(path: root + "/z.zone") }
      do {
        _ = try ZoneFile.load(path: root + "/z.zone")
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(error.contains("/bad.inc:2:"), "\(error)")
  }

  @Test(arguments: [
    ("$INCLUDE ../outside.inc", "lies outside the zone file's directory"),
    ("$INCLUDE /etc/hostname", "lies outside the zone file's directory"),
    ("$INCLUDE loop.inc", "includes itself"),
    ("$INCLUDE missing.inc", "cannot read the included file 'missing.inc'"),
    ("$INCLUDE dir", "is not a regular file"),
    ("$INCLUDE loop.inc relative", "$INCLUDE needs an absolute name"),
  ])
  func unsafeOrBrokenIncludesAreRefused(line: String, says: String) throws {
    let message = try Self.withFiles([
      "zones/z.zone": Self.head + line + "\n", "outside.inc": "x TXT \"x\"\n",
      "zones/loop.inc": "$INCLUDE loop.inc\n", "zones/dir/file": "",
    ]) { root in
      do {
        _ = try ZoneFile.load(path: root + "/zones/z.zone")
        return "loaded"
      } catch {
        return "\(error)"
      }
    }
    #expect(message.contains(says), "\(message)")
    #expect(message.contains("z.zone:4:") || message.contains("loop.inc:1:"), "\(message)")
  }
}
