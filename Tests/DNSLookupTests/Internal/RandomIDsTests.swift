import Testing

@testable import DNSLookup

/// Query ids come from the kernel's random source in draws of `RandomIDs.perDraw`: they must
/// look random across draws (not repeat a draw, not stick to a range or a parity).
@Suite struct RandomIDsTests {
  @Test func idsAcrossManyDrawsLookUniform() {
    var ids = RandomIDs()
    let count = RandomIDs.perDraw * 80
    var seen = Set<UInt16>()
    var odd = 0
    var high = 0
    for _ in 0..<count {
      let id = ids.next()
      seen.insert(id)
      odd += Int(id & 1)
      high += id >= 0x8000 ? 1 : 0
    }
    // 10,240 draws from 65,536 values: about 9,470 distinct (birthday bound); a repeated
    // draw or a stuck generator gives far fewer.
    #expect(seen.count > 9_000, "\(seen.count) distinct of \(count)")
    #expect(abs(odd - count / 2) < count / 20, "\(odd) odd of \(count)")
    #expect(abs(high - count / 2) < count / 20, "\(high) high of \(count)")
  }

  @Test func fillRandomFillsTheBufferAndRefusesMoreThanOneCallGives() {
    var octets = [UInt8](repeating: 0, count: 256)
    let filled = octets.withUnsafeMutableBytes { Sockets.fillRandom($0) }
    #expect(filled)
    #expect(Set(octets).count > 100)
    var larger = [UInt8](repeating: 0, count: 512)
    #expect(!larger.withUnsafeMutableBytes { Sockets.fillRandom($0) })
  }
}
