import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Small loopback socket helpers for the test servers: free ports, bound sockets, a DNS probe.
public enum LoopbackSocket {
  /// True when this machine can bind `::1` (some containers have no IPv6 loopback).
  public static let hasIPv6Loopback: Bool = {
    guard let socket = try? bind(ipv6: true, kind: SOCK_DGRAM, port: 0) else { return false }
    close(socket.descriptor)
    return true
  }()

  /// A port that is free for UDP and TCP on 127.0.0.1 (and `::1` when `ipv6`) right now.
  public static func freePort(ipv6: Bool = false) throws(KnotServerError) -> UInt16 {
    for _ in 0..<50 {
      guard let udp = try? bind(ipv6: false, kind: SOCK_DGRAM, port: 0) else { continue }
      var descriptors = [udp.descriptor]
      defer { descriptors.forEach { _ = close($0) } }
      var free = true
      var kinds: [(Bool, Int32)] = [(false, Int32(SOCK_STREAM.rawValue))]
      if ipv6 {
        kinds += [(true, Int32(SOCK_DGRAM.rawValue)), (true, Int32(SOCK_STREAM.rawValue))]
      }
      for (v6, kind) in kinds {
        guard let other = try? bind(ipv6: v6, kind: __socket_type(UInt32(kind)), port: udp.port)
        else {
          free = false
          break
        }
        descriptors.append(other.descriptor)
      }
      if free { return udp.port }
    }
    throw KnotServerError("no free loopback port found")
  }

  /// A UDP port on 127.0.0.1 where nothing listens, so a query to it is refused (ICMP port
  /// unreachable). It lies below the kernel's ephemeral range, which `bind` to port 0 draws
  /// from, so no test server started meanwhile (they all bind port 0) can take it.
  public static func closedPort() throws(KnotServerError) -> UInt16 {
    let range =
      (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
      .split(whereSeparator: \.isWhitespace).compactMap { UInt16($0) }
    let ephemeralStart = range?.first ?? 32_768
    for _ in 0..<50 {
      let port = UInt16.random(in: 10_000..<max(ephemeralStart, 10_001))
      if let socket = try? bind(ipv6: false, kind: SOCK_DGRAM, port: port) {
        close(socket.descriptor)
        return port
      }
    }
    throw KnotServerError("no closed loopback port found below \(ephemeralStart)")
  }

  /// A UDP socket on 127.0.0.1 that takes datagrams and never answers: a server gone quiet.
  /// The caller closes `descriptor`.
  public static func silentUDP() throws(KnotServerError) -> (descriptor: Int32, port: UInt16) {
    try bind(ipv6: false, kind: SOCK_DGRAM, port: 0)
  }

  /// A socket bound to 127.0.0.1 or ::1 on `port` (0: any free port), with the port it got.
  static func bind(
    ipv6: Bool, kind: __socket_type, port: UInt16
  ) throws(KnotServerError) -> (descriptor: Int32, port: UInt16) {
    let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, Int32(kind.rawValue), 0)
    guard descriptor >= 0 else { throw KnotServerError("socket() failed: errno \(errno)") }
    var result: Int32
    if ipv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      address.sin6_addr = in6addr_loopback
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw KnotServerError("bind failed: errno \(errno)")
    }
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    let bound: UInt16 = withUnsafePointer(to: &storage) { pointer in
      if ipv6 {
        pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin6_port)
        }
      } else {
        pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin_port)
        }
      }
    }
    return (descriptor, bound)
  }

  /// Encodes a minimal query (no RD, no EDNS) for `name` (absolute, `example.test.`) and `type`.
  public static func query(id: UInt16, name: String, type: UInt16) -> [UInt8] {
    var packet: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xff), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    for label in name.split(separator: ".") {
      let bytes = Array(label.utf8.prefix(63))
      packet.append(UInt8(bytes.count))
      packet += bytes
    }
    packet += [0, UInt8(type >> 8), UInt8(type & 0xff), 0, 1]
    return packet
  }

  /// Sends one UDP query to `host`:`port` (an IPv4 loopback address) and returns the reply's
  /// rcode, or nil when no reply came within `milliseconds`.
  public static func probe(
    host: String = "127.0.0.1", port: UInt16, name: String, type: UInt16 = 6,
    milliseconds: Int32 = 50
  ) -> Int? {
    let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    let id = UInt16.random(in: 1...UInt16.max)
    let packet = query(id: id, name: name, type: type)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
    let sent = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        sendto(descriptor, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard sent == packet.count else { return nil }
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, milliseconds) == 1 else { return nil }
    var reply = [UInt8](repeating: 0, count: 4096)
    let count = recv(descriptor, &reply, reply.count, 0)
    guard count >= 12, reply[0] == packet[0], reply[1] == packet[1] else { return nil }
    return Int(reply[3] & 0x0f)
  }
}
