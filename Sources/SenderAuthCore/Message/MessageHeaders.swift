import DNSLookup

/// What a message's header section says about its authentication, as a support agent pastes it
/// (`check --message`): the author domain DMARC judges (RFC 5322.From), the envelope sender SPF
/// judges (Return-Path), each DKIM signature's domain and selector, the address the message
/// came from, and the receiver's own verdicts (`Authentication-Results`, `Received-SPF`).
///
/// Parsing is strict only where the answer would otherwise be wrong: no From, or From naming
/// two domains, is an error; anything missing that only narrows the prediction (no
/// Return-Path, no sending IP) is a note.
public struct MessageHeaders: Hashable, Sendable, Codable {
  /// Where the sending IP was read.
  public enum IPSource: String, Hashable, Sendable, Codable {
    case receivedSPF = "Received-SPF"
    case authenticationResults = "Authentication-Results"
    case received = "Received"
  }

  /// Where the envelope sender was read.
  public enum EnvelopeSource: String, Hashable, Sendable, Codable {
    case returnPath = "Return-Path"
    case authenticationResults = "Authentication-Results"
    case receivedSPF = "Received-SPF"
    /// The null sender (`<>`): SPF checks the HELO name (RFC 7208 §2.4).
    case helo = "HELO"
  }

  /// Signatures beyond this many are not looked up (a hostile message cannot make the check
  /// ask DNS without end); real messages carry one to three.
  public static let maximumSignatures = 10
  /// `Received` fields read, from the top, for the sending IP.
  public static let maximumReceived = 64

  /// The author (the first mailbox of From).
  public var from: MessageAddress
  /// The envelope sender as written (`bounces+1@em1.example.com`); empty for the null sender.
  public var envelopeSender: String?
  /// The domain SPF is checked for: the envelope sender's, or the HELO name for the null
  /// sender.
  public var envelopeDomain: DomainName?
  public var envelopeSource: EnvelopeSource?
  /// The DKIM-Signature fields, topmost first (at most `maximumSignatures`).
  public var signatures: [DKIMSignatureHeader]
  /// The address the receiver got the message from.
  public var sendingIP: IPAddress?
  public var sendingIPSource: IPSource?
  /// The name the sending server gave in HELO/EHLO, when a header says it.
  public var helo: String?
  /// The topmost `Authentication-Results` field: the receiving server's own verdicts.
  public var receiver: AuthenticationResults?
  /// The topmost `Received-SPF` field.
  public var receivedSPF: ReceivedSPFHeader?
  public var subject: String?
  public var messageID: String?
  public var date: String?
  /// What was odd or missing but did not stop the check, one line each.
  public var notes: [String]

  public init(
    from: MessageAddress, envelopeSender: String? = nil, envelopeDomain: DomainName? = nil,
    envelopeSource: EnvelopeSource? = nil, signatures: [DKIMSignatureHeader] = [],
    sendingIP: IPAddress? = nil, sendingIPSource: IPSource? = nil, helo: String? = nil,
    receiver: AuthenticationResults? = nil, receivedSPF: ReceivedSPFHeader? = nil,
    subject: String? = nil, messageID: String? = nil, date: String? = nil, notes: [String] = []
  ) {
    self.from = from
    self.envelopeSender = envelopeSender
    self.envelopeDomain = envelopeDomain
    self.envelopeSource = envelopeSource
    self.signatures = signatures
    self.sendingIP = sendingIP
    self.sendingIPSource = sendingIPSource
    self.helo = helo
    self.receiver = receiver
    self.receivedSPF = receivedSPF
    self.subject = subject
    self.messageID = messageID
    self.date = date
    self.notes = notes
  }

  /// The author domain: what DMARC judges, and the domain `check --message` checks.
  public var fromDomain: DomainName { from.domain }

