internal import CResolv

#if canImport(Glibc)
  import Glibc
#endif

/// One libresolv `res_state` bound to exactly one nameserver; used by one thread only.
///
/// The state's `options`, `retrans` and `retry` are set explicitly after `res_ninit`, so
/// resolv.conf `options` lines and `RES_OPTIONS` cannot change what we send or how long we wait.
final class ResolverState {
  /// What one `res_nsend` call produced.
  enum SendResult {
    /// A reply of `length` octets (already clamped to the buffer) is in the buffer.
    case reply(length: Int)
    /// No usable reply: `rcode` is set when a reply header came back (SERVFAIL, REFUSED …).
    case failed(rcode: Int32?, errno: Int32)
  }

  let server: ResolverConfiguration.Nameserver
  private let state: UnsafeMutablePointer<__res_state>
  /// DO bit in the OPT record and AD kept in answers (`ResolverConfiguration.dnssecOK`).
  private let dnssecOK: Bool
  /// CD bit in the header (`ResolverConfiguration.checkingDisabled`).
  private let checkingDisabled: Bool

  init(
    server: ResolverConfiguration.Nameserver, timeout: Int, dnssecOK: Bool = false,
    checkingDisabled: Bool = false
  ) throws(DNSError) {
    let state = UnsafeMutablePointer<__res_state>.allocate(capacity: 1)
    state.initialize(to: __res_state())
    guard cres_ninit(state) == 0 else {
      state.deinitialize(count: 1)
      state.deallocate()
      throw .network("res_ninit failed")
    }
    var port = server.port
    let status = server.host.withCString { host -> Int32 in
      var hosts: [UnsafePointer<CChar>?] = [host]
      return cres_set_nameservers(state, &hosts, &port, 1)
    }
    guard status == -1 else {
      cres_nclose(state)
      state.deinitialize(count: 1)
      state.deallocate()
      throw .network("cannot use nameserver \(server)")
    }
    // One try per call: rounds over the servers are counted by the caller.
    state.pointee.retrans = Int32(clamping: max(timeout, 1))
    state.pointee.retry = 1
    state.pointee.options = UInt(RES_INIT) | UInt(RES_RECURSE)
    // glibc ≥ 2.31 clears the AD bit of answers unless RES_TRUSTAD is set (it also sets AD in
    // the query, RFC 6840 §5.7); only the DNSSEC checks ask for it.
    if dnssecOK { state.pointee.options |= UInt(RES_TRUSTAD) }
    self.server = server
    self.state = state
    self.dnssecOK = dnssecOK
    self.checkingDisabled = checkingDisabled
  }

  deinit {
    cres_nclose(state)
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Builds a query message for `name`/`type` (RD set), with an EDNS0 OPT record when `edns`.
  func makeQuery(_ name: DomainName, _ type: RRType, edns: Bool) throws(DNSError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: Int(NS_PACKETSZ))
    let capacity = Int32(buffer.count - WireFormat.optRecord.count)
    let length = name.absolute.withCString { text in
      buffer.withUnsafeMutableBufferPointer { out in
        res_nmkquery(
          state, Int32(ns_o_query.rawValue), text, Int32(ns_c_in.rawValue),
          Int32(type.rawValue), nil, 0, nil, out.baseAddress, capacity)
      }
    }
    guard length >= Int32(NS_HFIXEDSZ), Int(length) <= buffer.count else {
      throw .malformed("cannot build a query for '\(name.absolute)'")
    }
    buffer.removeSubrange(Int(length)...)
    // RFC 4035 §3.2.2: CD is bit 4 of the fourth header octet.
    if checkingDisabled { buffer[3] |= 0x10 }
    if edns {
      // RFC 6891 §6.1.2: ARCOUNT += 1, then the OPT pseudo-record.
      let count = (UInt16(buffer[10]) << 8 | UInt16(buffer[11])) &+ 1
      buffer[10] = UInt8(count >> 8)
      buffer[11] = UInt8(count & 0xff)
      var opt = WireFormat.optRecord
      // RFC 3225 §3: DO is the top bit of the OPT TTL's flags (octets 7-8 of the record).
      if dnssecOK { opt[7] |= 0x80 }
      buffer += opt
    }
    return buffer
  }

  /// Sends `query` with `res_nsend` and leaves the reply in `answer`.
  ///
  /// The header is cleared first: glibc leaves a SERVFAIL/REFUSED reply in the buffer but
  /// returns -1 exactly as for a timeout, so the header is the only way to tell them apart.
  func send(_ query: [UInt8], into answer: UnsafeMutableBufferPointer<UInt8>) -> SendResult {
    guard let base = answer.baseAddress, answer.count >= Int(NS_HFIXEDSZ) else {
      return .failed(rcode: nil, errno: EINVAL)
    }
    memset(base, 0, Int(NS_HFIXEDSZ))
    cres_set_errno(0)
    let length = query.withUnsafeBufferPointer { bytes in
      res_nsend(state, bytes.baseAddress, Int32(bytes.count), base, Int32(answer.count))
    }
    let error = cres_errno()
    if length < 0 {
      let replied = cres_hdr_qr(base) == 1
      return .failed(rcode: replied ? cres_hdr_rcode(base) : nil, errno: error)
    }
    // glibc reports the full TCP length even when it cut the reply to fit: clamp.
    return .reply(length: min(Int(length), answer.count))
  }

  /// The nameservers of the system configuration (resolv.conf), in order.
  static func systemNameservers() -> [ResolverConfiguration.Nameserver] {
    let state = UnsafeMutablePointer<__res_state>.allocate(capacity: 1)
    state.initialize(to: __res_state())
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
    }
    guard cres_ninit(state) == 0 else { return [] }
    defer { cres_nclose(state) }
    var servers: [ResolverConfiguration.Nameserver] = []
    for index in 0..<min(Int(state.pointee.nscount), Int(MAXNS)) {
      var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
      var port: UInt16 = 0
      guard
        cres_get_nameserver(state, Int32(index), &text, socklen_t(text.count), &port) == 0
      else { continue }
      let host = String(
        decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if let server = ResolverConfiguration.Nameserver(host: host, port: port) {
        servers.append(server)
      }
    }
    return servers
  }
}
