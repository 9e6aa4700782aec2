import DNSLookup
import Foundation
import Testing

@Suite struct CopyOnWriteTests {
  private struct Pair: Hashable, Codable {
    var name: String
    var items: [Int]
  }

  @Test func aWriteToOneCopyLeavesTheOtherAsItWas() {
    let original = CopyOnWrite(Pair(name: "a", items: [1]))
    var copy = original
    copy.value.items.append(2)
    copy.value.name = "b"
    #expect(original.value == Pair(name: "a", items: [1]))
    #expect(copy.value == Pair(name: "b", items: [1, 2]))
    #expect(original != copy)
  }

  @Test func equalValuesInSeparateStorageAreEqualAndHashAlike() {
    let one = CopyOnWrite(Pair(name: "a", items: [1, 2]))
    let other = CopyOnWrite(Pair(name: "a", items: [1, 2]))
    #expect(one == other)
    #expect(Set([one, other]).count == 1)
  }

  @Test func encodesAsTheValueItself() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let value = Pair(name: "a", items: [1])
    let boxed = try encoder.encode(CopyOnWrite(value))
    #expect(boxed == (try encoder.encode(value)))
    #expect(try JSONDecoder().decode(CopyOnWrite<Pair>.self, from: boxed).value == value)
  }

  @Test func answersAndRecordsKeepValueSemantics() throws {
    let name = try DomainName("example.com")
    let record = ResourceRecord(name: name, type: .txt, ttl: 300, data: .txt([Array("a".utf8)]))
    let answer = DNSAnswer(name: name, type: .txt, status: .answer, records: [record])
    var changed = answer
    changed.records[0].ttl = 60
    changed.server = "127.0.0.1:53"
    #expect(answer.records[0].ttl == 300)
    #expect(answer.server == nil)
    #expect(changed.records[0].ttl == 60)
    #expect(answer != changed)
    changed.records[0].ttl = 300
    changed.server = nil
    #expect(answer == changed)
    #expect(answer.hashValue == changed.hashValue)
  }
}
