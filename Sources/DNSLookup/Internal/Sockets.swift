internal import CResolv

#if canImport(Glibc)
  import Glibc
#endif

/// An `errno` value from a failed system call, turned into a Swift error at this boundary.
struct SystemError: Error, Equatable {
  var code: Int32

  /// The C library's text for the code (`Connection refused`).
  var message: String { String(cString: strerror(code)) }

  /// The server's port is closed: `ECONNREFUSED` (on UDP, after ICMP port unreachable).
  var isConnectionRefused: Bool { code == ECONNREFUSED }

  /// A datagram the kernel could not queue (`EAGAIN`, `ENOBUFS`): lost, as on the network.
  var isLostDatagram: Bool { code == EAGAIN || code == EWOULDBLOCK || code == ENOBUFS }

  /// What a stream closed by the peer before a whole message counts as.
  static let connectionReset = SystemError(code: ECONNRESET)
}

/// A nameserver's address as the kernel sees it: family, port and address octets.
///
/// Kept as plain integers so a received datagram's source can be compared without allocating.
struct SocketAddress: Hashable {
  var isIPv6: Bool
  /// Host byte order.
  var port: UInt16
  /// The address octets in network order: IPv4 in the low 32 bits of `low`.
  var high: UInt64
  var low: UInt64

  /// The address of `server`; nil when its host is not an IP literal.
  init?(_ server: ResolverConfiguration.Nameserver) {
    port = server.port
    if server.isIPv6 {
      var address = in6_addr()
      guard inet_pton(AF_INET6, server.host, &address) == 1 else { return nil }
      isIPv6 = true
      (high, low) = Self.split(address)
    } else {
      var address = in_addr()
      guard inet_pton(AF_INET, server.host, &address) == 1 else { return nil }
      isIPv6 = false
      high = 0
      low = UInt64(UInt32(bigEndian: address.s_addr))
    }
  }

  /// The address in `storage` as `recvfrom` filled it; nil for another family.
  init?(_ storage: sockaddr_storage) {
    var copy = storage
    switch Int32(storage.ss_family) {
    case AF_INET: self.init(withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) })
    case AF_INET6: self.init(withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) })
    default: return nil
    }
  }

  init(_ address: sockaddr_in) {
    isIPv6 = false
    port = UInt16(bigEndian: address.sin_port)
    high = 0
    low = UInt64(UInt32(bigEndian: address.sin_addr.s_addr))
  }

  init(_ address: sockaddr_in6) {
    isIPv6 = true
    port = UInt16(bigEndian: address.sin6_port)
    (high, low) = Self.split(address.sin6_addr)
  }

  /// The address as a nameserver (`inet_ntop` text and port).
  var nameserver: ResolverConfiguration.Nameserver? {
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    let converted = withSockaddr { pointer, _ -> Bool in
      if isIPv6 {
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
          var octets = address.pointee.sin6_addr
          return inet_ntop(AF_INET6, &octets, &text, socklen_t(text.count)) != nil
        }
      }
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
        var octets = address.pointee.sin_addr
        return inet_ntop(AF_INET, &octets, &text, socklen_t(text.count)) != nil
      }
    }
    guard converted else { return nil }
    let host = String(
      decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return ResolverConfiguration.Nameserver(host: host, port: port)
  }

  private static func split(_ address: in6_addr) -> (UInt64, UInt64) {
    withUnsafeBytes(of: address) { bytes in
      (
        bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) },
        bytes.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      )
    }
  }

  /// Calls `body` with the address as a `sockaddr` and its length.
  func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
    if isIPv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      withUnsafeMutableBytes(of: &address.sin6_addr) { bytes in
        for index in 0..<8 {
          bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
          bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
      }
      return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(truncatingIfNeeded: low).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
  }
}

/// The transport's system calls: non-blocking sockets, epoll, an eventfd and the clock.
///
/// Every POSIX call of the resolver sits here; errors come back as `SystemError`.
enum Sockets {
  /// Socket buffer sizes asked for (the kernel caps them at `net.core.[rw]mem_max`): room for
  /// a burst of answers while the I/O thread is busy.
  static let receiveBufferSize: Int32 = 1 << 20
  static let sendBufferSize: Int32 = 1 << 18

