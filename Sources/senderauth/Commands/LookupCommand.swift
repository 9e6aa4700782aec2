import DNSLookup
import SenderAuthKit
import SenderAuthReport

/// `senderauth lookup NAME TYPE`: one question, answered like dig answers it.
struct LookupCommand: Command {
  static let configuration = CommandConfiguration(
    name: "lookup", abstract: "Ask one DNS question and print the answer, like dig.",
    arguments: "NAME [TYPE]",
    discussion: """
      TYPE is A, AAAA, TXT, CNAME, MX, PTR, NS, SOA, CAA or TYPEnnn; without it, A (as dig). \
      An IPv4 or IPv6 address as NAME asks PTR at its reverse name (4.3.2.1.in-addr.arpa, \
      nibbles under ip6.arpa), as dig -x does; other types make no sense for an address. NAME \
      is always taken as absolute: no search-list suffix is ever added. The CNAME a name is \
      an alias by is shown as such, not followed (ask its target in turn). NXDOMAIN and NODATA \
      are answers (exit 0); a timeout, SERVFAIL, REFUSED or network error exits 3.
      """,
    examples: [
      "senderauth lookup example.com TXT",
      "senderauth lookup example.com",
      "senderauth lookup 192.0.2.10",
      "senderauth lookup _dmarc.example.com TXT --nameserver 127.0.0.1:5300 --format json",
      "senderauth lookup example.com MX --offline --zone Fixtures/demo/shop.example.zone",
    ],
    german: CommandConfiguration.German(
      abstract: "Stellt eine DNS-Frage und gibt die Antwort aus, wie dig.",
      discussion: """
        TYP ist A, AAAA, TXT, CNAME, MX, PTR, NS, SOA, CAA oder TYPEnnn; ohne TYP gilt A (wie bei \
        dig). Eine IPv4- oder IPv6-Adresse als NAME fragt PTR unter ihrem Reverse-Namen \
        (4.3.2.1.in-addr.arpa, Nibbles unter ip6.arpa), wie dig -x; andere Typen ergeben für eine \
        Adresse keinen Sinn. NAME gilt immer als absolut: es wird nie eine Suchdomain angehängt. Ein \
        CNAME-Eintrag des Namens wird als solcher gezeigt und nicht verfolgt (fragen Sie sein \
        Ziel anschließend selbst). NXDOMAIN und NODATA sind Antworten (Exit-Status 0); \
        Zeitüberschreitung, SERVFAIL, REFUSED oder ein Netzfehler enden mit 3.
        """))

  static let options =
    RequestArguments.resolverSpecs + OutputOptions.specs(formats: [.text, .json])

  var name: DomainName
  var type: RRType
  var resolver: ResolverSettings
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    let words = arguments.positionals
    guard (1...2).contains(words.count) else {
      throw UsageError(
        en: "lookup takes a NAME and an optional TYPE (senderauth lookup example.com TXT)",
        de: "lookup braucht einen NAME und optional einen TYP (senderauth lookup example.com TXT)")
    }
    var type: RRType?
    if words.count == 2 {
      guard let given = RRType(mnemonic: words[1]) else {
        throw UsageError(
          en: "'\(words[1])' is not a record type (TXT, MX, A …)",
          de: "'\(words[1])' ist kein Eintragstyp (TXT, MX, A …)")
      }
      type = given
    }
    if let address = IPAddress(words[0]) {
      // dig -x: an address is asked for its PTR record at its reverse name.
      guard type == nil || type == .ptr else {
        throw UsageError(
          en: "'\(words[0])' is an IP address: ask PTR (or give no TYPE) for its reverse name, "
            + "or give a domain name for \(type?.mnemonic ?? "")",
          de: "'\(words[0])' ist eine IP-Adresse: fragen Sie PTR (oder lassen Sie den TYP weg) "
            + "für ihren Reverse-DNS-Eintrag, oder geben Sie für \(type?.mnemonic ?? "") einen "
            + "Domainnamen an")
      }
      name = address.reverseName
      self.type = .ptr
    } else {
      do {
        name = try DomainName(words[0])
      } catch {
        throw UsageError(
          en: "'\(words[0])' is not a domain name: \(error)",
          de: "'\(words[0])' ist kein Domainname: \(error)")
      }
      self.type = type ?? .a
    }
    resolver = try RequestArguments.resolver(arguments)
    // dig-like: show what the server said, without asking a CNAME's target in turn.
    resolver.configuration.followsCNAMEs = false
    output = OutputOptions(arguments)
  }

  func run() async throws -> ExitStatus {
    let stack = try ResolverStack(resolver)
    let result: LookupOutput
    do {
      result = LookupOutput(answer: try await stack.resolver.query(name, type))
    } catch {
      result = LookupOutput(name: name, type: type, error: error)
    }
    try stack.finish()
    Output.write(output.format == .json ? result.json : result.text)
    return result.error == nil ? .ok : .dnsFailure
  }
}
