import DNSLookup

/// One CNAME hop on the way from `<selector>._domainkey.<domain>` to the key record.
public struct DKIMCNAMEHop: Hashable, Sendable, Codable {
  public var name: DomainName
  public var target: DomainName
  public var ttl: UInt32
  /// The zone file and line of the CNAME record, when it came from one.
  public var file: String?
  public var line: Int?

  public init(name: DomainName, target: DomainName, ttl: UInt32, file: String?, line: Int?) {
    self.name = name
    self.target = target
    self.ttl = ttl
    self.file = file
    self.line = line
  }

  /// Where a finding about this hop points.
  public var location: Location {
    Location(
      name: name.text, type: "CNAME", record: target.absolute, file: file, line: line)
  }
}

/// One TXT record found at a selector (at the end of its CNAME chain), parsed and decoded.
public struct DKIMKeyRecordResult: Hashable, Sendable, Codable {
  /// What the record amounts to.
  public enum Status: String, Hashable, Sendable, Codable {
    /// A key that decoded (its strength and flags are judged by the rules).
    case valid
    /// `p=` is empty: the key was revoked.
    case revoked
    /// `p=` is not base64, or not a key of the `k=` type.
    case invalidKey
    /// The tag-list breaks a MUST of RFC 6376 (no `p=`, `v=` not first, duplicate tags,
    /// unknown `k=` …): verifiers discard the record.
    case discarded
    /// The TXT record has no `p=`, `v=` or `k=` tag: not a DKIM key record at all (a
    /// wildcard SPF record, a verification token …).
    case notKeyRecord
  }

  // One reference: a key record result is copied with its selector's result into every rule's
  // (selector, record) pairs, about sixty copies a domain of a dozen fields (`CopyOnWrite`).
  private struct Fields: Hashable, Sendable, Codable {
    var owner: DomainName
    var ttl: UInt32
    var text: String
    var stringCount: Int
    var presentation: String
    var file: String?
    var line: Int?
    var record: DKIMKeyRecord
    var key: DKIMKey?
    var keyError: DKIMKey.KeyError?
    var status: Status
  }

  private var fields: CopyOnWrite<Fields>

  /// The owner of the TXT record (the CNAME target when there was a chain).
  public var owner: DomainName {
    get { fields.value.owner }
    _modify { yield &fields.value.owner }
  }
  public var ttl: UInt32 {
    get { fields.value.ttl }
    _modify { yield &fields.value.ttl }
  }
  /// The character-strings joined with nothing between them (RFC 6376 §3.6.2.2).
  public var text: String {
    get { fields.value.text }
    _modify { yield &fields.value.text }
  }
  /// How many character-strings the record was split into.
  public var stringCount: Int {
    get { fields.value.stringCount }
    _modify { yield &fields.value.stringCount }
  }
  /// The record data as zone files and dig write it (quoted character-strings).
  public var presentation: String {
    get { fields.value.presentation }
    _modify { yield &fields.value.presentation }
  }
  public var file: String? {
    get { fields.value.file }
    _modify { yield &fields.value.file }
  }
  public var line: Int? {
    get { fields.value.line }
    _modify { yield &fields.value.line }
  }
  public var record: DKIMKeyRecord {
    get { fields.value.record }
    _modify { yield &fields.value.record }
  }
  public var key: DKIMKey? {
    get { fields.value.key }
    _modify { yield &fields.value.key }
  }
  public var keyError: DKIMKey.KeyError? {
    get { fields.value.keyError }
    _modify { yield &fields.value.keyError }
  }
  public var status: Status {
    get { fields.value.status }
    _modify { yield &fields.value.status }
  }

  public init(from decoder: any Decoder) throws { fields = try CopyOnWrite(from: decoder) }