  /// A non-blocking UDP socket connected to `address`, so the kernel picks a random ephemeral
  /// source port, delivers only datagrams from `address`, and reports ICMP port unreachable
  /// as `ECONNREFUSED`.
  static func connectedUDP(to address: SocketAddress) throws(SystemError) -> Int32 {
    let descriptor = try open(address, kind: Int32(SOCK_DGRAM.rawValue))
    setOption(descriptor, SO_RCVBUF, receiveBufferSize)
    setOption(descriptor, SO_SNDBUF, sendBufferSize)
    let result = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
    guard result == 0 else {
      let error = SystemError(code: errno)
      Glibc.close(descriptor)
      throw error
    }
    return descriptor
  }

  /// A non-blocking TCP socket with its connection to `address` started; connected or still
  /// connecting (`EINPROGRESS`): writability says when it is done.
  static func connectingTCP(to address: SocketAddress) throws(SystemError) -> Int32 {
    let descriptor = try open(address, kind: Int32(SOCK_STREAM.rawValue))
    let result = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
    if result != 0, errno != EINPROGRESS {
      let error = SystemError(code: errno)
      Glibc.close(descriptor)
      throw error
    }
    return descriptor
  }

  private static func open(_ address: SocketAddress, kind: Int32) throws(SystemError) -> Int32 {
    let family = address.isIPv6 ? AF_INET6 : AF_INET
    let descriptor = socket(family, kind | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw SystemError(code: errno) }
    return descriptor
  }

  private static func setOption(_ descriptor: Int32, _ option: Int32, _ value: Int32) {
    var value = value
    _ = setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// Sends `bytes` (one datagram, or the next part of a TCP stream): the count written, or
  /// the error (`EAGAIN` when the socket buffer is full).
  static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<
    Int, SystemError
  > {
    let count = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    return count >= 0 ? .success(count) : .failure(SystemError(code: errno))
  }

  /// Sends `datagrams` on a connected socket with `sendmmsg` (one call, more only past the
  /// kernel's limit per call): how many went, from the first, and the error of the one that
  /// did not go when it was the first of a call. The kernel reports an error only for the
  /// first datagram of a call: an error met later (a pending ICMP refusal) ends the call early
  /// and is lost, and the next datagram goes out with the next call. So a refusal that arrives
  /// during a batch shows on a later send or read, or not at all (the queries time out).
  static func send(_ descriptor: Int32, datagrams: [[UInt8]]) -> (sent: Int, error: SystemError?) {
    let batch = SendBatch()
    for datagram in datagrams { batch.append(datagram) }
    return send(descriptor, batch, from: 0)
  }

  /// `send(_:datagrams:)` for the datagrams of `batch` from index `start` on.
  static func send(_ descriptor: Int32, _ batch: SendBatch, from start: Int) -> (
    sent: Int, error: SystemError?
  ) {
    let messages = batch.messages(from: start)
    var sent = 0
    while sent < messages.count {
      let result = cres_sendmmsg(
        descriptor, messages.baseAddress.map { $0 + sent }, UInt32(messages.count - sent),
        Int32(MSG_NOSIGNAL))
      guard result > 0 else { return (sent, result < 0 ? SystemError(code: errno) : nil) }
      sent += Int(result)
    }
    return (sent, nil)
  }

  /// Receives the datagrams waiting on a UDP socket with one `recvmmsg` into `batch`'s slots
  /// and hands each to `body` with its source: how many came, or the error (`EAGAIN` when
  /// none was waiting, `ECONNREFUSED` after ICMP; an error after the first datagram is kept by
  /// the kernel for the next call).
  static func receive(
    _ descriptor: Int32, into batch: ReceiveBatch,
    _ body: (UnsafeRawBufferPointer, SocketAddress?) -> Void
  ) -> Result<Int, SystemError> {
    for index in 0..<batch.count {
      batch.messages[index].msg_hdr.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
      batch.messages[index].msg_hdr.msg_flags = 0
      batch.messages[index].msg_len = 0
    }
    let received = cres_recvmmsg(descriptor, batch.messages, UInt32(batch.count), 0)
    guard received >= 0 else { return .failure(SystemError(code: errno)) }
    for index in 0..<Int(received) {
      let start = index * batch.slotSize
      let datagram = UnsafeRawBufferPointer(
        rebasing: batch.buffer[start..<(start + Int(batch.messages[index].msg_len))])
      let source =
        batch.messages[index].msg_hdr.msg_namelen > 0 ? SocketAddress(batch.sources[index]) : nil
      body(datagram, source)
    }
    return .success(Int(received))
  }

  /// Receives one datagram (or the next part of a stream) into `buffer`: its length and
  /// source, or the error (`EAGAIN` when nothing is waiting, `ECONNREFUSED` after ICMP).
  static func receive(
    _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer
  ) -> Result<(count: Int, source: SocketAddress?), SystemError> {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let count = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        recvfrom(descriptor, buffer.baseAddress, buffer.count, 0, $0, &length)
      }
    }
    guard count >= 0 else { return .failure(SystemError(code: errno)) }
    return .success((count, length > 0 ? SocketAddress(storage) : nil))
  }

  /// The pending error of a socket (`SO_ERROR`, which reading clears), nil for none.
  static func pendingError(_ descriptor: Int32) -> SystemError? {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else {
      return SystemError(code: errno)
    }
    return value == 0 ? nil : SystemError(code: value)
  }

  static func close(_ descriptor: Int32) { _ = Glibc.close(descriptor) }

  /// Raises the soft limit on open descriptors to the hard one (often 1,024 of 524,288).
  static func raiseDescriptorLimit() {
    var limit = rlimit()
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(resource, &limit)
  }

  /// Fills `buffer` from the kernel's cryptographic random source (`getrandom`, at most 256
  /// octets: a single call never returns fewer); false when it cannot.
  static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
    guard let base = buffer.baseAddress, buffer.count <= 256 else { return false }
    while true {
      let got = getrandom(base, buffer.count, 0)
      if got == buffer.count { return true }
      if got < 0, errno == EINTR { continue }
      return false
    }
  }

  /// Nanoseconds on the monotonic clock.
  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// `EAGAIN` or `EWOULDBLOCK`: nothing to do now, wait for the next readiness event.
  static func wouldBlock(_ error: SystemError) -> Bool {
    error.code == EAGAIN || error.code == EWOULDBLOCK || error.code == EINTR
  }
}

