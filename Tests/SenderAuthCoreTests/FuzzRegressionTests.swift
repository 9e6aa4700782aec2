import Foundation
import Testing

@testable import DNSLookup
@testable import SenderAuthCore

/// Replays every input the fuzzers once crashed on (`Fixtures/fuzz/regressions/TARGET/`) and
/// the hand-made seeds (`Fixtures/fuzz/seeds/TARGET/`) through the same calls as the fuzz entry
/// points in `Tests/Fuzz/`: each must return, not trap. See docs/fuzzing.md.
@Suite struct FuzzRegressionTests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures/fuzz").path
  }()

  /// (target, file) for every stored input.
  static let inputs: [String] = {
    var out: [String] = []
    for kind in ["regressions", "seeds"] {
      for target in ["spf", "dmarc", "dkim", "message", "zone", "wire"] {
        let directory = "\(root)/\(kind)/\(target)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        out += names.sorted().map { "\(kind)/\(target)/\($0)" }
      }
    }
    return out
  }()

  @Test func everyTargetHasStoredInputs() {
    // The wire seeds are hand-made replies; the others are the crash inputs found so far.
    #expect(Self.inputs.contains { $0.hasPrefix("seeds/wire/") })
  }

  @Test(arguments: inputs)
  func replays(path: String) throws {
    let data = try #require(FileManager.default.contents(atPath: "\(Self.root)/\(path)"))
    let bytes = [UInt8](data)
    switch path.split(separator: "/")[1] {
    case "spf": Self.spf(bytes)
    case "dmarc": Self.dmarc(bytes)
    case "dkim": Self.dkim(bytes)
    case "message": Self.message(bytes)
    case "zone": Self.zone(bytes)
    case "wire": Self.wire(bytes)
    default: Issue.record("unknown target in \(path)")
    }
  }

  static let context = SPFMacroContext(
    sender: "strong-bad@email.example.com", localPart: "strong-bad",
    senderDomain: "email.example.com", domain: "email.example.com",
    ip: IPAddress("2001:db8::cb01") ?? .v4([192, 0, 2, 3]), helo: "mx.example.org",
    receiver: "receiver.example", timestamp: 1_700_000_000, validatedName: "mx.example.org")

  static func spf(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = SPFParser.isSPF(text)
    for term in SPFParser.parse(text).record.terms {
      if let spec = term.domainSpec {
        _ = spec.expand(context)
        _ = spec.expandDomain(context)
      }
    }
    for use in [SPFMacroString.Use.domainSpec, .explanation, .unknownModifier] {
      if case .success(let macro) = SPFMacroString.parse(text, use: use) {
        _ = macro.expand(context)
        _ = macro.expandDomain(context)
      }
    }
  }

  static func dmarc(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = DMARCParser.parse(text, owner: try? DomainName("_dmarc.example.com"))
    _ = DMARCParser.looksLikeDMARC(text)
    _ = DMARCParser.parse("v=DMARC1; " + text)
  }

  static func dkim(_ bytes: [UInt8]) {
    let owner = (try? DomainName("s1._domainkey.example.com")) ?? .root
    _ = DKIMKeyRecordResult(owner: owner, ttl: 300, strings: [bytes], file: nil, line: nil)
    _ = Base64.decode(bytes: bytes)
    for algorithm in [DKIMKey.Algorithm.rsa, .ed25519] {
      _ = DKIMKey.decode(octets: bytes, declared: algorithm)
    }
  }

  static func message(_ bytes: [UInt8]) {
    if let headers = try? MessageHeaders.parse(bytes) {
      _ = headers.signatures.map { ($0.domain?.text, $0.selector, $0.problem?.en) }
      _ = headers.receiver?.results.map(\.properties)
    }
    _ = try? MessageHeaders.parse(Array("From: a@b.example\n".utf8) + bytes)
  }

  static func zone(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    if let zone = try? ZoneFile.parse(text, origin: try? DomainName("example.test")) {
      for record in zone.records { _ = record.presentation }
    }
  }

  static func wire(_ bytes: [UInt8]) {
    guard bytes.count <= 65535 else { return }
    let (name, type) = questionName(bytes)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      if let answer = try? WireFormat.parse(
        base, length: buffer.count, name: name, type: type, server: "127.0.0.1:53")
      {
        for record in answer.records { _ = record.presentation }
        _ = answer.txtJoined
      }
    }
  }

  /// The question of `bytes` when it is a plain name (as the wire fuzz entry point reads it).
  static func questionName(_ bytes: [UInt8]) -> (DomainName, RRType) {
    let fixed = (try? DomainName("example.test")) ?? .root
    var labels: [String] = []
    var offset = 12
    while offset < bytes.count {
      let length = Int(bytes[offset])
      if length == 0 {
        guard offset + 2 < bytes.count else { break }
        let type = RRType(rawValue: UInt16(bytes[offset + 1]) << 8 | UInt16(bytes[offset + 2]))
        let name = labels.isEmpty ? .root : (try? DomainName(labels.joined(separator: ".")))
        return (name ?? fixed, type)
      }
      guard length < 64, offset + 1 + length <= bytes.count else { break }
      labels.append(String(decoding: bytes[(offset + 1)..<(offset + 1 + length)], as: UTF8.self))
      offset += 1 + length
    }
    return (fixed, .txt)
  }
}
