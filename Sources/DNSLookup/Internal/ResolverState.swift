internal import CResolv

/// One libresolv `res_state`: it composes queries (`res_nmkquery`) and reads the system's
/// nameservers; it never sends.
///
/// The state's `options`, `retrans` and `retry` are set explicitly after `res_ninit`, so
/// resolv.conf `options` lines and `RES_OPTIONS` (`use-vc`, `rotate`, `attempts`, `timeout`,
/// `ndots`) cannot change what we ask; names are always absolute, so no search list applies.
/// Not thread-safe: one owner at a time.
final class ResolverState {
  private let state: UnsafeMutablePointer<__res_state>
  /// DO bit in the OPT record and AD kept in answers (`ResolverConfiguration.dnssecOK`).
  private let dnssecOK: Bool
  /// CD bit in the header (`ResolverConfiguration.checkingDisabled`).
  private let checkingDisabled: Bool

  init(dnssecOK: Bool = false, checkingDisabled: Bool = false) throws(DNSError) {
    let state = UnsafeMutablePointer<__res_state>.allocate(capacity: 1)
    state.initialize(to: __res_state())
    guard cres_ninit(state) == 0 else {
      state.deinitialize(count: 1)
      state.deallocate()
      throw .network("res_ninit failed (cannot read the resolver configuration)")
    }
    state.pointee.options = UInt(RES_INIT) | UInt(RES_RECURSE)
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
    // Composed in a stack buffer of 512 octets, then copied once into a message of its own
    // length (the query may wait long in a queue). The canonical text is read as an absolute
    // name: a trailing dot changes nothing in the wire form.
    let query = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(NS_PACKETSZ)) {
      composing -> [UInt8]? in
      let capacity = Int32(composing.count - WireFormat.optRecord.count)
      let length = name.text.withCString { text in
        res_nmkquery(
          state, Int32(ns_o_query.rawValue), text, Int32(ns_c_in.rawValue),
          Int32(type.rawValue), nil, 0, nil, composing.baseAddress, capacity)
      }
      guard length >= Int32(NS_HFIXEDSZ), length <= capacity else { return nil }
      var count = Int(length)
      // RFC 4035 §3.2.2: CD is bit 4 of the fourth header octet. With DO, AD in the query
      // asks for the AD bit in the answer (RFC 6840 §5.7), bit 5 of the same octet.
      if checkingDisabled { composing[3] |= 0x10 }
      if dnssecOK { composing[3] |= 0x20 }
      if edns {
        // RFC 6891 §6.1.2: ARCOUNT += 1, then the OPT pseudo-record.
        let arcount = (UInt16(composing[10]) << 8 | UInt16(composing[11])) &+ 1
        composing[10] = UInt8(arcount >> 8)
        composing[11] = UInt8(arcount & 0xff)
        for octet in WireFormat.optRecord {
          composing[count] = octet
          count += 1
        }
        // RFC 3225 §3: DO is the top bit of the OPT TTL's flags (octets 7-8 of the record).
        if dnssecOK { composing[Int(length) + 7] |= 0x80 }
      }
      // Copied by the collection initializer, which allocates with the array's type at hand
      // (`init(unsafeUninitializedCapacity:)` looks it up at run time: about 700 instructions
      // a query).
      return Array(UnsafeBufferPointer(rebasing: composing[..<count]))
    }
    guard let query else { throw .malformed("cannot build a query for '\(name.absolute)'") }
    return query
  }

  /// The nameservers `res_ninit` read (resolv.conf, `LOCALDOMAIN`/`RES_OPTIONS` aside), in
  /// order. IPv4 servers sit in `nsaddr_list`; IPv6 ones in the `_ext.nsaddrs` glibc
  /// allocates, with the `nsaddr_list` slot's family left 0.
  var nameservers: [ResolverConfiguration.Nameserver] {
    let count = min(Int(state.pointee.nscount), Int(MAXNS))
    let ipv4 = withUnsafeBytes(of: state.pointee.nsaddr_list) { raw in
      (0..<count).map {
        raw.load(fromByteOffset: $0 * MemoryLayout<sockaddr_in>.stride, as: sockaddr_in.self)
      }
    }
    let ipv6 = withUnsafeBytes(of: state.pointee._u._ext.nsaddrs) { raw in
      (0..<count).map {
        raw.load(
          fromByteOffset: $0 * MemoryLayout<UnsafeMutablePointer<sockaddr_in6>?>.stride,
          as: UnsafeMutablePointer<sockaddr_in6>?.self)
      }
    }
    var servers: [ResolverConfiguration.Nameserver] = []
    for index in 0..<count {
      let address: SocketAddress?
      if Int32(ipv4[index].sin_family) == AF_INET {
        address = SocketAddress(ipv4[index])
      } else if let pointer = ipv6[index], Int32(pointer.pointee.sin6_family) == AF_INET6 {
        address = SocketAddress(pointer.pointee)
      } else {
        address = nil
      }
      if let server = address?.nameserver { servers.append(server) }
    }
    return servers
  }

  /// The nameservers of the system configuration, or none when it cannot be read.
  static func systemNameservers() -> [ResolverConfiguration.Nameserver] {
    (try? ResolverState())?.nameservers ?? []
  }
}