/// An epoll instance plus an eventfd that other threads write to wake the waiting thread.
struct Poller {
  /// Readiness bits, as epoll reports them.
  static let readable = UInt32(EPOLLIN.rawValue)
  static let writable = UInt32(EPOLLOUT.rawValue)
  static let failed = UInt32(EPOLLERR.rawValue | EPOLLHUP.rawValue)

  let descriptor: Int32
  /// The eventfd; its epoll data is its own descriptor, like every other one.
  let wakeDescriptor: Int32
  private let events: UnsafeMutablePointer<epoll_event>
  private let capacity: Int32 = 256

  init() throws(SystemError) {
    descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard descriptor >= 0 else { throw SystemError(code: errno) }
    wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    guard wakeDescriptor >= 0 else {
      let error = SystemError(code: errno)
      Sockets.close(descriptor)
      throw error
    }
    events = .allocate(capacity: Int(capacity))
    try add(wakeDescriptor, events: Self.readable)
  }

  /// Watches `fd` for `events` (level-triggered).
  func add(_ fd: Int32, events: UInt32) throws(SystemError) {
    try control(EPOLL_CTL_ADD, fd, events)
  }

  /// Changes what `fd` is watched for.
  func modify(_ fd: Int32, events: UInt32) throws(SystemError) {
    try control(EPOLL_CTL_MOD, fd, events)
  }

  /// Stops watching `fd` (before it is closed).
  func remove(_ fd: Int32) {
    _ = epoll_ctl(descriptor, EPOLL_CTL_DEL, fd, nil)
  }

  private func control(_ operation: Int32, _ fd: Int32, _ events: UInt32) throws(SystemError) {
    var event = epoll_event()
    event.events = events
    event.data.u64 = UInt64(UInt32(bitPattern: fd))
    guard epoll_ctl(descriptor, operation, fd, &event) == 0 else {
      throw SystemError(code: errno)
    }
  }

  /// Waits up to `milliseconds` (-1: no limit) and calls `body` with each ready descriptor and
  /// its events.
  func wait(milliseconds: Int32, _ body: (Int32, UInt32) -> Void) {
    let count = epoll_wait(descriptor, events, capacity, milliseconds)
    guard count > 0 else { return }
    for index in 0..<Int(count) {
      let event = events[index]
      body(Int32(truncatingIfNeeded: event.data.u64), event.events)
    }
  }

  /// Wakes a thread in `wait` (any thread may call this).
  func wake() {
    var one: UInt64 = 1
    _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
  }

  /// Resets the eventfd after a wake-up.
  func drainWake() {
    var value: UInt64 = 0
    _ = read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
  }
}

/// What `recvmmsg` reads into, made once by the I/O thread and reused by every read: `count`
/// slots of `slotSize` octets in one buffer (a TCP read uses all of it), and for each slot its
/// `iovec`, its source address and its message header, pointing at each other.
final class ReceiveBatch {
  let count: Int
  let slotSize: Int
  let buffer: UnsafeMutableRawBufferPointer
  let messages: UnsafeMutablePointer<cres_mmsghdr>
  let sources: UnsafeMutablePointer<sockaddr_storage>
  private let vectors: UnsafeMutablePointer<iovec>

