/// A public key as DER, described part by part so that any part can be written wrongly.
///
/// `.spki` is a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): SEQUENCE { SEQUENCE { OID,
/// parameters }, BIT STRING { key } }, whose key is an RSAPublicKey or the raw Ed25519 octets;
/// `.pkcs1` is the PKCS#1 RSAPublicKey alone (RFC 8017 §A.1.1): SEQUENCE { modulus, exponent }.
struct DKIMKeyShape: Sendable {
  enum Form: String, Sendable {
    case spki
    case pkcs1
  }

  /// The parts whose tag or length a mutation can change.
  enum Part: String, Hashable, Sendable, CaseIterable {
    case outer, algorithm, oid, bitString, rsaKey, modulus, exponent
  }

  static let rsaEncryption = "1.2.840.113549.1.1.1"
  static let ed25519 = "1.3.101.112"
  /// The NULL parameters of rsaEncryption.
  static let null: [UInt8] = [0x05, 0x00]

  var form: Form
  /// The algorithm OID's content octets.
  var oid: [UInt8]
  /// The parameters as a whole TLV; nil when absent.
  var parameters: [UInt8]?
  var unusedBits: UInt8 = 0
  /// Ed25519: the BIT STRING's payload; nil for RSA (the RSAPublicKey is built).
  var rawKey: [UInt8]?
  /// The INTEGER contents of the RSA modulus and public exponent.
  var modulus: [UInt8] = []
  var exponent: [UInt8] = []
  /// Octets after the exponent inside the RSAPublicKey.
  var afterExponent: [UInt8] = []
  /// Octets after the key inside the BIT STRING.
  var inBitString: [UInt8] = []
  /// Octets after the whole encoding.
  var trailing: [UInt8] = []
  /// Keep only this many octets of the result.
  var keep: Int?
  var lengths: [Part: DERBuilder.Length] = [:]
  var tags: [Part: UInt8] = [:]

  /// An RSA key with this modulus and exponent (big-endian magnitudes), correctly encoded.
  static func rsa(modulus: [UInt8], exponent: [UInt8], form: Form) -> DKIMKeyShape {
    DKIMKeyShape(
      form: form, oid: DERBuilder.objectIdentifier(rsaEncryption), parameters: null,
      modulus: DERBuilder.positive(modulus), exponent: DERBuilder.positive(exponent))
  }

  /// An Ed25519 key (RFC 8410 §4: no parameters), correctly encoded.
  static func ed25519(_ key: [UInt8]) -> DKIMKeyShape {
    DKIMKeyShape(
      form: .spki, oid: DERBuilder.objectIdentifier(ed25519), parameters: nil, rawKey: key)
  }

  private func element(_ part: Part, _ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
    DERBuilder.element(tags[part] ?? tag, content, lengths[part] ?? .minimal)
  }

  /// The RSAPublicKey SEQUENCE.
  var rsaPublicKey: [UInt8] {
    element(
      .rsaKey, 0x30,
      element(.modulus, 0x02, modulus) + element(.exponent, 0x02, exponent) + afterExponent)
  }

  /// The octets as described.
  var octets: [UInt8] {
    var out: [UInt8]
    switch form {
    case .pkcs1:
      out = rsaPublicKey
    case .spki:
      let algorithm = element(.algorithm, 0x30, element(.oid, 0x06, oid) + (parameters ?? []))
      let key = (rawKey ?? rsaPublicKey) + inBitString
      out = element(.outer, 0x30, algorithm + element(.bitString, 0x03, [unusedBits] + key))
    }
    out += trailing
    if let keep { out = Array(out.prefix(keep)) }
    return out
  }
}

/// One way of breaking (or not) a key's encoding; the random parts are fixed when it is made.
enum DKIMKeyMutation: Hashable, Sendable, CustomStringConvertible {
  case none
  /// Only the first `keep` octets.
  case truncated(keep: Int)
  /// Octets after the whole encoding.
  case trailing([UInt8])
  /// Octets after the key inside the BIT STRING.
  case trailingInBitString([UInt8])
  /// A third INTEGER in the RSAPublicKey.
  case extraInteger
  /// Another algorithm OID, with the NULL parameters or none.
  case algorithm(oid: String, null: Bool)
  /// rsaEncryption without parameters (RFC 8017 wants NULL; verifiers tolerate it).
  case parametersAbsent
  /// Parameters that are not NULL (an INTEGER 0).
  case parametersNotNull
  /// NULL parameters on Ed25519 (RFC 8410 §3: absent).
  case parametersNull
  case negativeModulus
  case zeroModulus
  case emptyModulus
  /// A redundant zero octet in front of the modulus.
  case modulusLeadingZero
  /// The exponent's INTEGER content replaced.
  case exponent([UInt8])
  /// One part's length in another form.
  case length(DKIMKeyShape.Part, DERBuilder.Length)
  /// One part's tag replaced.
  case tag(DKIMKeyShape.Part, UInt8)
  case unusedBits(UInt8)
  /// The Ed25519 key octets cut or extended to this many.
  case keyLength(Int)

