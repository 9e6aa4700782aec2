/// A DKIM public key decoded from a key record's `p=` tag: its algorithm and strength.
///
/// RFC 6376 §3.6.1: for `k=rsa`, `p=` is "an ASN.1 DER-encoded [ITU-X660] RSAPublicKey
/// (see [RFC3447], Section A.1.1)" — in practice both that PKCS#1 form and the
/// SubjectPublicKeyInfo wrapping (RFC 5280 §4.1) that `openssl rsa -pubout` writes are
/// published and accepted by verifiers, so both are read here. RFC 8463 §4.2: for
/// `k=ed25519`, `p=` is the base64 of the raw 32-octet Ed25519 public key.
public struct DKIMKey: Hashable, Sendable, Codable {
  /// The key's algorithm.
  public enum Algorithm: String, Hashable, Sendable, Codable {
    case rsa
    case ed25519
  }

  /// How the key octets were wrapped.
  public enum Encoding: String, Hashable, Sendable, Codable {
    /// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), OID rsaEncryption or id-Ed25519.
    case subjectPublicKeyInfo
    /// PKCS#1 RSAPublicKey (RFC 8017 §A.1.1): SEQUENCE { modulus, publicExponent }.
    case pkcs1
    /// The raw 32 octets of an Ed25519 key (RFC 8463).
    case raw
  }

  public var algorithm: Algorithm
  public var encoding: Encoding
  /// RSA: the modulus size in bits (leading zero octets not counted); Ed25519: 256.
  public var bits: Int
  /// RSA: the public exponent when it fits 64 bits.
  public var publicExponent: UInt64?

  public init(algorithm: Algorithm, encoding: Encoding, bits: Int, publicExponent: UInt64? = nil) {
    self.algorithm = algorithm
    self.encoding = encoding
    self.bits = bits
    self.publicExponent = publicExponent
  }

  /// OID rsaEncryption (RFC 8017 §A.1).
  public static let rsaEncryptionOID = "1.2.840.113549.1.1.1"
  /// OID id-Ed25519 (RFC 8410 §3).
  public static let ed25519OID = "1.3.101.112"

  /// Why a `p=` value is not a usable key.
  public enum KeyError: Error, Hashable, Sendable, Codable {
    /// The value is not base64; the offset is in the `p=` value as written.
    case notBase64(error: Base64.DecodeError)
    /// Base64, but the octets are not DER of a public key; `offset` is in the decoded octets.
    case notAKey(error: DERReader.DERError)
    /// A SubjectPublicKeyInfo for another algorithm (the OID).
    case unsupportedAlgorithm(oid: String)
    /// The key's algorithm is not the one `k=` names.
    case algorithmMismatch(declared: Algorithm, found: Algorithm)
    /// `k=ed25519` with a value that is not 32 octets.
    case ed25519Length(octets: Int)
    /// `k=ed25519` with the key wrapped in a SubjectPublicKeyInfo instead of raw (RFC 8463).
    case ed25519Wrapped
    /// An RSA modulus that is zero or negative.
    case badModulus
  }

  /// Decodes the `p=` value `text` (whitespace allowed) as a key of type `declared`.
  public static func decode(_ text: some StringProtocol, declared: Algorithm) -> Result<
    DKIMKey, KeyError
  > {
    switch Base64.decode(text) {
    case .failure(let error): return .failure(.notBase64(error: error))
    case .success(let octets): return decode(octets: octets, declared: declared)
    }
  }