  init(count: Int, slotSize: Int) {
    self.count = count
    self.slotSize = slotSize
    buffer = .allocate(byteCount: count * slotSize, alignment: 8)
    messages = .allocate(capacity: count)
    sources = .allocate(capacity: count)
    sources.initialize(repeating: sockaddr_storage(), count: count)
    vectors = .allocate(capacity: count)
    for index in 0..<count {
      (vectors + index).initialize(
        to: iovec(iov_base: buffer.baseAddress.map { $0 + index * slotSize }, iov_len: slotSize))
      (messages + index).initialize(
        to: cres_mmsghdr(
          msg_hdr: msghdr(
            msg_name: UnsafeMutableRawPointer(sources + index),
            msg_namelen: socklen_t(MemoryLayout<sockaddr_storage>.size), msg_iov: vectors + index,
            msg_iovlen: 1, msg_control: nil, msg_controllen: 0, msg_flags: 0),
          msg_len: 0))
    }
  }

  deinit {
    buffer.deallocate()
    messages.deallocate()
    sources.deallocate()
    vectors.deallocate()
  }
}

/// The datagrams of one `sendmmsg` call, copied one after the other into one buffer. The I/O
/// thread keeps one and refills it every turn: its headers, vectors and bytes are made once
/// and grow only when a turn sends more than any before (a list of the queries, their bytes
/// joined, the vectors and the headers were four arrays made for every send).
final class SendBatch {
  private(set) var count = 0
  private var capacity = 0
  private var bytes = UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 8)
  private var byteCapacity = 0
  private var used = 0
  /// Where each datagram starts in `bytes`, and its length.
  private var spans = UnsafeMutablePointer<(offset: Int, length: Int)>.allocate(capacity: 0)
  private var vectors = UnsafeMutablePointer<iovec>.allocate(capacity: 0)
  private var headers = UnsafeMutablePointer<cres_mmsghdr>.allocate(capacity: 0)

  deinit {
    bytes.deallocate()
    spans.deallocate()
    vectors.deallocate()
    headers.deallocate()
  }

  /// Empties the batch, keeping its room.
  func removeAll() {
    count = 0
    used = 0
  }

  /// Adds a copy of `datagram` at the end.
  func append(_ datagram: [UInt8]) {
    if count == capacity { growEntries() }
    if used + datagram.count > byteCapacity { growBytes(to: used + datagram.count) }
    datagram.withUnsafeBytes { source in
      if let base = source.baseAddress {
        (bytes + used).copyMemory(from: base, byteCount: source.count)
      }
    }
    (spans + count).initialize(to: (used, datagram.count))
    used += datagram.count
    count += 1
  }

  /// The headers of the datagrams from `start` on (none past the end, all from before the
  /// first), pointing into the bytes as they are now (made here, after the last `append`: a
  /// grown buffer moves the bytes).
  func messages(from start: Int) -> UnsafeMutableBufferPointer<cres_mmsghdr> {
    let first = min(max(start, 0), count)
    for index in first..<count {
      let span = spans[index]
      (vectors + index).initialize(to: iovec(iov_base: bytes + span.offset, iov_len: span.length))
      (headers + index).initialize(
        to: cres_mmsghdr(
          msg_hdr: msghdr(
            msg_name: nil, msg_namelen: 0, msg_iov: vectors + index, msg_iovlen: 1,
            msg_control: nil, msg_controllen: 0, msg_flags: 0),
          msg_len: 0))
    }
    return UnsafeMutableBufferPointer(start: headers + first, count: count - first)
  }

  private func growEntries() {
    let larger = max(16, capacity * 2)
    let newSpans = UnsafeMutablePointer<(offset: Int, length: Int)>.allocate(capacity: larger)
    newSpans.moveInitialize(from: spans, count: count)
    spans.deallocate()
    spans = newSpans
    vectors.deallocate()
    vectors = .allocate(capacity: larger)
    headers.deallocate()
    headers = .allocate(capacity: larger)
    capacity = larger
  }

  private func growBytes(to needed: Int) {
    let larger = max(needed, 1_024, byteCapacity * 2)
    let newBytes = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 8)
    newBytes.copyMemory(from: bytes, byteCount: used)
    bytes.deallocate()
    bytes = newBytes
    byteCapacity = larger
  }
}