  public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }

  public init(owner: DomainName, ttl: UInt32, strings: [[UInt8]], file: String?, line: Int?) {
    let data = RData.txt(strings)
    let text = data.joinedText ?? ""
    let parsed = Self.parsedRecords.value(for: ExactText(text)) {
      ParsedRecord(text, strings: strings, presentation: data.presentation)
    }
    let record = parsed.record
    // The same strings read the same; the same text in other strings (split otherwise, or
    // other octets that are not UTF-8 where the text has U+FFFD) is quoted anew. Comparing
    // costs a fraction of quoting.
    let presentation = parsed.strings == strings ? parsed.presentation : data.presentation
    let looksLikeKey = record.tags.contains { ["p", "v", "k"].contains($0.name) }
    let status: Status
    if !looksLikeKey {
      status = .notKeyRecord
    } else if record.isDiscarded {
      status = .discarded
    } else if record.isRevoked {
      status = .revoked
    } else if parsed.keyError != nil || parsed.key == nil {
      status = .invalidKey
    } else {
      status = .valid
    }
    fields = CopyOnWrite(
      Fields(
        owner: owner, ttl: ttl, text: text, stringCount: strings.count,
        presentation: presentation, file: file, line: line, record: record, key: parsed.key,
        keyError: parsed.keyError, status: status))
  }

  /// A record's text parsed, with its key decoded, and the presentation of the first record
  /// seen with the text and its strings (a key of 400 octets is quoted in about 7k
  /// instructions).
  private struct ParsedRecord: Sendable {
    var record: DKIMKeyRecord
    var key: DKIMKey?
    var keyError: DKIMKey.KeyError?
    var presentation: String
    /// That record's strings: the presentation is theirs.
    var strings: [[UInt8]]

    init(_ text: String, strings: [[UInt8]], presentation: String) {
      self.strings = strings
      self.presentation = presentation
      record = DKIMParser.parse(text)
      if let tag = record.tag("p"), !record.isRevoked, let algorithm = record.keyType.algorithm {
        switch DKIMKey.decode(tag.value, declared: algorithm) {
        case .success(let decoded): key = decoded
        case .failure(let error): keyError = error
        }
      }
    }
  }

  /// Key records parsed in this run: a batch meets a provider's key (a selector CNAME to the
  /// provider) once per customer domain.
  private static let parsedRecords = SharedMemo<ExactText, ParsedRecord>(capacity: 1024)

  /// A location for the whole record, or for `span` of its text.
  public func location(span: Location.Span? = nil) -> Location {
    Location(name: owner.text, type: "TXT", record: text, span: span, file: file, line: line)
  }

  /// The span of the `p=` value problem `keyError` points at, when it has a position.
  public var keyErrorSpan: Location.Span? {
    guard let tag = record.tag("p") else { return nil }
    if case .notBase64(let error) = keyError, let offset = error.offset {
      // The decoder counts octets; the span counts Characters ("\r\n" is one).
      var octets = 0
      var characters = 0
      for character in tag.value {
        if octets >= offset { break }
        octets += character.utf8.count
        characters += 1
      }
      return Location.Span(offset: tag.valueOffset + characters, length: 1)
    }
    return Location.Span(offset: tag.valueOffset, length: tag.valueLength)
  }

  /// True when verifiers can use this key to verify mail signatures: decoded, not revoked,
  /// SHA-256 allowed, email allowed, and RSA at least 1024 bits (RFC 8301 §3.2).
  public var isUsable: Bool {
    guard status == .valid, let key, record.allowsSHA256, record.allowsEmail else {
      return false
    }
    return key.algorithm == .ed25519 || key.bits >= 1024
  }
}

/// What probing one selector found: the CNAME chain hop by hop, and the key record(s).
public struct DKIMSelectorResult: Hashable, Sendable, Codable {
  /// The outcome of the probe.
  public enum Status: String, Hashable, Sendable, Codable {
    /// One key record that decoded (strength and flags judged by the rules).
    case key
    /// One key record with an empty `p=`.
    case revoked
    /// One key record that verifiers discard, or whose key does not decode.
    case invalid
    /// Several TXT records at the selector: RFC 6376 §3.6.2.2 leaves the result undefined.
    case multipleRecords
    /// TXT records that are not DKIM key records.
    case notKeyRecord
    /// The same answer as a name that cannot exist: a wildcard answered, not a selector.
    case wildcard
    /// NXDOMAIN at the selector name: no such selector.
    case nxdomain
    /// The name exists but has no TXT record.
    case nodata
    /// A CNAME whose target does not exist or has no TXT record.
    case danglingCNAME
    /// A CNAME chain that comes back to a name already visited.
    case cnameLoop
    /// A CNAME chain longer than `DKIMContext.maxCNAMEHops`.
    case cnameTooLong
    /// The lookup failed (timeout, SERVFAIL …): nothing is known.
    case lookupFailed
    /// The selector is not a valid DNS name.
    case invalidSelector
  }

  // One reference: probe results are copied by every rule and summary that reads them
  // (`CopyOnWrite`).
  private struct Fields: Hashable, Sendable, Codable {
    var selector: String
    var source: DKIMSelectorSource
    var name: DomainName?
    var cnameChain: [DKIMCNAMEHop]
    var status: Status
    var targetStatus: DNSAnswer.Status?
    var records: [DKIMKeyRecordResult]
    var keyType: String?
    var bits: Int?
    var flags: [String]
    var failure: LookupFailure? = nil
    var error: String?

