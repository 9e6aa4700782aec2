/// A DKIM key record as published at `<selector>._domainkey.<domain>`, parsed tolerantly.
///
/// RFC 6376 §3.6.1 (the tags of a key record, a tag-list per §3.2):
///
///     key-v-tag    = %x76 [FWS] "=" [FWS] %x44.4B.49.4D.31          ; v=DKIM1, first if present
///     key-h-tag    = %x68 [FWS] "=" [FWS] key-h-tag-alg
///                    *( [FWS] ":" [FWS] key-h-tag-alg )             ; h= acceptable hashes
///     key-k-tag    = %x6b [FWS] "=" [FWS] key-k-tag-type            ; k= "rsa" (default) / x-…
///     key-n-tag    = %x6e [FWS] "=" [FWS] qp-section                ; n= notes
///     key-p-tag    = %x70 [FWS] "=" [ [FWS] base64string ]          ; p= key, empty = revoked
///     key-s-tag    = %x73 [FWS] "=" [FWS] key-s-tag-type
///                    *( [FWS] ":" [FWS] key-s-tag-type )            ; s= "email" / "*" (default)
///     key-t-tag    = %x74 [FWS] "=" [FWS] key-t-tag-flag
///                    *( [FWS] ":" [FWS] key-t-tag-flag )            ; t= "y" (testing) / "s"
///
/// RFC 6376 §3.2: `tag-list = tag-spec *( ";" tag-spec ) [ ";" ]`, `tag-spec = [FWS] tag-name
/// [FWS] "=" [FWS] tag-value [FWS]`, `tag-name = ALPHA *ALNUMPUNC`; tags with duplicate names
/// make the whole tag-list invalid; unknown tags are ignored. RFC 8463 adds `k=ed25519`.
public struct DKIMKeyRecord: Hashable, Sendable, Codable {
  /// One `name=value` of the tag-list with the positions (in Characters) where it was written.
  public struct Tag: Hashable, Sendable, Codable {
    public var name: String
    /// The value with surrounding whitespace removed (inner folding whitespace kept).
    public var value: String
    /// Offset of the tag name in the record text.
    public var offset: Int
    /// Offset and length of the value in the record text.
    public var valueOffset: Int
    public var valueLength: Int
    /// Length of the whole `name=value` term, from the name to the end of the value.
    public var length: Int { valueOffset + valueLength - offset }
  }

  /// The key type `k=` names; unrecognised types are kept (verifiers ignore such keys).
  public enum KeyType: Hashable, Sendable, Codable {
    case rsa
    case ed25519
    case unknown(String)

    /// `rsa`, `ed25519`, or the unrecognised text.
    public var text: String {
      switch self {
      case .rsa: "rsa"
      case .ed25519: "ed25519"
      case .unknown(let text): text
      }
    }

    /// The key algorithm, when the type is known.
    public var algorithm: DKIMKey.Algorithm? {
      switch self {
      case .rsa: .rsa
      case .ed25519: .ed25519
      case .unknown: nil
      }
    }
  }

  /// Something wrong or noteworthy in the record text, with its place.
  public struct Issue: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
      /// `v=` is present but not the first tag (§3.6.1: "MUST be the first tag").
      case versionNotFirst
      /// `v=` is not `DKIM1` (§3.6.1: such records "MUST be discarded").
      case badVersion
      /// A tag name occurs twice (§3.2: the entire tag-list is invalid).
      case duplicateTag
      /// No `p=` tag (§3.6.1: REQUIRED).
      case missingPublicKey
      /// A term without `=`.
      case malformedTag
      /// A tag name that is not `ALPHA *ALNUMPUNC`.
      case badTagName
      /// `;;` or a leading `;`: an empty term (most verifiers tolerate it).
      case emptyTag
      /// A character outside VALCHAR in a value.
      case badValueCharacter
      /// `k=` names a type that is not `rsa` or `ed25519` (verifiers ignore the key).
      case unknownKeyType
      /// An `h=` algorithm other than `sha1` or `sha256` (ignored).
      case unknownHashAlgorithm
      /// A `t=` flag other than `y` or `s` (ignored).
      case unknownFlag
      /// An `s=` service type other than `*` or `email` (ignored).
      case unknownServiceType

