import DNSLookup
import DNSTestSupport
import Foundation
import Testing

@testable import SenderAuthCore

/// SHA-256 against FIPS 180-4 vectors and openssl, DNSKEY key tags and DS digests against
/// Knot's keymgr.
@Suite struct DigestAndKeyTests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func matchesTheStandardVectors(message: String, digest: String) {
    #expect(SHA256.hex(Array(message.utf8)) == digest)
  }

  /// Messages of every length around the block boundaries, from a fixed seed, compared with
  /// `openssl dgst -sha256`.
  @Test func agreesWithOpenSSL() throws {
    var generator = SeededRandom(seed: 17)
    for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097] {
      let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let expected = try Self.openssl(message)
      #expect(SHA256.hex(message) == expected, "length \(length)")
    }
  }

  static func openssl(_ message: [UInt8]) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sha256-\(UUID().uuidString)")
    try Data(message).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["dgst", "-sha256", "-r", file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
  }

  /// keymgr: `example.com. DNSKEY 257 3 13 KjsHHLy/…` has key tag 36090 and the DS
  /// `36090 13 2 b3bce939…386f`.
  @Test func computesKeyTagAndDSLikeKeymgr() throws {
    let hex =
      "0101030d2a3b071cbcbfd85fafd0f23ff54695ba6223c4d782041b3bb4ad274cd0e479f3012c8f48fa"
      + "3230ba37bb8ffdf59b214b3809283d39e5a975e5bc52ea006993a3"
    let bytes = stride(from: 0, to: hex.count, by: 2).compactMap { offset -> UInt8? in
      let start = hex.index(hex.startIndex, offsetBy: offset)
      return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
    }
    let key = try #require(DNSKEYRecord(rdata: bytes))
    #expect(key.isSecureEntryPoint && key.isZoneKey)
    #expect(key.keyTag == 36090)
    let ds = key.ds(owner: try DomainName("Example.COM"))
    #expect(
      ds.presentation
        == "36090 13 2 B3BCE9397FF54EB260DAF17F0FA65CB53FAEABB99CFB1A95A73252909D7E386F")
  }
}