  /// Reads a message (a whole `.eml` or its header lines).
  public static func parse(_ bytes: [UInt8]) throws(MessageError) -> MessageHeaders {
    let block = try HeaderBlock.parse(bytes)
    var notes = block.notes
    let from = try author(block, notes: &notes)
    var headers = MessageHeaders(from: from)
    let first = { (name: String) in block.fields(named: name).first }

    if let field = first("authentication-results") {
      headers.receiver = AuthenticationResults(field: field)
      if headers.receiver == nil {
        notes.append("line \(field.line): the Authentication-Results field holds no result")
      }
    }
    if let field = first("received-spf") { headers.receivedSPF = ReceivedSPFHeader(field: field) }

    let received = block.fields(named: "received").prefix(maximumReceived).map(
      ReceivedHeader.init(field:))
    headers.findSendingIP(received: received, notes: &notes)
    headers.findEnvelope(first("return-path"), notes: &notes)

    let fields = block.fields(named: "dkim-signature")
    headers.signatures = fields.prefix(maximumSignatures).map(DKIMSignatureHeader.init(field:))
    if fields.count > maximumSignatures {
      notes.append(
        "the message has \(fields.count) DKIM-Signature fields; the first "
          + "\(maximumSignatures) are checked")
    }
    if fields.isEmpty {
      notes.append("the message has no DKIM-Signature field: DMARC can only pass through SPF")
    }
    headers.subject = first("subject").map { clipped(EncodedWords.decode($0.value)) }
    headers.messageID = first("message-id").map { clipped($0.value.trimmingWhitespace) }
    headers.date = first("date").map { clipped($0.value.trimmingWhitespace) }
    headers.notes = notes
    return headers
  }

  /// The one author domain of the From fields; an error when there is none or more than one.
  static func author(_ block: HeaderBlock, notes: inout [String]) throws(MessageError)
    -> MessageAddress
  {
    let fields = block.fields(named: "from")
    guard !fields.isEmpty else {
      // Where the header was cut short, that is the likelier cause: say where.
      if let cut = block.notes.first(where: { $0.hasSuffix("taken to end before it") }) {
        throw MessageError(
          "the message has no From field in its header section: \(cut); if the header goes on "
            + "after it, give the complete message source (a folded line may have lost its "
            + "leading space in copying)")
      }
      throw MessageError(
        "the message has no From field; DMARC judges the From domain (RFC 5322 §3.6.2), so it "
          + "is needed")
    }
    var addresses: [MessageAddress] = []
    for field in fields {
      let (found, problems) = MessageAddress.list(field.value)
      if found.isEmpty, let problem = problems.first {
        throw MessageError("From (line \(field.line)): \(problem)")
      }
      notes += problems.map { "From (line \(field.line)): \($0); ignored" }
      addresses += found
    }
    guard let author = addresses.first else {
      throw MessageError("the From field holds no address")
    }
    var domains: [DomainName] = []
    for address in addresses where !domains.contains(address.domain) {
      domains.append(address.domain)
    }
    if domains.count > 1 {
      let names = domains.prefix(4).map { "'\($0.text)'" }.joined(separator: ", ")
      throw MessageError(
        "From names \(domains.count) domains (\(names)); DMARC needs exactly one author domain "
          + "(RFC 9989 §4.4), and receivers commonly reject such mail; check each domain on its "
          + "own")
    }
    if fields.count > 1 || addresses.count > 1 {
      notes.append(
        "From holds \(addresses.count) addresses in \(fields.count) field(s), all at "
          + "'\(author.domain.text)'; RFC 5322 allows one From field")
    }
    return author
  }

  /// The sending IP: `Received-SPF` `client-ip`, else the receiver's `Authentication-Results`
  /// (`smtp.remote-ip`, or the address named in the SPF comment), else the topmost `Received`
  /// field with a public address.
  mutating func findSendingIP(received: [ReceivedHeader], notes: inout [String]) {
    if let text = receivedSPF?.properties["client-ip"], let ip = ReceivedHeader.address(text) {
      sendingIP = ip
      sendingIPSource = .receivedSPF
      helo = receivedSPF?.properties["helo"]
    } else if let ip = receiverIP {
      sendingIP = ip
      sendingIPSource = .authenticationResults
    } else if let first = received.first(where: { $0.ip.map(Self.isPublic) ?? false }) {
      sendingIP = first.ip
      sendingIPSource = .received
      notes.append(
        "the sending IP \(first.ip?.description ?? "") was read from the Received field at line "
          + "\(first.line) (no Received-SPF or Authentication-Results names it)")
    } else if !received.compactMap(\.ip).isEmpty {
      let relays = received.compactMap(\.ip)
      // Only internal relays' addresses: the copy never left the sender's network (a message
      // from the Sent folder, or one sent to a colleague).
      var shown: [String] = []
      for ip in relays where !shown.contains(ip.description) { shown.append(ip.description) }
      notes.append(
        "the Received fields name only internal addresses (\(shown.joined(separator: ", "))): "
          + "this copy did not leave the sender's network, so no header names the sending IP "
          + "and SPF is not predicted; take the message from a mailbox outside it (a test "
          + "address at Gmail or Outlook.com)")
    } else {
      notes.append(
        "no header names the sending IP (Received-SPF, Authentication-Results, Received): SPF "
          + "is not predicted")
    }
    if helo == nil, let ip = sendingIP {
      helo = received.first(where: { $0.ip == ip })?.helo
    }
  }