  var description: String {
    switch self {
    case .none: "none"
    case .truncated(let keep): "truncated to \(keep) octets"
    case .trailing(let octets): "\(octets.count) octets after the key"
    case .trailingInBitString(let octets): "\(octets.count) octets after the key in the BIT STRING"
    case .extraInteger: "a third INTEGER in the RSAPublicKey"
    case .algorithm(let oid, let null): "algorithm \(oid)\(null ? " with NULL" : "")"
    case .parametersAbsent: "no parameters"
    case .parametersNotNull: "parameters INTEGER 0"
    case .parametersNull: "NULL parameters"
    case .negativeModulus: "negative modulus"
    case .zeroModulus: "zero modulus"
    case .emptyModulus: "empty modulus"
    case .modulusLeadingZero: "modulus with a redundant leading zero"
    case .exponent(let content): "exponent content \(content.map { String($0, radix: 16) })"
    case .length(let part, let style): "\(part.rawValue) length \(style.rawValue)"
    case .tag(let part, let tag): "\(part.rawValue) tag 0x\(String(tag, radix: 16))"
    case .unusedBits(let count): "\(count) unused bits"
    case .keyLength(let count): "key of \(count) octets"
    }
  }

  /// `shape` with this mutation applied.
  func apply(to shape: DKIMKeyShape) -> DKIMKeyShape {
    var out = shape
    switch self {
    case .none: break
    case .truncated(let keep): out.keep = keep
    case .trailing(let octets): out.trailing = octets
    case .trailingInBitString(let octets): out.inBitString = octets
    case .extraInteger: out.afterExponent = [0x02, 0x01, 0x00]
    case .algorithm(let oid, let null):
      out.oid = DERBuilder.objectIdentifier(oid)
      out.parameters = null ? DKIMKeyShape.null : nil
    case .parametersAbsent: out.parameters = nil
    case .parametersNotNull: out.parameters = [0x02, 0x01, 0x00]
    case .parametersNull: out.parameters = DKIMKeyShape.null
    case .negativeModulus: out.modulus = DERBuilder.negative(shape.modulus)
    case .zeroModulus: out.modulus = [0]
    case .emptyModulus: out.modulus = []
    case .modulusLeadingZero: out.modulus = [0] + shape.modulus
    case .exponent(let content): out.exponent = content
    case .length(let part, let style): out.lengths[part] = style
    case .tag(let part, let tag): out.tags[part] = tag
    case .unusedBits(let count): out.unusedBits = count
    case .keyLength(let count):
      let key = shape.rawKey ?? []
      out.rawKey =
        Array(key.prefix(count)) + Array(repeating: 0x5a, count: max(0, count - key.count))
    }
    return out
  }
}

extension DKIMKeyMutation {
  /// True for the mutations that change an RSA INTEGER's contents.
  var touchesIntegers: Bool {
    switch self {
    case .negativeModulus, .zeroModulus, .emptyModulus, .modulusLeadingZero, .exponent: true
    default: false
    }
  }

  /// True when the RFC text leaves no key in the result, whatever a reader tolerates: it is
  /// not DER (X.690 §8.1, §8.3, §8.6, §10.1), not the structure RFC 5280 §4.1.2.7, RFC 8017
  /// §A.1 and RFC 8410 §3 define, has a modulus that is not positive (RFC 8017 §3.1), is of
  /// another algorithm, or is an Ed25519 key of other than 32 octets (RFC 8032 §5.1.5).
  var leavesNoKey: Bool {
    switch self {
    case .none, .parametersAbsent: false
    // DER INTEGERs all: a zero, negative, even or huge exponent is no encoding error.
    case .exponent(let content): content.isEmpty || (content.first == 0 && content.count > 1)
    case .keyLength(let count): count != 32
    default: true
    }
  }
}
