// libFuzzer entry point for the zone-file (RFC 1035 master file) parser (see docs/fuzzing.md).
// Compiled by Scripts/fuzz together with Sources/DNSLookup; no SwiftPM target reads it.

private let origin = try? DomainName("example.test")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let zone = try? ZoneFile.parse(text, origin: origin, file: "fuzz.zone") {
    for record in zone.records { _ = record.presentation }
  }
  return 0
}