  /// The sending IP when it is a public address (not an internal relay's).
  public var publicSendingIP: IPAddress? {
    sendingIP.flatMap { Self.isPublic($0) ? $0 : nil }
  }

  /// The address in the receiver's `Authentication-Results`: `smtp.remote-ip`, `policy.iprev`,
  /// or the one its SPF comment names (`sender IP is …`, `designates … as permitted sender`).
  var receiverIP: IPAddress? {
    guard let receiver else { return nil }
    for result in receiver.results {
      for key in ["smtp.remote-ip", "smtp.client-ip", "policy.iprev"] {
        if let text = result.properties[key], let ip = ReceivedHeader.address(text) { return ip }
      }
    }
    for result in receiver.results(for: "spf") {
      let words = (result.comment ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" })
      if let ip = words.lazy.compactMap({ ReceivedHeader.address(String($0)) }).first {
        return ip
      }
    }
    return nil
  }

  /// The envelope sender: Return-Path, else the receiver's `smtp.mailfrom`, else
  /// `Received-SPF` `envelope-from`; the null sender leaves SPF to the HELO name.
  mutating func findEnvelope(_ returnPath: HeaderField?, notes: inout [String]) {
    var candidates: [(String, EnvelopeSource, Int?)] = []
    if let returnPath { candidates.append((returnPath.value, .returnPath, returnPath.line)) }
    if let value = receiver?.results(for: "spf").first?.properties["smtp.mailfrom"] {
      candidates.append((value, .authenticationResults, receiver?.line))
    }
    if let value = receivedSPF?.properties["envelope-from"] {
      candidates.append((value, .receivedSPF, receivedSPF?.line))
    }
    for (value, source, line) in candidates {
      let bare = HeaderText.removingComments(value).text.trimmingWhitespace
      let inner =
        bare.hasPrefix("<") && bare.hasSuffix(">") ? String(bare.dropFirst().dropLast()) : bare
      if inner.trimmingWhitespace.isEmpty {
        envelopeSender = ""
        if let helo, let domain = try? DomainInput.parse(helo).domain {
          envelopeDomain = domain
          envelopeSource = .helo
        }
        notes.append(
          "the envelope sender is empty (a bounce or auto-reply): SPF checks the HELO name"
            + (helo.map { " '\($0)'" } ?? ", which no header names"))
        return
      }
      // `smtp.mailfrom` may be a bare domain.
      let spec = inner.contains("@") ? inner : "postmaster@" + inner
      switch MessageAddress.mailbox("<" + spec + ">") {
      case .success(let address):
        envelopeSender = inner.contains("@") ? address.address : inner
        envelopeDomain = address.domain
        envelopeSource = source
        return
      case .failure(let problem):
        notes.append("\(source.rawValue)\(line.map { " (line \($0))" } ?? ""): \(problem); ignored")
      }
    }
    notes.append(
      "no Return-Path (a receiver adds it on delivery; the sender's copy has none): SPF is not "
        + "predicted")
  }

  /// False for loopback, private (RFC 1918, RFC 6598, RFC 4193), link-local and unspecified
  /// addresses: a hop inside the receiver's network, not the sender.
  static func isPublic(_ ip: IPAddress) -> Bool {
    let address = ip.mappedIPv4 ?? ip
    let inside: [(String, Int)] =
      address.isIPv4
      ? [
        ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
        ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.168.0.0", 16),
      ]
      : [("::", 127), ("fc00::", 7), ("fe80::", 10)]
    return !inside.contains { network, prefix in
      IPAddress(network).map { address.matches($0, prefixLength: prefix) } ?? false
    }
  }

  /// A display value cut to 200 characters.
  static func clipped(_ text: String) -> String {
    text.count > 200 ? String(text.prefix(200)) + "…" : text
  }
}
