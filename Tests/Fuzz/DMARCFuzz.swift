// libFuzzer entry point for the DMARC record parser (see docs/fuzzing.md).
// Compiled by Scripts/fuzz together with Sources/SenderAuthCore; no SwiftPM target reads it.
import DNSLookup

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = DMARCParser.parse(text, owner: try? DomainName("_dmarc.example.com"))
  _ = DMARCParser.looksLikeDMARC(text)
  // The same text behind a valid version tag, so the tag parser is reached from any input.
  _ = DMARCParser.parse("v=DMARC1; " + text)
  return 0
}
