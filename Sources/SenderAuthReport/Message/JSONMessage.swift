import SenderAuthCore

/// The `message` member of a domain in the JSON report (`check --message`), with exactly the
/// documented fields; a value that cannot be told is `null`, never left out:
/// `{"from", "subject", "spf": {"domain", "ip", "result", "aligned"}, "dkim": [{"domain",
/// "selector", "keyFound", "aligned"}], "dmarc": {"result": "pass|fail|none|unknown",
/// "policy"}, "reverseDNS": {"ip", "result", "name", "unchecked"} or null, "receiver":
/// {"server", "spf", "spfDomain", "dkim": [{"domain", "selector", "result"}], "dmarc", "iprev",
/// "iprevAddress"} or null, "differences": [text]}`.
struct JSONMessage: Encodable {
  var prediction: MessagePrediction
  var language: Language

  init(_ prediction: MessagePrediction, language: Language) {
    self.prediction = prediction
    self.language = language
  }

  enum Keys: String, CodingKey {
    case from, subject, spf, dkim, dmarc, domain, ip, result, aligned, selector, keyFound, policy
    case receiver, server, spfDomain, differences, reverseDNS, name, iprev, iprevAddress
    case unchecked
  }

  func encode(to encoder: any Encoder) throws {
    var root = encoder.container(keyedBy: Keys.self)
    try root.encode(prediction.from, forKey: .from)
    var spf = root.nestedContainer(keyedBy: Keys.self, forKey: .spf)
    try spf.encode(prediction.spf.domain, forKey: .domain)
    try spf.encode(prediction.spf.ip, forKey: .ip)
    try spf.encode(prediction.spf.result, forKey: .result)
    try spf.encode(prediction.spf.aligned, forKey: .aligned)
    var dkim = root.nestedUnkeyedContainer(forKey: .dkim)
    for signature in prediction.dkim {
      var item = dkim.nestedContainer(keyedBy: Keys.self)
      try item.encode(signature.domain, forKey: .domain)
      try item.encode(signature.selector, forKey: .selector)
      try item.encode(signature.keyFound, forKey: .keyFound)
      try item.encode(signature.aligned, forKey: .aligned)
    }
    var dmarc = root.nestedContainer(keyedBy: Keys.self, forKey: .dmarc)
    try dmarc.encode(prediction.dmarc.result.rawValue, forKey: .result)
    try dmarc.encode(prediction.dmarc.policy, forKey: .policy)
    try root.encode(prediction.subject, forKey: .subject)
    if let reverse = prediction.reverseDNS {
      var item = root.nestedContainer(keyedBy: Keys.self, forKey: .reverseDNS)
      try item.encode(reverse.ip, forKey: .ip)
      try item.encode(reverse.result, forKey: .result)
      try item.encode(reverse.name, forKey: .name)
      try item.encode(reverse.unchecked?.rawValue, forKey: .unchecked)
    } else {
      try root.encodeNil(forKey: .reverseDNS)
    }
    if let receiver = prediction.receiver {
      var theirs = root.nestedContainer(keyedBy: Keys.self, forKey: .receiver)
      try theirs.encode(receiver.server, forKey: .server)
      try theirs.encode(receiver.spf, forKey: .spf)
      try theirs.encode(receiver.spfDomain, forKey: .spfDomain)
      var signatures = theirs.nestedUnkeyedContainer(forKey: .dkim)
      for signature in receiver.dkim {
        var item = signatures.nestedContainer(keyedBy: Keys.self)
        try item.encode(signature.domain, forKey: .domain)
        try item.encode(signature.selector, forKey: .selector)
        try item.encode(signature.result, forKey: .result)
      }
      try theirs.encode(receiver.dmarc, forKey: .dmarc)
      try theirs.encode(receiver.iprev, forKey: .iprev)
      try theirs.encode(receiver.iprevAddress, forKey: .iprevAddress)
    } else {
      try root.encodeNil(forKey: .receiver)
    }
    try root.encode(prediction.differences.map { $0.text(language) }, forKey: .differences)
  }
}
