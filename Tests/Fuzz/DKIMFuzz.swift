// libFuzzer entry point for the DKIM key record parser and the base64/DER key reader (see
// docs/fuzzing.md). Compiled by Scripts/fuzz together with Sources/SenderAuthCore.
import DNSLookup

private let owner = (try? DomainName("s1._domainkey.example.com")) ?? .root

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The whole input as a key record: tags, then p= through base64 and DER.
  _ = DKIMKeyRecordResult(owner: owner, ttl: 300, strings: [bytes], file: nil, line: nil)
  // The input as base64 text and as raw key octets, for both algorithms.
  _ = Base64.decode(bytes: bytes)
  for algorithm in [DKIMKey.Algorithm.rsa, .ed25519] {
    _ = DKIMKey.decode(octets: bytes, declared: algorithm)
  }
  return 0
}
