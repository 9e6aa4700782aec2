// libFuzzer entry point for the SPF parser and macro expansion (see docs/fuzzing.md).
// Compiled by Scripts/fuzz together with Sources/SenderAuthCore; no SwiftPM target reads it.
import DNSLookup

/// A fixed message context, so every macro letter has something to expand to.
private let context = SPFMacroContext(
  sender: "strong-bad@email.example.com", localPart: "strong-bad",
  senderDomain: "email.example.com", domain: "email.example.com",
  ip: IPAddress("2001:db8::cb01") ?? .v4([192, 0, 2, 3]), helo: "mx.example.org",
  receiver: "receiver.example", timestamp: 1_700_000_000, validatedName: "mx.example.org")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = SPFParser.isSPF(text)
  let parsed = SPFParser.parse(text)
  for term in parsed.record.terms {
    if let spec = term.domainSpec {
      _ = spec.expand(context)
      _ = spec.expandDomain(context)
    }
  }
  for use in [SPFMacroString.Use.domainSpec, .explanation, .unknownModifier] {
    if case .success(let macro) = SPFMacroString.parse(text, use: use) {
      _ = macro.expand(context)
      _ = macro.expandDomain(context)
    }
  }
  return 0
}
