import DNSLookup
import DNSTestSupport
import Testing

@testable import SenderAuthCore

@Suite struct ESPProbePlanTests {
  /// What the engine's ESP lookups asked before the plan: every probe's label joined as text below
  /// the domain, each question once, in order, then TXT, MX and CNAME at the return path.
  static func reference(domain: DomainName, returnPath: DomainName?, probes: [ESPProbe])
    -> [DNSQuestion]
  {
    var questions: [DNSQuestion] = []
    var asked: Set<DNSQuestion> = []
    func add(_ name: DomainName, _ types: [RRType]) {
      for type in types where asked.insert(DNSQuestion(name: name, type: type)).inserted {
        questions.append(DNSQuestion(name: name, type: type))
      }
    }
    for probe in domain.isRoot ? [] : probes {
      if let name = try? domain.prepending(probe.label) { add(name, probe.types) }
    }
    if let returnPath { add(returnPath, [.txt, .mx, .cname]) }
    return questions
  }

  /// The plan asks what the reference asks, in the same order: from a fixed seed, probe lists
  /// with labels repeated in other cases, types repeated within and across probes, labels with
  /// escapes (the plan's fallback), domains up to the length limit, the root, domains with
  /// escapes, and return paths that are a probe's host.
  @Test func thePlanAsksWhatJoiningEveryLabelAsks() throws {
    var random = SeededRandom(seed: 0xE5B_9A0B)
    let types: [RRType] = [.txt, .mx, .cname, .a]
    let baseLabels = [
      "s1._domainkey", "S1._DomainKey", "pm-bounces", "PM-Bounces", "em", "k1._domainkey",
      "selector1._domainkey", "a.b.c", "x",
    ]
    var compared = 0
    var fallbacks = 0
    for _ in 0..<1500 {
      var probes: [ESPProbe] = []
      for _ in 0..<random.number(0...12) {
        var label = random.pick(baseLabels)
        if random.chance(4) { label = random.pick(["a\\.b", "sp ace", "\\065b", "x..y", ""]) }
        if random.chance(3) { label = String(repeating: "l", count: random.number(60...70)) }
        let probeTypes = (0..<random.number(0...3)).map { _ in random.pick(types) }
        probes.append(ESPProbe(label: label, types: probeTypes))
      }
      let domainText: String
      switch random.below(5) {
      case 0: domainText = "."
      case 1: domainText = "we\\.ird.example"
      case 2:
        domainText =
          (0..<4).map { _ in String(repeating: "d", count: random.number(50...62)) }
          .joined(separator: ".")
      default: domainText = random.pick(["example.com", "Sub.Example.COM", "a.example"])
      }
      let domain = try DomainName(domainText)
      var returnPath: DomainName?
      if random.chance(50) {
        let probeHost = probes.isEmpty ? nil : try? domain.prepending(random.pick(probes).label)
        returnPath = random.chance(50) ? probeHost : try DomainName("bounce.example.net")
      }
      let plan = ESPProbePlan(probes)
      let asked = plan.lookups(domain: domain, options: CheckOptions(returnPath: returnPath))
        .map { DNSQuestion(name: $0.name, type: $0.type) }
      let expected = Self.reference(domain: domain, returnPath: returnPath, probes: probes)
      #expect(
        asked == expected, "\(probes) below \(domain.text), return path \(returnPath?.text ?? "-")")
      compared += 1
      if probes.contains(where: { DomainName.RelativeName($0.label) == nil }) { fallbacks += 1 }
    }
    #expect(compared == 1500)
    #expect(fallbacks > 200 && fallbacks < 1300)
  }
}
