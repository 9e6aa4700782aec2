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
