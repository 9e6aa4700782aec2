import DNSLookup
import Synchronization
import Testing

@Suite struct SharedMemoTests {
  @Test func makesEachResultOnceAndReturnsTheKeptOne() {
    let memo = SharedMemo<String, Int>(capacity: 8)
    let made = Mutex(0)
    func length(_ text: String) -> Int {
      memo.value(for: text) {
        made.withLock { $0 += 1 }
        return text.count
      }
    }
    #expect(length("v=spf1 -all") == 11)
    #expect(length("v=spf1 -all") == 11)
    #expect(length("v=spf1") == 6)
    #expect(made.withLock { $0 } == 2)
  }

  @Test func holdsNoMoreThanItsCapacityAndKeepsWhatIsAskedForAgain() {
    let memo = SharedMemo<Int, Int>(capacity: 4)
    _ = memo.value(for: 0) { 0 }
    _ = memo.value(for: 0) { 0 }
    for key in 1...100 { _ = memo.value(for: key) { key } }
    #expect(memo.count == 4)
    #expect(memo.value(for: 0) { -1 } == 0)
  }

  @Test func tasksAtOnceGetTheSameResults() async {
    let memo = SharedMemo<Int, String>(capacity: 64)
    let results = await withTaskGroup(of: (Int, String).self) { group in
      for task in 0..<200 {
        group.addTask {
          let key = task % 50
          return (key, memo.value(for: key) { "value \(key)" })
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 200)
    #expect(results.allSatisfy { $0.1 == "value \($0.0)" })
    #expect(memo.count == 50)
  }
}

@Suite struct ExactTextTests {
  @Test func tellsCanonicallyEquivalentTextsApart() {
    let ascii = "v=spf1 include:K.example -all"
    let kelvin = "v=spf1 include:\u{212A}.example -all"
    #expect(ascii == kelvin)  // what String says
    #expect(ExactText(ascii) != ExactText(kelvin))
    #expect(ExactText(ascii) == ExactText(String(ascii.utf8)))
    #expect(Set([ExactText(ascii), ExactText(kelvin), ExactText(ascii)]).count == 2)
  }

  /// Texts of the same length are compared octet for octet (on the heap, longer than a small
  /// string's fifteen octets, and in it), and two empty texts are equal.
  @Test func sameLengthTextsDifferInAnyOctet() {
    for text in ["v=spf1 include:_spf.example -all", "v=spf1 -all"] {
      for index in text.utf8.indices {
        var octets = Array(text.utf8)
        let position = text.utf8.distance(from: text.utf8.startIndex, to: index)
        octets[position] ^= 0x01
        let other = String(decoding: octets, as: UTF8.self)
        #expect(ExactText(text) != ExactText(other), "\(other)")
        #expect(ExactText(text) == ExactText(String(decoding: Array(text.utf8), as: UTF8.self)))
      }
    }
    #expect(ExactText("") == ExactText(String()))
  }
}
