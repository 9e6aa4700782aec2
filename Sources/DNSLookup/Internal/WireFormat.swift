internal import CResolv

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a reply message with libresolv's `ns_initparse`/`ns_parserr` into a `DNSAnswer`.
enum WireFormat {
  /// The UDP payload size we advertise (RFC 6891; 1232 avoids IP fragmentation).
  static let advertisedPayloadSize: UInt16 = 1232

  /// RFC 6891 §6.1.2 OPT pseudo-record: root owner, TYPE 41, CLASS = payload size, TTL 0
  /// (extended rcode, version 0, no DO bit), RDLENGTH 0.
  static let optRecord: [UInt8] = [
    0, 0, 41, UInt8(advertisedPayloadSize >> 8), UInt8(advertisedPayloadSize & 0xff),
    0, 0, 0, 0, 0, 0,
  ]

  /// DNS response codes (RFC 1035 §4.1.1, RFC 6895).
  enum ResponseCode {
    static let noError: Int32 = 0
    static let formatError: Int32 = 1
    static let serverFailure: Int32 = 2
    static let nameError: Int32 = 3
    static let notImplemented: Int32 = 4
    static let refused: Int32 = 5
  }

  /// The error a failing rcode stands for, or nil for NOERROR and NXDOMAIN.
  static func error(forRcode rcode: Int32, server: String) -> DNSError? {
    switch rcode {
    case ResponseCode.noError, ResponseCode.nameError: nil
    case ResponseCode.serverFailure: .serverFailure(server: server)
    case ResponseCode.refused: .refused(server: server)
    case ResponseCode.formatError: .malformed("\(server) answered FORMERR (format error)")
    case ResponseCode.notImplemented: .malformed("\(server) answered NOTIMP (not implemented)")
    default: .malformed("\(server) answered with rcode \(rcode)")
    }
  }

  /// Parses the reply to `name`/`type` in `base[0..<length]`.
  static func parse(
    _ base: UnsafePointer<UInt8>, length: Int, name: DomainName, type: RRType, server: String
  ) throws(DNSError) -> DNSAnswer {
    var message = ns_msg()
    guard ns_initparse(base, Int32(length), &message) == 0 else {
      throw .malformed("the answer from \(server) cannot be parsed (\(length) octets)")
    }
    let rcode = Int32(cres_msg_rcode(&message))
    if let error = error(forRcode: rcode, server: server) { throw error }
    if MessageHeader(UnsafeRawBufferPointer(start: base, count: length))?.isTruncated == true {
      throw .malformed("the answer from \(server) is truncated even over TCP")
    }
    var record = ns_rr()
    guard cres_msg_count(&message, ns_s_qd) == 1,
      ns_parserr(&message, ns_s_qd, 0, &record) == 0
    else { throw .malformed("the answer from \(server) has no question section") }
    let question = try domainName(cres_rr_name(&record), server: server, known: name)
    let questionType = UInt16(truncatingIfNeeded: cres_rr_type(&record))
    guard question == name, questionType == type.rawValue,
      cres_rr_class(&record) == Int32(ns_c_in.rawValue)
    else {
      throw .malformed(
        "the answer from \(server) is for '\(question.absolute) "
          + "\(RRType(rawValue: questionType).mnemonic)', not '\(name.absolute) \(type.mnemonic)'")
    }
    let answerCount = cres_msg_count(&message, ns_s_an)
    var records: [ResourceRecord] = []
    records.reserveCapacity(Int(answerCount))
    // Most owners are the question's name or the previous record's (an RRset, a CNAME's
    // target): such an owner is that name again, not parsed anew.
    var lastOwner = name
    for index in 0..<answerCount {
      guard ns_parserr(&message, ns_s_an, index, &record) == 0 else {
        throw .malformed("answer record \(index + 1) from \(server) cannot be parsed")
      }
      guard cres_rr_class(&record) == Int32(ns_c_in.rawValue) else { continue }
      let parsed = try resourceRecord(&record, in: &message, server: server, known: lastOwner)
      lastOwner = parsed.name
      records.append(parsed)
    }
    records = relevant(records, to: name)
    let status: DNSAnswer.Status
    if rcode == ResponseCode.nameError {
      status = .nxdomain
    } else if records.contains(where: { $0.type == type }) {
      status = .answer
    } else {
      status = .nodata
    }
    var negativeTTL: UInt32?
    if status != .answer {
      var referral: DomainName?
      for index in 0..<cres_msg_count(&message, ns_s_ns) {
        guard ns_parserr(&message, ns_s_ns, index, &record) == 0 else { break }
        let authorityType = cres_rr_type(&record)
        if authorityType == Int32(RRType.ns.rawValue), referral == nil {
          referral = try domainName(cres_rr_name(&record), server: server)
        }
        guard authorityType == Int32(RRType.soa.rawValue) else { continue }
        // RFC 2308 §5: the SOA's TTL or its MINIMUM, whichever is less.
        negativeTTL = min(
          cres_rr_ttl(&record), try soaMinimum(&record, in: &message, server: server))
        break
      }
      // RFC 2308 §2.2: a NOERROR reply with NS and no SOA in the authority section, not
      // authoritative, is a referral: the server does not know, so this is no NODATA.
      if status == .nodata, negativeTTL == nil, let referral,
        ns_msg_getflag(message, Int32(ns_f_aa.rawValue)) == 0
      {
        throw .malformed(
          "\(server) sent a referral to '\(referral.absolute)' instead of an answer "
            + "(it is not a recursive resolver for this name)")
      }
    }
    return DNSAnswer(
      name: name, type: type, status: status, records: records, negativeTTL: negativeTTL,
      server: server, authenticated: ns_msg_getflag(message, Int32(ns_f_ad.rawValue)) == 1)
  }

