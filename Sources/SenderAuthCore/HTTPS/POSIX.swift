import DNSLookup

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The POSIX calls of the HTTPS client, in one place: loopback listening, connecting with a
/// deadline, piping bytes, and the mount namespace that `--ca-file` uses. Each turns errno into
/// a `POSIX.Failure` at this boundary.
enum POSIX {
  /// A failed call: the call's name, errno and its text.
  struct Failure: Error, CustomStringConvertible {
    var call: String
    var code: Int32
    var description: String { "\(call): \(String(cString: strerror(code))) (errno \(code))" }

    static func last(_ call: String) -> Failure { Failure(call: call, code: errno) }
  }

  /// A TCP socket listening on 127.0.0.1 on a free port.
  static func listenOnLoopback() throws(Failure) -> (descriptor: Int32, port: UInt16) {
    let descriptor = socket(AF_INET, Int32(streamType), 0)
    guard descriptor >= 0 else { throw .last("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
    let bound = call(bind, descriptor, address)
    guard bound == 0, listen(descriptor, 64) == 0 else {
      let failure = Failure.last("bind/listen")
      close(descriptor)
      throw failure
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    return (descriptor, UInt16(bigEndian: address.sin_port))
  }

  #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
  #else
    static let streamType = SOCK_STREAM
  #endif

  /// Calls `function` (bind, connect) with `socketAddress` (sockaddr_in or sockaddr_in6) as a
  /// `sockaddr` pointer and its length.
  private static func call<Address>(
    _ function: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Int32, _ descriptor: Int32,
    _ socketAddress: Address
  ) -> Int32 {
    withUnsafePointer(to: socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        function(descriptor, $0, socklen_t(MemoryLayout<Address>.size))
      }
    }
  }

  /// Waits for a connection on `listener`; nil once the listener is closed.
  static func acceptConnection(_ listener: Int32) -> Int32? {
    while true {
      let descriptor = accept(listener, nil, nil)
      if descriptor >= 0 { return descriptor }
      if errno == EINTR || errno == ECONNABORTED { continue }
      return nil
    }
  }

  /// How a connection attempt ended.
  enum ConnectResult {
    case connected(Int32)
    case refused
    case timedOut
    case failed(String)
  }

  /// Connects to `address` port `port`, giving up after `timeout` seconds.
  static func connectWithTimeout(
    to address: IPAddress, port: UInt16, timeout: Double
  ) -> ConnectResult {
    let family = address.isIPv4 ? AF_INET : AF_INET6
    let descriptor = socket(family, streamType, 0)
    guard descriptor >= 0 else { return .failed(Failure.last("socket").description) }
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    let bytes = address.bytes
    let result: Int32
    if address.isIPv4 {
      var socketAddress = sockaddr_in()
      socketAddress.sin_family = sa_family_t(AF_INET)
      socketAddress.sin_port = port.bigEndian
      withUnsafeMutableBytes(of: &socketAddress.sin_addr) { $0.copyBytes(from: bytes) }
      result = call(connect, descriptor, socketAddress)
    } else {
      var socketAddress = sockaddr_in6()
      socketAddress.sin6_family = sa_family_t(AF_INET6)
      socketAddress.sin6_port = port.bigEndian
      withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { $0.copyBytes(from: bytes) }
      result = call(connect, descriptor, socketAddress)
    }
    if result != 0 && errno != EINPROGRESS {
      let code = errno
      close(descriptor)
      return code == ECONNREFUSED
        ? .refused : .failed(Failure(call: "connect", code: code).description)
    }
    if result != 0 {
      var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      let ready = poll(&entry, 1, Int32(max(timeout, 0.001) * 1000))
      guard ready > 0 else {
        close(descriptor)
        return .timedOut
      }
      var code: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
      guard code == 0 else {
        close(descriptor)
        return code == ECONNREFUSED
          ? .refused : .failed(Failure(call: "connect", code: code).description)
      }
    }
    _ = fcntl(descriptor, F_SETFL, flags)
    return .connected(descriptor)
  }

  /// Reads what is available into `buffer` (blocking until something comes or `timeout`
  /// seconds pass); 0 at end of stream or timeout, -1 on error.
  static func readAvailable(
    _ descriptor: Int32, into buffer: inout [UInt8], timeout: Double
  ) -> Int {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return 0 }
    return buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
  }

  /// Writes all of `bytes`; false when the peer is gone.
  @discardableResult
  static func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>) -> Bool {
    let data = Array(bytes)
    var offset = 0
    while offset < data.count {
      let written = data[offset...].withUnsafeBytes {
        send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  /// Copies bytes both ways between `a` and `b` until one side closes or nothing moves for
  /// `idle` seconds.
  static func pipe(_ a: Int32, _ b: Int32, idle: Double) {
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    var entries = [
      pollfd(fd: a, events: Int16(POLLIN), revents: 0),
      pollfd(fd: b, events: Int16(POLLIN), revents: 0),
    ]
    while true {
      entries[0].revents = 0
      entries[1].revents = 0
      let ready = poll(&entries, 2, Int32(idle * 1000))
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0 else { return }
      for (index, entry) in entries.enumerated() where entry.revents != 0 {
        let from = entry.fd
        let to = index == 0 ? b : a
        let count = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
        guard count > 0, writeAll(to, buffer[0..<count]) else { return }
      }
    }
  }

  static func closeDescriptor(_ descriptor: Int32) { close(descriptor) }

  /// Shuts the descriptor down for both directions (wakes a thread blocked in `accept`).
  static func shutDown(_ descriptor: Int32) { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }

  /// Sets an environment variable (before other threads exist; see `LoopbackConnectProxy`).
  static func setEnvironment(_ name: String, _ value: String?) {
    if let value { setenv(name, value, 1) } else { unsetenv(name) }
  }

  /// The number of threads of this process (from /proc), nil when unknown.
  static func threadCount() -> Int? {
    guard let directory = opendir("/proc/self/task") else { return nil }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { count += 1 }
    }
    return count
  }

  /// Linux `unshare(2)` flags (linux/sched.h).
  static let newMountNamespace: Int32 = 0x0002_0000
  static let newUserNamespace: Int32 = 0x1000_0000

  /// `unshare(2)`, looked up at run time: Glibc's module does not export it (it needs
  /// _GNU_SOURCE).
  static func unshare(_ flags: Int32) throws(Failure) {
    typealias Unshare = @convention(c) (Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "unshare") else {
      throw Failure(call: "unshare", code: ENOSYS)
    }
    guard unsafeBitCast(symbol, to: Unshare.self)(flags) == 0 else { throw .last("unshare") }
  }

  /// Makes every mount of this (new) namespace private, so nothing mounted later propagates
  /// back to the namespace we came from.
  static func makeMountsPrivate() throws(Failure) {
    guard mount("none", "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else {
      throw .last("mount --make-rprivate /")
    }
  }

  /// Bind-mounts the file `source` over the file `target`.
  static func bindMount(_ source: String, over target: String) throws(Failure) {
    guard mount(source, target, nil, UInt(MS_BIND), nil) == 0 else {
      throw .last("mount --bind \(source) \(target)")
    }
  }

  /// Maps our user and group to root inside a new user namespace (so it may mount).
  static func mapIdentityToRoot(uid: UInt32, gid: UInt32) throws(Failure) {
    try writeFile("/proc/self/setgroups", "deny")
    try writeFile("/proc/self/uid_map", "0 \(uid) 1")
    try writeFile("/proc/self/gid_map", "0 \(gid) 1")
  }

  static func identity() -> (uid: UInt32, gid: UInt32, euid: UInt32) {
    (getuid(), getgid(), geteuid())
  }

  /// Writes `text` to `path` (an existing file such as /proc/self/uid_map).
  static func writeFile(_ path: String, _ text: String) throws(Failure) {
    let descriptor = open(path, O_WRONLY)
    guard descriptor >= 0 else { throw .last("open \(path)") }
    defer { close(descriptor) }
    guard writeFileBytes(descriptor, Array(text.utf8)) else { throw .last("write \(path)") }
  }

  /// Writes all of `bytes` to a file descriptor; false on an error.
  static func writeFileBytes(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  /// True when `path` is a regular file (symbolic links followed).
  static func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
  }

  /// A new private file in the temporary directory holding `bytes`; its path.
  static func temporaryFile(_ bytes: [UInt8]) throws(Failure) -> String {
    var template = Array("/tmp/senderauth-ca-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else { throw .last("mkstemp") }
    defer { close(descriptor) }
    let path = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard writeFileBytes(descriptor, bytes) else { throw .last("write \(path)") }
    fchmod(descriptor, 0o644)
    return path
  }

  static func removeFile(_ path: String) { unlink(path) }
}
