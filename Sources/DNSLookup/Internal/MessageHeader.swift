/// The fixed header of a DNS message (RFC 1035 §4.1.1), read before the full parse.
///
/// The transport decides with it, and with `sameQuestion`, whether a datagram answers a query
/// it sent: id, QR, opcode, the question, TC for the switch to TCP, and FORMERR for the retry
/// without EDNS.
struct MessageHeader {
  /// The fixed header's length in octets.
  static let length = 12

  var id: UInt16
  var isResponse: Bool
  var opcode: UInt8
  var isTruncated: Bool
  /// RA: the server offers recursion (a recursive resolver, or an authoritative server that
  /// also recurses).
  var recursionAvailable: Bool
  var rcode: UInt8
  var questionCount: UInt16

  /// The header at the start of `message`; nil when it is shorter than a header.
  init?(_ message: UnsafeRawBufferPointer) {
    guard message.count >= Self.length else { return nil }
    id = UInt16(message[0]) << 8 | UInt16(message[1])
    isResponse = message[2] & 0x80 != 0
    opcode = (message[2] >> 3) & 0x0f
    isTruncated = message[2] & 0x02 != 0
    recursionAvailable = message[3] & 0x80 != 0
    rcode = message[3] & 0x0f
    questionCount = UInt16(message[4]) << 8 | UInt16(message[5])
  }

  /// Writes `id` into the first two octets of `message`.
  static func setID(_ id: UInt16, in message: inout [UInt8]) {
    message[0] = UInt8(id >> 8)
    message[1] = UInt8(id & 0xff)
  }

  /// The offset just past the first question (QNAME, QTYPE, QCLASS), or nil when the message
  /// has none or its name is compressed, overlong or cut short. A question name is the first
  /// name of a message, so a compression pointer in it can point at nothing valid.
  static func questionEnd(_ message: UnsafeRawBufferPointer) -> Int? {
    var offset = length
    var nameLength = 0
    while offset < message.count {
      let label = Int(message[offset])
      if label == 0 {
        let end = offset + 1 + 4
        return end <= message.count ? end : nil
      }
      guard label < 64 else { return nil }
      nameLength += label + 1
      guard nameLength < 255 else { return nil }
      offset += label + 1
    }
    return nil
  }

  /// True when `reply` carries exactly the question of `query`: one question, the same name
  /// (compared as wire octets, ASCII letters case-insensitively, RFC 4343), type and class.
  ///
  /// `query` is one we composed, so its question is well formed. A length octet is at most 63,
  /// below every letter, so folding the name's octets all alike compares length octets
  /// exactly: a reply whose name octets fold to the query's has the query's labels, and its
  /// question ends where the query's does.
  static func sameQuestion(
    _ query: UnsafeRawBufferPointer, _ reply: UnsafeRawBufferPointer
  ) -> Bool {
    guard let header = MessageHeader(reply), header.questionCount == 1,
      let queryEnd = questionEnd(query), reply.count >= queryEnd
    else { return false }
    // The name up to its root label folded; the root label, QTYPE and QCLASS exactly.
    let nameEnd = queryEnd - 5
    var index = length
    // Eight octets at a time while they are equal, as a server that echoes the question as
    // sent makes them; from the first word that differs, octet by octet.
    while index + 8 <= nameEnd,
      query.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        == reply.loadUnaligned(fromByteOffset: index, as: UInt64.self)
    {
      index += 8
    }
    while index < nameEnd {
      guard lowercased(query[index]) == lowercased(reply[index]) else { return false }
      index += 1
    }
    while index < queryEnd {
      guard query[index] == reply[index] else { return false }
      index += 1
    }
    return true
  }

  private static func lowercased(_ octet: UInt8) -> UInt8 {
    octet >= 0x41 && octet <= 0x5a ? octet | 0x20 : octet
  }
}
