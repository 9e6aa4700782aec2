import SenderAuthCore
import Testing

@Suite struct DKIMKeyTests {
  static let sizes = [512, 768, 1024, 2048, 4096]

  @Test(arguments: sizes)
  func rsaSizeFromSubjectPublicKeyInfo(bits: Int) throws {
    let key = try DKIMKey.decode(try DKIMFixtures.key("rsa\(bits).spki"), declared: .rsa).get()
    #expect(
      key
        == DKIMKey(
          algorithm: .rsa, encoding: .subjectPublicKeyInfo, bits: bits,
          publicExponent: 65537))
  }

  @Test(arguments: sizes)
  func rsaSizeFromPKCS1RSAPublicKey(bits: Int) throws {
    let key = try DKIMKey.decode(try DKIMFixtures.key("rsa\(bits).pkcs1"), declared: .rsa).get()
    #expect(key == DKIMKey(algorithm: .rsa, encoding: .pkcs1, bits: bits, publicExponent: 65537))
  }

  @Test func modulusBitsIgnoreTheLeadingZeroOctet() {
    // A 9-bit modulus 0x01ff and one whose top octet has its high bit set (0x00 0x80 …).
    #expect(DKIMKey.positiveBitLength([0x01, 0xff]) == 9)
    #expect(DKIMKey.positiveBitLength([0x00, 0x80, 0x00]) == 16)
    #expect(DKIMKey.positiveBitLength([0x80]) == nil)
    #expect(DKIMKey.positiveBitLength([0x00]) == nil)
  }

  @Test func ed25519RawKeyIsExactly32Octets() throws {
    let key = try DKIMKey.decode(try DKIMFixtures.key("ed25519.raw"), declared: .ed25519).get()
    #expect(key == DKIMKey(algorithm: .ed25519, encoding: .raw, bits: 256))
    let short = Base64Encoding.encode([UInt8](repeating: 7, count: 31))
    #expect(DKIMKey.decode(short, declared: .ed25519) == .failure(.ed25519Length(octets: 31)))
    let long = Base64Encoding.encode([UInt8](repeating: 7, count: 33))
    #expect(DKIMKey.decode(long, declared: .ed25519) == .failure(.ed25519Length(octets: 33)))
  }

  @Test func ed25519InSubjectPublicKeyInfoFormIsNamed() throws {
    let spki = try DKIMFixtures.key("ed25519.spki")
    #expect(DKIMKey.decode(spki, declared: .ed25519) == .failure(.ed25519Wrapped))
    #expect(
      DKIMKey.decode(spki, declared: .rsa)
        == .failure(.algorithmMismatch(declared: .rsa, found: .ed25519)))
  }

  @Test func rsaKeyDeclaredEd25519IsWrongLength() throws {
    let rsa = try DKIMFixtures.key("rsa2048.spki")
    #expect(DKIMKey.decode(rsa, declared: .ed25519) == .failure(.ed25519Length(octets: 294)))
  }

  @Test func whitespaceInsideTheKeyIsFoldingWhitespace() throws {
    let key = try DKIMFixtures.key("rsa2048.spki")
    let folded =
      key.prefix(100) + " \t" + key.dropFirst(100).prefix(100) + "\r\n " + key.dropFirst(200)
    #expect(try DKIMKey.decode(folded, declared: .rsa).get().bits == 2048)
  }

  @Test func nonBase64IsClassifiedWithItsOffset() {
    #expect(
      DKIMKey.decode("MIIB!IjANBg==", declared: .rsa)
        == .failure(.notBase64(error: .invalidCharacter(offset: 4, character: 0x21))))
  }

  @Test func base64ThatIsNotAKeyIsClassified() {
    guard case .failure(.notAKey) = DKIMKey.decode("SGVsbG8sIHdvcmxkIQ==", declared: .rsa) else {
      Issue.record("'Hello, world!' decoded as a key")
      return
    }
  }

  @Test(arguments: [1, 10, 100, 200, 293])
  func truncatedDERIsNotAKey(octets: Int) throws {
    let full = try Base64.decode(try DKIMFixtures.key("rsa2048.spki")).get()
    let result = DKIMKey.decode(octets: Array(full.prefix(octets)), declared: .rsa)
    guard case .failure(.notAKey(let error)) = result else {
      Issue.record("truncated key at \(octets) octets: \(result)")
      return
    }
    guard case .truncated = error else {
      Issue.record("truncated key at \(octets) octets: \(error)")
      return
    }
  }

  @Test func otherAlgorithmsAreNamedByOID() throws {
    // SPKI for id-ecPublicKey (1.2.840.10045.2.1) with a dummy BIT STRING.
    let bytes: [UInt8] = [
      0x30, 0x13, 0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x03, 0x06,
      0x00, 0x04, 0x01, 0x02, 0x03, 0x04,
    ]
    #expect(
      DKIMKey.decode(octets: bytes, declared: .rsa)
        == .failure(.unsupportedAlgorithm(oid: "1.2.840.10045.2.1")))
  }
}

/// A tiny base64 encoder for building test inputs.
enum Base64Encoding {
  static func encode(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    var index = 0
    while index < bytes.count {
      let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
      let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
      for position in 0..<4 {
        out.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
      }
      index += 3
    }
    return out
  }
}
