import DNSLookup
import DNSTestSupport
import Foundation
import Testing

/// `LibresolvResolver` prints the same records as `kdig` (knot-dnsutils) for every owner name
/// and type of the zones in `Fixtures/dns/`: an independent check of our wire parsing and
/// presentation format.
@Suite struct KdigComparisonTests {
  static let kdig = "/usr/bin/kdig"

  /// `kdig +noall +answer` lines as (owner, ttl, type, data), whitespace normalised.
  static func kdigRecords(port: UInt16, name: String, type: String) throws -> Set<String> {
    let output = try ChildProcess.output(
      of: kdig,
      arguments: [
        "@127.0.0.1", "-p", "\(port)", "+noall", "+answer", "+norecurse", "+timeout=2", name, type,
      ])
    var lines: Set<String> = []
    for line in output.split(separator: "\n") {
      let fields = line.split(maxSplits: 4, whereSeparator: { $0 == " " || $0 == "\t" })
      guard fields.count == 5 else { continue }
      let data = fields[4].trimmingCharacters(in: .whitespaces)
      lines.insert("\(fields[0]) \(fields[1]) \(fields[3]) \(data)".uppercased())
    }
    return lines
  }

  static let zoneFiles = KnotServer.zoneFilePaths(in: FixturePaths.dns, recursive: false)
    .map { ($0 as NSString).lastPathComponent }.filter { !$0.contains("broken") }

  @Test(arguments: zoneFiles)
  func recordsMatchKdig(file: String) async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.kdig) else {
      Issue.record("kdig not found; \(KnotServer.installHint)")
      return
    }
    let path = FixturePaths.dns + "/" + file
    let zone = try ZoneFile.load(path: path)
    let knot = try await KnotServer.start(zoneFiles: [path])
    defer { knot.stop() }
    // kdig shows what the server said: compare with a resolver that does not follow CNAMEs.
    var configuration = knot.configuration()
    configuration.followsCNAMEs = false
    let resolver = LibresolvResolver(configuration: configuration)
    var questions: [(DomainName, RRType)] = []
    var seen: Set<String> = []
    for record in zone.records where seen.insert("\(record.name) \(record.type)").inserted {
      questions.append((record.name, record.type))
    }
    for record in zone.records where record.type == .cname {
      questions.append((record.name, .a))
    }
    #expect(!questions.isEmpty)
    for (name, type) in questions {
      let (port, absolute, mnemonic) = (knot.port, name.absolute, type.mnemonic)
      let expected = try await OffPool.run {
        try Self.kdigRecords(port: port, name: absolute, type: mnemonic)
      }
      let answer = try await resolver.query(name, type)
      let ours = Set(
        answer.records.map {
          "\($0.name.absolute) \($0.ttl) \($0.type.mnemonic) \($0.data.presentation)".uppercased()
        })
      // Types RData does not model (SRV …) are kept as RFC 3597 `\# len hex`, which kdig
      // prints in their own syntax: compare those without the data.
      func withoutOpaqueData(_ lines: Set<String>) -> Set<String> {
        Set(
          lines.map { line in
            let fields = line.split(separator: " ", maxSplits: 3)
            guard fields.count == 4, !RRType.typed.contains(String(fields[2])),
              !fields[2].hasPrefix("TYPE")
            else { return line }
            return fields.prefix(3).joined(separator: " ")
          })
      }
      #expect(
        withoutOpaqueData(ours) == withoutOpaqueData(expected),
        "\(name.absolute) \(type.mnemonic)")
    }
  }
}

extension RRType {
  /// The mnemonics `RData` has a typed case for (others are compared without their data).
  fileprivate static let typed: Set<String> = [
    "A", "AAAA", "NS", "CNAME", "PTR", "MX", "TXT", "SPF", "SOA", "CAA",
  ]
}
