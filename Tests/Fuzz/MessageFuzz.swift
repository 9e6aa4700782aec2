// libFuzzer entry point for the message header parser of `check --message` (see
// docs/fuzzing.md). Compiled by Scripts/fuzz together with Sources/SenderAuthCore.
import DNSLookup

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let headers = try? MessageHeaders.parse(bytes) {
    // What the renderers and rules read must hold whatever the input was.
    _ = headers.fromDomain.text
    _ = headers.signatures.map { ($0.domain?.text, $0.selector, $0.problem?.en) }
    _ = headers.receiver?.results.map(\.properties)
  }
  // The same octets behind a From field, so the field parsers are reached from any input.
  _ = try? MessageHeaders.parse(Array("From: a@b.example\n".utf8) + bytes)
  return 0
}
