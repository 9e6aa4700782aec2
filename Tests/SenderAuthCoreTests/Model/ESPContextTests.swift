import DNSLookup
import DNSTestSupport
import Testing

@testable import SenderAuthCore

@Suite struct ESPContextTests {
  /// What the context answered when it was a table of tables: the last answer for a question
  /// wins; a CNAME is looked for in the CNAME, TXT and MX answers, in that order; failures by
  /// name and then by type.
  struct Reference {
    var answers: [DomainName: [RRType: LookupResult]] = [:]

    mutating func add(_ name: DomainName, _ type: RRType, _ result: LookupResult) {
      answers[name, default: [:]][type] = result
    }

    func cname(at name: DomainName) -> ResourceRecord? {
      for type in [RRType.cname, .txt, .mx] {
        guard let answer = answers[name]?[type]?.answer else { continue }
        if let record = answer.records.first(where: { $0.type == .cname && $0.name == name }) {
          return record
        }
      }
      return nil
    }

    var failures: [LookupFailure] {
      answers.keys.sorted().flatMap { name in
        (answers[name] ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }.compactMap {
          $0.value.failure
        }
      }
    }
  }

  /// From a fixed seed: answers added to both in random order, names repeated apart from each
  /// other (a return path that is also a probe's host), questions answered twice; every
  /// question, CNAME and the failures compared.
  @Test func answersWhatATableOfTablesAnswered() throws {
    var random = SeededRandom(seed: 0xE5C_0417)
    let names = try [
      "em.example.com", "pm-bounces.example.com", "s1._domainkey.example.com",
      "bounce.example.org", "Em.Example.com",
    ].map { try DomainName($0) }
    // Each asked type's answer names another target, so the order the CNAME is looked for in
    // shows.
    func target(_ type: RRType) throws -> DomainName {
      try DomainName("\(type.mnemonic.lowercased()).u1.wl.sendgrid.example")
    }
    let types: [RRType] = [.txt, .mx, .cname, .a]
    var compared = 0
    for _ in 0..<400 {
      var context = ESPContext()
      var reference = Reference()
      for _ in 0..<random.number(0...14) {
        let name = random.pick(names)
        let type = random.pick(types)
        let result: LookupResult
        switch random.below(4) {
        case 0:
          result = .failed(
            LookupFailure(
              name: name, type: type, error: .timeout(server: nil), purpose: "ESP record"))
        case 1:
          let records = [
            ResourceRecord(name: name, type: .cname, ttl: 60, data: .cname(try target(type)))
          ]
          result = .answer(DNSAnswer(name: name, type: type, status: .nodata, records: records))
        default:
          result = .answer(DNSAnswer(name: name, type: type, status: .nxdomain, records: []))
        }
        context.add(name, type, result)
        reference.add(name, type, result)
      }
      for name in names {
        for type in types {
          #expect(context.result(name, type) == reference.answers[name]?[type])
          compared += 1
        }
        #expect(context.cname(at: name) == reference.cname(at: name))
        let expected: DomainName? =
          if case .cname(let target)? = reference.cname(at: name)?.data { target } else { nil }
        #expect(context.cnameTarget(at: name) == expected)
      }
      #expect(context.failures == reference.failures)
      let held = reference.answers.values.reduce(0) { $0 + $1.count }
      #expect(context.entries.count == held)
    }
    #expect(compared == 400 * 5 * 4)
  }
}
