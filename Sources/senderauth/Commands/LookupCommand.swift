import DNSLookup
import SenderAuthKit
import SenderAuthReport

/// `senderauth lookup NAME TYPE`: one question, answered like dig answers it.
struct LookupCommand: Command {
  static let configuration = CommandConfiguration(
    name: "lookup", abstract: "Ask one DNS question and print the answer, like dig.",
    arguments: "NAME TYPE",
    discussion: """
      TYPE is A, AAAA, TXT, CNAME, MX, PTR, NS, SOA, CAA or TYPEnnn. NAME is always taken as \
      absolute: no search-list suffix is ever added. NXDOMAIN and NODATA are answers (exit 0); \
      a timeout, SERVFAIL, REFUSED or network error exits 3.
      """,
    examples: [
      "senderauth lookup example.com TXT",
      "senderauth lookup _dmarc.example.com TXT --nameserver 127.0.0.1:5300 --format json",
      "senderauth lookup example.com MX --offline --zone Fixtures/demo/shop.example.zone",
    ])

  static let options =
    RequestArguments.resolverSpecs + OutputOptions.specs(formats: [.text, .json])

  var name: DomainName
  var type: RRType
  var resolver: ResolverSettings
  var output: OutputOptions

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.positionals.count == 2 else {
      throw UsageError("lookup takes a NAME and a TYPE (senderauth lookup example.com TXT)")
    }
    do {
      name = try DomainName(arguments.positionals[0])
    } catch {
      throw UsageError("'\(arguments.positionals[0])' is not a domain name: \(error)")
    }
    guard let type = RRType(mnemonic: arguments.positionals[1]) else {
      throw UsageError("'\(arguments.positionals[1])' is not a record type (TXT, MX, A …)")
    }
    self.type = type
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
