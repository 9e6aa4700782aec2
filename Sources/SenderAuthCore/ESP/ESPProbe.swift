import DNSLookup

/// A name an ESP setup puts below the checked domain, and the types to ask for there.
///
/// The ESP catalog (in SenderAuthRules) turns into these values; the engine queries them
/// without knowing any ESP.
public struct ESPProbe: Hashable, Sendable, Codable {
  /// Labels in front of the domain (`s1._domainkey`, `pm-bounces`).
  public var label: String
  public var types: [RRType]

  public init(label: String, types: [RRType]) {
    self.label = label
    self.types = types
  }
}

/// ESP probes made ready once for every domain (`Engine.espProbes`; the catalog's are made once
/// per process): each probe's labels checked and in canonical form
/// (`DomainName.RelativeName`), with the types no earlier probe with the same labels asks.
/// Below a domain distinct labels make distinct names, so a domain's questions are the labels
/// joined to it, each once without a set; only `--return-path`, which may name a probe's host,
/// is compared with them. When a probe's labels are not such labels (an escape), every probe is
/// joined as text and each question kept once by a set.
public struct ESPProbePlan: Sendable {
  /// The probes as given.
  public let probes: [ESPProbe]
  /// Each probe's labels with the types no earlier probe with the same labels asks; nil when a
  /// probe's labels are not plain labels (then `lookups` joins them as text).
  private let prepared: [(prefix: DomainName.RelativeName, types: [RRType])]?

  public init(_ probes: [ESPProbe]) {
    self.probes = probes
    var prepared: [(prefix: DomainName.RelativeName, types: [RRType])] = []
    var asked: Set<String> = []
    for probe in probes {
      guard let prefix = DomainName.RelativeName(probe.label) else {
        self.prepared = nil
        return
      }
      let types = probe.types.filter { asked.insert("\($0.rawValue) \(prefix.text)").inserted }
      if !types.isEmpty { prepared.append((prefix, types)) }
    }
    self.prepared = prepared
  }

  /// The questions below `domain` and at `options.returnPath` (TXT, MX and CNAME), each once,
  /// in the probes' order.
  func lookups(domain: DomainName, options: CheckOptions) -> [SingleLookup] {
    var queries: [SingleLookup] = []
    // Under the root a probe's name would be its label alone: none is asked there.
    if !domain.isRoot, let prepared {
      queries.reserveCapacity(prepared.reduce(3) { $0 + $1.types.count })
      for (prefix, types) in prepared {
        guard let name = domain.prepending(prefix) else { continue }
        for type in types {
          queries.append(SingleLookup(name: name, type: type, purpose: Self.purpose))
        }
      }
    } else if !domain.isRoot {
      var asked: Set<DNSQuestion> = []
      for probe in probes {
        guard let name = try? domain.prepending(probe.label) else { continue }
        for type in probe.types where asked.insert(DNSQuestion(name: name, type: type)).inserted {
          queries.append(SingleLookup(name: name, type: type, purpose: Self.purpose))
        }
      }
    }
    if let returnPath = options.returnPath {
      for type in [RRType.txt, .mx, .cname]
      where !queries.contains(where: { $0.type == type && $0.name == returnPath }) {
        queries.append(SingleLookup(name: returnPath, type: type, purpose: Self.purpose))
      }
    }
    return queries
  }

  private static let purpose = "ESP record"
}