  /// The records owned by `name` or by a name its CNAME chain leads to, in their order.
  ///
  /// Anything else in the answer section (a server stuffing unrelated names) is dropped, so it
  /// can never pass for a record of the asked name.
  static func relevant(_ records: [ResourceRecord], to name: DomainName) -> [ResourceRecord] {
    // The common answer: every record owned by the name itself, no CNAME to follow.
    if records.allSatisfy({ $0.name == name && $0.type != .cname }) { return records }
    var owners: Set<DomainName> = [name]
    var current = name
    // Each step adds one new name, so this ends after at most records.count steps.
    while let next = records.first(where: { $0.type == .cname && $0.name == current }),
      case .cname(let target) = next.data, owners.insert(target).inserted
    {
      current = target
    }
    return records.filter { owners.contains($0.name) }
  }

  /// One parsed record with typed data; malformed RDATA throws.
  static func resourceRecord(
    _ record: inout ns_rr, in message: inout ns_msg, server: String, known: DomainName? = nil
  ) throws(DNSError) -> ResourceRecord {
    let owner = try domainName(cres_rr_name(&record), server: server, known: known)
    let type = RRType(rawValue: UInt16(truncatingIfNeeded: cres_rr_type(&record)))
    let length = Int(cres_rr_rdlen(&record))
    // RDATA in place in the message: copied only into what a record keeps.
    let rdata = length > 0 ? cres_rr_rdata(&record) : nil
    let bytes = UnsafeBufferPointer(start: rdata, count: rdata == nil ? 0 : length)
    func bad(_ reason: String) -> DNSError {
      .malformed("\(type.mnemonic) record at '\(owner.absolute)' from \(server): \(reason)")
    }
    func name(at offset: Int, mustEnd: Bool) throws(DNSError) -> (DomainName, Int) {
      guard let rdata = cres_rr_rdata(&record), offset < length else {
        throw bad("missing domain name")
      }
      let base = cres_msg_base(&message)
      let end = cres_msg_end(&message)
      // 1,024 octets stay on the stack (past that the buffer is allocated, about 200
      // instructions a name), and hold the longest presentation form: at most 250 octets
      // that are not length octets, each at most a four-character escape, and their dots.
      let expanded = try withUnsafeTemporaryAllocation(of: CChar.self, capacity: 1024) {
        text throws(DNSError) -> (DomainName, Int)? in
        let used = Int(dn_expand(base, end, rdata + offset, text.baseAddress!, Int32(text.count)))
        guard used > 0, offset + used <= length, !mustEnd || offset + used == length else {
          return nil
        }
        return (try domainName(text.baseAddress!, server: server), offset + used)
      }
      guard let expanded else { throw bad("invalid domain name") }
      return expanded
    }
    let data: RData
    switch type {
    case .a:
      guard bytes.count == 4 else { throw bad("\(bytes.count) octets, expected 4") }
      data = .a(.v4(Array(bytes)))
    case .aaaa:
      guard bytes.count == 16 else { throw bad("\(bytes.count) octets, expected 16") }
      data = .aaaa(.v6(Array(bytes)))
    case .ns: data = .ns(try name(at: 0, mustEnd: true).0)
    case .cname: data = .cname(try name(at: 0, mustEnd: true).0)
    case .ptr: data = .ptr(try name(at: 0, mustEnd: true).0)
    case .mx:
      guard bytes.count >= 3 else { throw bad("too short") }
      let preference = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
      data = .mx(preference: preference, exchange: try name(at: 2, mustEnd: true).0)
    case .txt, .spf:  // RFC 7208 §3.1: SPF (type 99) RDATA is TXT-DATA
      data = .txt(try characterStrings(bytes, bad: bad))
    case .soa:
      let (mname, afterMname) = try name(at: 0, mustEnd: false)
      let (rname, afterRname) = try name(at: afterMname, mustEnd: false)
      guard length - afterRname == 20 else { throw bad("wrong length of the SOA numbers") }
      // The five numbers read in place (an array of them was an allocation per negative
      // answer, which carries the zone's SOA).
      func number(_ index: Int) -> UInt32 {
        let start = afterRname + index * 4
        return bytes[start..<(start + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      }
      data = .soa(
        mname: mname, rname: rname, serial: number(0), refresh: number(1), retry: number(2),
        expire: number(3), minimum: number(4))
    case .caa:
      // RFC 8659 §4.1.1: flags, tag length, tag, value.
      guard bytes.count >= 2, bytes[1] >= 1, 2 + Int(bytes[1]) <= bytes.count else {
        throw bad("invalid tag length")
      }
      let tagEnd = 2 + Int(bytes[1])
      data = .caa(
        flags: bytes[0], tag: String(decoding: bytes[2..<tagEnd], as: UTF8.self),
        value: Array(bytes[tagEnd...]))
    default:
      data = .unknown(Array(bytes))
    }
    return ResourceRecord(name: owner, type: type, ttl: cres_rr_ttl(&record), data: data)
  }

  /// An SOA record's MINIMUM, the last of the five numbers after its two names (RFC 1035
  /// §3.3.13). A negative answer needs only this of its SOA: its names are unpacked into wire
  /// form (`ns_name_unpack`, the checks `dn_expand` makes: compression pointers inside the
  /// message, no loops, at most 255 octets, within the RDATA) but not written out as text and
  /// made into names nobody reads (about 3k instructions each; most of a batch's answers are
  /// negative). The owner is the one `ns_parserr` unpacked.
  static func soaMinimum(
    _ record: inout ns_rr, in message: inout ns_msg, server: String
  ) throws(DNSError) -> UInt32 {
    func bad(_ reason: String) -> DNSError {
      let owner = (try? domainName(cres_rr_name(&record), server: server))?.absolute ?? "?"
      return .malformed("SOA record at '\(owner)' from \(server): \(reason)")
    }
    let length = Int(cres_rr_rdlen(&record))
    guard length > 0, let rdata = cres_rr_rdata(&record) else { throw bad("missing domain name") }
    let base = cres_msg_base(&message)
    let end = cres_msg_end(&message)
    let numbers = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(NS_MAXCDNAME)) {
      wire throws(DNSError) -> Int in
      var offset = 0
      for _ in 0..<2 {
        guard offset < length else { throw bad("missing domain name") }
        let used = Int(ns_name_unpack(base, end, rdata + offset, wire.baseAddress!, wire.count))
        guard used > 0, offset + used <= length else { throw bad("invalid domain name") }
        offset += used
      }
      return offset
    }
    guard length - numbers == 20 else { throw bad("wrong length of the SOA numbers") }
    return (16..<20).reduce(UInt32(0)) { $0 << 8 | UInt32(rdata[numbers + $1]) }
  }

  /// RFC 1035 §3.3.14: TXT-DATA is one or more <character-string>s, each a length octet and
  /// that many octets. Empty strings are kept.
  static func characterStrings(
    _ bytes: UnsafeBufferPointer<UInt8>, bad: (String) -> DNSError
  ) throws(DNSError) -> [[UInt8]] {
    var strings: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
      let count = Int(bytes[offset])
      offset += 1
      guard offset + count <= bytes.count else { throw bad("a character-string overruns RDATA") }
      strings.append(Array(bytes[offset..<(offset + count)]))
      offset += count
    }
    return strings
  }

