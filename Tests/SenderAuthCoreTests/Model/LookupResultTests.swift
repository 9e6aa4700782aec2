import DNSLookup
import Testing

@testable import SenderAuthCore

/// A lookup's result is one reference, so that the contexts' fields, arrays and async frames
/// that hold dozens of them stay small; a failure keeps everything it says.
@Suite struct LookupResultTests {
  @Test func aResultIsOneReference() throws {
    #expect(MemoryLayout<LookupResult>.size <= MemoryLayout<Int>.size + 1)
    let name = try DomainName("_dmarc.example.com")
    let failure = LookupFailure(
      name: name, type: .txt, error: .timeout(server: "192.0.2.53:53"), purpose: "DMARC record")
    let failed = LookupResult(
      .failure(.timeout(server: "192.0.2.53:53")), name: name, type: .txt, purpose: "DMARC record")
    #expect(failed == .failed(failure))
    #expect(failed.failure == failure)
    #expect(failed.answer == nil)
    let answer = DNSAnswer(name: name, type: .txt, status: .nodata)
    #expect(LookupResult(.success(answer), name: name, type: .txt, purpose: "x").answer == answer)
    #expect(Set([failed, .failed(failure), .answer(answer)]).count == 2)
  }
}
