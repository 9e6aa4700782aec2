import DNSTestSupport
import Foundation
import SenderAuthCore
import Testing

@Suite struct Base64Tests {
  @Test(
    arguments: [
      ("", nil), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"),
      ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
    ] as [(String, String?)])
  func decodesRFC4648TestVectors(input: String, output: String?) {
    let result = Base64.decode(input)
    if let output {
      #expect(result == .success(Array(output.utf8)))
    } else {
      #expect(result == .failure(.empty))
    }
  }

  @Test func skipsFoldingWhitespaceBetweenCharacters() {
    #expect(Base64.decode("Zm9v\r\n YmFy") == .success(Array("foobar".utf8)))
    #expect(
      Base64.decode("Zm 9v", allowingWhitespace: false)
        == .failure(
          .invalidCharacter(offset: 2, character: 0x20)))
  }

  @Test func reportsInvalidCharacterWithOffset() {
    #expect(Base64.decode("Zm9v!mFy") == .failure(.invalidCharacter(offset: 4, character: 0x21)))
    #expect(Base64.decode("Zm9v-_==") == .failure(.invalidCharacter(offset: 4, character: 0x2d)))
  }

  @Test func rejectsMisplacedPadding() {
    #expect(Base64.decode("Z===") == .failure(.misplacedPadding(offset: 1)))
    #expect(Base64.decode("Zg==Zg==") == .failure(.misplacedPadding(offset: 4)))
    #expect(Base64.decode("Zg=a") == .failure(.misplacedPadding(offset: 3)))
    #expect(Base64.decode("=") == .failure(.misplacedPadding(offset: 0)))
  }

  @Test func rejectsIncompleteQuantum() {
    #expect(Base64.decode("Zm9vY") == .failure(.incompleteQuantum(characters: 5)))
    #expect(Base64.decode("Zg") == .failure(.incompleteQuantum(characters: 2)))
  }

  /// What Foundation encodes decodes to the octets it encoded, with its lines folded by CR LF
  /// or not, and folded further by spaces and tabs; and every text Foundation will not decode
  /// (a character outside the alphabet, a quantum left open) is refused.
  @Test func decodesWhatFoundationEncodes() {
    var random = SeededRandom(seed: 0xB64_DEC0)
    for _ in 0..<2000 {
      let octets = (0..<random.number(1...300)).map { _ in UInt8(random.below(256)) }
      let folded = random.chance(50)
      let encoded = Data(octets).base64EncodedString(
        options: folded
          ? [.lineLength64Characters, .endLineWithCarriageReturn, .endLineWithLineFeed] : [])
      var text = Array(encoded.utf8)
      if random.chance(30) {
        text.insert(random.pick([0x20, 0x09] as [UInt8]), at: random.number(1...(text.count - 1)))
      }
      #expect(Base64.decode(bytes: text) == .success(octets), "\(encoded)")
      if !folded {
        #expect(
          Base64.decode(bytes: Array(encoded.utf8), allowingWhitespace: false) == .success(octets))
      }
      // One octet changed into one outside the alphabet, or the last character dropped.
      var broken = Array(encoded.utf8)
      if random.chance(50) {
        broken[random.below(broken.count)] = random.pick(Array("!-_.*~\u{0}".utf8))
      } else {
        broken.removeLast()
      }
      #expect(Data(base64Encoded: Data(broken)) == nil)
      guard case .failure = Base64.decode(bytes: broken) else {
        Issue.record("decoded \(String(decoding: broken, as: UTF8.self))")
        continue
      }
    }
  }

  @Test func neverTrapsOnArbitraryBytes() {
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15
    for _ in 0..<2000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let count = Int(state >> 59)
      var bytes: [UInt8] = []
      for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: state >> (index % 56))) }
      _ = Base64.decode(bytes: bytes)
    }
  }
}