    private enum CodingKeys: String, CodingKey {
      case selector, source, name, cnameChain, status, targetStatus, records, keyType, bits, flags
      case error
    }
  }

  private var fields: CopyOnWrite<Fields>

  public var selector: String {
    get { fields.value.selector }
    _modify { yield &fields.value.selector }
  }
  public var source: DKIMSelectorSource {
    get { fields.value.source }
    _modify { yield &fields.value.source }
  }
  /// `<selector>._domainkey.<domain>`; nil for an invalid selector.
  public var name: DomainName? {
    get { fields.value.name }
    _modify { yield &fields.value.name }
  }
  public var cnameChain: [DKIMCNAMEHop] {
    get { fields.value.cnameChain }
    _modify { yield &fields.value.cnameChain }
  }
  public var status: Status {
    get { fields.value.status }
    _modify { yield &fields.value.status }
  }
  /// For `danglingCNAME`: `nxdomain` or `nodata` at the end of the chain.
  public var targetStatus: DNSAnswer.Status? {
    get { fields.value.targetStatus }
    _modify { yield &fields.value.targetStatus }
  }
  public var records: [DKIMKeyRecordResult] {
    get { fields.value.records }
    _modify { yield &fields.value.records }
  }
  /// The key type of the (first) key record: `rsa`, `ed25519` or what `k=` said.
  public var keyType: String? {
    get { fields.value.keyType }
    _modify { yield &fields.value.keyType }
  }
  /// The key size in bits of the (first) decoded key.
  public var bits: Int? {
    get { fields.value.bits }
    _modify { yield &fields.value.bits }
  }
  /// `testing` (t=y), `strict` (t=s), `sha1-only` (h=), `not-email` (s=), over all records.
  public var flags: [String] {
    get { fields.value.flags }
    _modify { yield &fields.value.flags }
  }
  /// The failed lookup, for `lookupFailed` (not encoded; see `error`).
  public var failure: LookupFailure? {
    get { fields.value.failure }
    _modify { yield &fields.value.failure }
  }
  /// The failure in words, for `lookupFailed`.
  public var error: String? {
    get { fields.value.error }
    _modify { yield &fields.value.error }
  }

  public init(from decoder: any Decoder) throws { fields = try CopyOnWrite(from: decoder) }

  public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }

  public init(
    selector: String, source: DKIMSelectorSource, name: DomainName?,
    cnameChain: [DKIMCNAMEHop] = [], status: Status, targetStatus: DNSAnswer.Status? = nil,
    records: [DKIMKeyRecordResult] = [], failure: LookupFailure? = nil
  ) {
    let keyRecords = records.filter { $0.status != .notKeyRecord }
    let first = keyRecords.first
    var flags: [String] = []
    if keyRecords.contains(where: \.record.isTesting) { flags.append("testing") }
    if keyRecords.contains(where: \.record.isStrict) { flags.append("strict") }
    if keyRecords.contains(where: \.record.isSHA1Only) { flags.append("sha1-only") }
    if keyRecords.contains(where: \.record.listsNoKnownHash) { flags.append("no-known-hash") }
    if keyRecords.contains(where: { !$0.record.allowsEmail }) { flags.append("not-email") }
    fields = CopyOnWrite(
      Fields(
        selector: selector, source: source, name: name, cnameChain: cnameChain, status: status,
        targetStatus: targetStatus, records: records,
        keyType: first.map { $0.key?.algorithm.rawValue ?? $0.record.keyType.text },
        bits: keyRecords.lazy.compactMap(\.key).first?.bits, flags: flags, failure: failure,
        error: failure.map { "\($0.name.text) \($0.type.mnemonic): \($0.error)" }))
  }

  /// The key records (TXT records that are not DKIM key records left out).
  public var keyRecords: [DKIMKeyRecordResult] {
    records.filter { $0.status != .notKeyRecord }
  }

  /// True when a key record (usable or not) was found at this selector.
  public var hasKeyRecord: Bool {
    switch status {
    case .key, .revoked, .invalid, .multipleRecords: true
    default: false
    }
  }

  /// True when a key verifiers can use was found.
  public var hasUsableKey: Bool {
    status != .wildcard && records.contains(where: \.isUsable)
  }

  /// True when the selector does not exist: NXDOMAIN or no TXT record at its name.
  public var isMissing: Bool { status == .nxdomain || status == .nodata }

  /// The Microsoft 365 target the CNAME chain points into, when it does.
  public var microsoft365Target: DKIMSelectors.Microsoft365Target? {
    cnameChain.lazy.compactMap { DKIMSelectors.microsoft365Target($0.target) }.first
  }
}