      /// True when the issue makes verifiers reject or ignore the whole key record.
      public var isFatal: Bool {
        switch self {
        case .versionNotFirst, .badVersion, .duplicateTag, .missingPublicKey, .malformedTag,
          .badTagName, .unknownKeyType:
          true
        case .emptyTag, .badValueCharacter, .unknownHashAlgorithm, .unknownFlag,
          .unknownServiceType:
          false
        }
      }
    }

    public var kind: Kind
    /// Offset and length, in Characters of the record text, of the offending term.
    public var offset: Int
    public var length: Int
    /// The offending text.
    public var term: String

    public init(kind: Kind, offset: Int, length: Int, term: String) {
      self.kind = kind
      self.offset = offset
      self.length = length
      self.term = term
    }
  }

  /// The record text (the TXT character-strings joined with nothing between them).
  public var text: String
  public var tags: [Tag]
  public var issues: [Issue]

  public init(text: String, tags: [Tag], issues: [Issue]) {
    self.text = text
    self.tags = tags
    self.issues = issues
  }

  /// The first tag named `name` (tag names are case-sensitive).
  public func tag(_ name: String) -> Tag? { tags.first { $0.name == name } }

  /// `v=`, when present.
  public var version: String? { tag("v")?.value }

  /// `k=`; `rsa` when absent (the default).
  public var keyType: KeyType {
    guard let value = tag("k")?.value else { return .rsa }
    switch value.lowercased() {
    case "rsa": return .rsa
    case "ed25519": return .ed25519
    default: return .unknown(value)
    }
  }

  /// `h=` as lower-cased algorithm names; nil when absent (all algorithms allowed).
  public var hashAlgorithms: [String]? { tag("h").map { Self.list($0.value) } }

  /// `s=` service types; `["*"]` when absent.
  public var serviceTypes: [String] { tag("s").map { Self.list($0.value) } ?? ["*"] }

  /// `t=` flags; empty when absent.
  public var flags: [String] { tag("t").map { Self.list($0.value) } ?? [] }

  /// `n=`, when present.
  public var notes: String? { tag("n")?.value }

  /// The `p=` value with folding whitespace removed; nil when there is no `p=` tag.
  public var publicKey: String? {
    tag("p").map { String($0.value.filter { !$0.isWhitespace }) }
  }

  /// True for `p=` with an empty value: "this public key has been revoked" (§3.6.1). (The
  /// value is trimmed, so it is empty exactly when it holds no key text.)
  public var isRevoked: Bool { tag("p")?.value.isEmpty == true }

  /// True for `t=y`: the domain is testing DKIM; verifiers treat its mail as unsigned.
  public var isTesting: Bool { flags.contains("y") }

  /// True for `t=s`: the `i=` domain of signatures must equal `d=`, no subdomains.
  public var isStrict: Bool { flags.contains("s") }

  /// True when `h=` allows SHA-256, the only hash RFC 8301 §3.1 leaves usable.
  public var allowsSHA256: Bool { hashAlgorithms.map { $0.contains("sha256") } ?? true }

  /// True when `h=` names SHA-1 and nothing usable: no signature can verify (RFC 8301 §3.1).
  public var isSHA1Only: Bool {
    guard let algorithms = hashAlgorithms else { return false }
    return algorithms.contains("sha1") && !algorithms.contains("sha256")
  }

  /// True when `h=` names neither SHA-256 nor SHA-1 (`h=sha512`, a misspelling): verifiers
  /// know no other hash, so no signature can verify with this key (RFC 6376 §3.6.1).
  public var listsNoKnownHash: Bool { !allowsSHA256 && !isSHA1Only }

  /// True when `s=` allows email (`*` or `email`).
  public var allowsEmail: Bool { serviceTypes.contains { $0 == "*" || $0 == "email" } }

  /// True when an issue makes verifiers discard the record.
  public var isDiscarded: Bool { issues.contains { $0.kind.isFatal } }

  /// A colon-separated list (`h=`, `s=`, `t=`), items trimmed and lower-cased, empties dropped.
  static func list(_ value: String) -> [String] {
    value.split(separator: ":").map {
      String($0.filter { !$0.isWhitespace }).lowercased()
    }.filter { !$0.isEmpty }
  }
}