  /// Decodes key octets (base64 already removed) as a key of type `declared`.
  public static func decode(octets: [UInt8], declared: Algorithm) -> Result<DKIMKey, KeyError> {
    switch declared {
    case .ed25519:
      if octets.count == 32 {
        return .success(DKIMKey(algorithm: .ed25519, encoding: .raw, bits: 256))
      }
      if case .success(let key) = decodeDER(octets), key.algorithm == .ed25519 {
        return .failure(.ed25519Wrapped)
      }
      return .failure(.ed25519Length(octets: octets.count))
    case .rsa:
      switch decodeDER(octets) {
      case .success(let key) where key.algorithm == .ed25519:
        return .failure(.algorithmMismatch(declared: .rsa, found: .ed25519))
      case .success(let key):
        return .success(key)
      case .failure(let error):
        if octets.count == 32 {
          return .failure(.algorithmMismatch(declared: .rsa, found: .ed25519))
        }
        return .failure(error)
      }
    }
  }

  /// Reads a SubjectPublicKeyInfo (RSA or Ed25519), or else a PKCS#1 RSAPublicKey.
  static func decodeDER(_ octets: [UInt8]) -> Result<DKIMKey, KeyError> {
    var outer = DERReader(octets)
    do throws(DERError) {
      var sequence = try outer.readSequence()
      try outer.expectEnd()
      // Both forms are a SEQUENCE; SPKI starts with a SEQUENCE (the algorithm), PKCS#1 with
      // an INTEGER (the modulus).
      var peek = sequence
      let first = try peek.readElement()
      if first.tag == DERReader.Tag.integer.rawValue {
        return rsaPublicKey(&sequence, encoding: .pkcs1)
      }
      var algorithm = try sequence.readSequence()
      let oid = try algorithm.readObjectIdentifier()
      switch oid {
      case rsaEncryptionOID:
        // RFC 8017 §A.1: parameters NULL (absent is tolerated, as verifiers do).
        if !algorithm.isAtEnd { try algorithm.readNull() }
        try algorithm.expectEnd()
        let bits = try sequence.readBitString()
        try sequence.expectEnd()
        var inner = DERReader(bits)
        var rsa = try inner.readSequence()
        try inner.expectEnd()
        return rsaPublicKey(&rsa, encoding: .subjectPublicKeyInfo)
      case ed25519OID:
        // RFC 8410 §3: parameters absent; the key is the 32 octets of the BIT STRING.
        try algorithm.expectEnd()
        let bits = try sequence.readBitString()
        try sequence.expectEnd()
        guard bits.count == 32 else { return .failure(.ed25519Length(octets: bits.count)) }
        return .success(DKIMKey(algorithm: .ed25519, encoding: .subjectPublicKeyInfo, bits: 256))
      default:
        return .failure(.unsupportedAlgorithm(oid: oid))
      }
    } catch {
      return .failure(.notAKey(error: error))
    }
  }

  typealias DERError = DERReader.DERError

  /// Reads `modulus, publicExponent` from the content of an RSAPublicKey SEQUENCE.
  private static func rsaPublicKey(
    _ reader: inout DERReader, encoding: Encoding
  ) -> Result<DKIMKey, KeyError> {
    do throws(DERError) {
      let modulus = try reader.readInteger()
      let exponent = try reader.readInteger()
      try reader.expectEnd()
      guard let bits = positiveBitLength(modulus) else { return .failure(.badModulus) }
      var value: UInt64? = 0
      let magnitude = exponent.drop { $0 == 0 }
      if magnitude.count > 8 || exponent.first.map({ $0 & 0x80 != 0 }) == true {
        value = nil
      } else {
        for byte in magnitude { value = value.map { $0 << 8 | UInt64(byte) } }
      }
      return .success(
        DKIMKey(algorithm: .rsa, encoding: encoding, bits: bits, publicExponent: value))
    } catch {
      return .failure(.notAKey(error: error))
    }
  }

  /// The bit length of a positive two's-complement INTEGER; nil for zero or negative.
  public static func positiveBitLength(_ content: ArraySlice<UInt8>) -> Int? {
    guard let first = content.first, first & 0x80 == 0 else { return nil }
    let magnitude = content.drop { $0 == 0 }
    guard let top = magnitude.first else { return nil }
    return (magnitude.count - 1) * 8 + (8 - top.leadingZeroBitCount)
  }
}