  /// The name in `text` (as `ns_parserr` and `dn_expand` write it); `known` itself when `text`
  /// spells it octet for octet, without making a string of it.
  static func domainName(
    _ text: UnsafePointer<CChar>?, server: String, known: DomainName? = nil
  ) throws(DNSError) -> DomainName {
    guard let text else { throw .malformed("a name from \(server) is missing") }
    if let known, !known.isRoot {
      var spelled = known.text
      let same = spelled.withUTF8 { octets in
        strlen(text) == octets.count && memcmp(octets.baseAddress!, text, octets.count) == 0
      }
      if same { return known }
    }
    if let name = plainName(text) { return name }
    return try domainName(String(cString: text), server: server)
  }

  /// The name a resolver wrote as `text` (NUL-terminated), read without making a string of
  /// it first, when it needs no escape (`DomainName.plain(octets:)`); nil otherwise.
  private static func plainName(_ text: UnsafePointer<CChar>) -> DomainName? {
    let count = strlen(text)
    return text.withMemoryRebound(to: UInt8.self, capacity: count) { octets in
      DomainName.plain(octets: UnsafeBufferPointer(start: octets, count: count))
    }
  }

  static func domainName(_ text: String, server: String) throws(DNSError) -> DomainName {
    do {
      return try DomainName(text.isEmpty ? "." : text)
    } catch {
      throw .malformed("invalid name '\(text)' from \(server): \(error)")
    }
  }
}
