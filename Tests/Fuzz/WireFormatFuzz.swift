// libFuzzer entry point for the DNS answer (wire format) parser (see docs/fuzzing.md).
// Compiled by Scripts/fuzz together with Sources/DNSLookup (WireFormat is internal).

private let fixedName = (try? DomainName("example.test")) ?? .root

/// The question name of `bytes` when it is a plain uncompressed name, so answers whose
/// question matches reach the record parser; otherwise the fixed name.
private func questionName(_ bytes: UnsafeBufferPointer<UInt8>) -> (DomainName, RRType) {
  var labels: [String] = []
  var offset = 12
  while offset < bytes.count {
    let length = Int(bytes[offset])
    if length == 0 {
      guard offset + 2 < bytes.count else { break }
      let type = RRType(rawValue: UInt16(bytes[offset + 1]) << 8 | UInt16(bytes[offset + 2]))
      let name = labels.isEmpty ? DomainName.root : (try? DomainName(labels.joined(separator: ".")))
      return (name ?? fixedName, type)
    }
    guard length < 64, offset + 1 + length <= bytes.count else { break }
    labels.append(String(decoding: bytes[(offset + 1)..<(offset + 1 + length)], as: UTF8.self))
    offset += 1 + length
  }
  return (fixedName, .txt)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size <= 65535 else { return 0 }
  let buffer = UnsafeBufferPointer(start: data, count: size)
  let (name, type) = questionName(buffer)
  if let answer = try? WireFormat.parse(
    data, length: size, name: name, type: type, server: "127.0.0.1:53")
  {
    for record in answer.records { _ = record.presentation }
    _ = answer.txtJoined
  }
  return 0
}
