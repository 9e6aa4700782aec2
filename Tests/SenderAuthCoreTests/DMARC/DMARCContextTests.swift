import DNSLookup
import SenderAuthCore
import Testing

@Suite struct DMARCContextTests {
  typealias S = DMARCTestSupport

  @Test func findsARecordPublishedAtTheApexByMistake() async throws {
    let resolver = try S.resolver(
      """
      @       IN TXT "v=spf1 -all"
      @       IN TXT "v=DMARC1; p=reject"
      """)
    let context = await DMARCContext.fetch(
      domain: S.name("example.com"), resolver: resolver, options: CheckOptions())
    #expect(context.apexRecords.map(\.text) == ["v=DMARC1; p=reject"])
    #expect(context.discovery.source == .none)
    #expect(context.directRecords?.records.isEmpty == true)
    #expect(context.failures.isEmpty)
  }

  @Test func keepsTheDirectAnswer() async throws {
    let resolver = try S.resolver("_dmarc IN TXT \"v=DMARC1; p=none\"")
    let context = await DMARCContext.fetch(
      domain: S.name("example.com"), resolver: resolver, options: CheckOptions())
    #expect(context.txt.answer?.txtJoined == ["v=DMARC1; p=none"])
    #expect(context.directRecords?.record?.policy == DMARCPolicy.none)
  }

  @Test func fetchesTheEnvelopeDomainWalk() async throws {
    let resolver = try S.resolver(
      """
      _dmarc  IN TXT "v=DMARC1; p=none"
      bounce  IN TXT "v=spf1 include:_spf.esp.example -all"
      """)
    let context = await DMARCContext.fetch(
      domain: S.name("example.com"), resolver: resolver,
      options: CheckOptions(returnPath: try? DomainName("bounce.example.com")))
    #expect(context.envelope?.domain.text == "bounce.example.com")
    #expect(context.organizationalDomain(of: S.name("bounce.example.com"))?.text == "example.com")
    #expect(context.organizationalDomain(of: S.name("unrelated.example.org")) == nil)
  }
}
