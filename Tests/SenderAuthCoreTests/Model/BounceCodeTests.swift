import SenderAuthCore
import Testing

/// Bounce codes as people paste them: with or without the reply code and the class digit, or
/// inside a whole bounce line.
@Suite struct BounceCodeTests {
  struct Case: Sendable, CustomStringConvertible {
    var input: String
    var reply: Int?
    var statusClass: Int?
    var subjectDetail: String
    var description: String { input }
  }

  static let cases: [Case] = [
    Case(input: "5.7.40", reply: nil, statusClass: 5, subjectDetail: "7.40"),
    Case(input: "4.7.40", reply: nil, statusClass: 4, subjectDetail: "7.40"),
    Case(input: "550 5.7.40", reply: 550, statusClass: 5, subjectDetail: "7.40"),
    Case(input: "421-4.7.40", reply: 421, statusClass: 4, subjectDetail: "7.40"),
    Case(input: "550; 5.7.515", reply: 550, statusClass: 5, subjectDetail: "7.515"),
    Case(input: "7.40", reply: nil, statusClass: nil, subjectDetail: "7.40"),
    Case(input: "  5.7.26.  ", reply: nil, statusClass: 5, subjectDetail: "7.26"),
    Case(
      input: "host gmail-smtp-in.l.google.com said: 421-4.7.26 This email has been rate limited",
      reply: 421, statusClass: 4, subjectDetail: "7.26"),
    Case(
      input: "Remote host said: 550-5.7.40 [192.0.2.1] Your message was blocked",
      reply: 550, statusClass: 5, subjectDetail: "7.40"),
  ]

  @Test(arguments: cases)
  func parsesWhatPeoplePaste(_ item: Case) throws {
    let query = try #require(BounceCode.Query.parse(item.input))
    #expect(query.reply == item.reply)
    #expect(query.statusClass == item.statusClass)
    #expect(query.subjectDetail == item.subjectDetail)
  }

  @Test(arguments: ["", "spf.lookup-limit", "550", "192.0.2.1", "3.7.40", "5.7.4000", "5..40"])
  func findsNoCodeWhereThereIsNone(_ input: String) {
    #expect(BounceCode.Query.parse(input) == nil, "\(input)")
  }

  @Test func matchesByStatusClassAndReply() throws {
    let rejected = BounceCode(550, "5.7.40")
    let deferred = BounceCode(421, "4.7.40")
    let any = try #require(BounceCode.Query.parse("7.40"))
    #expect(any.matches(rejected) && any.matches(deferred))
    let permanent = try #require(BounceCode.Query.parse("5.7.40"))
    #expect(permanent.matches(rejected) && !permanent.matches(deferred))
    let wrongReply = try #require(BounceCode.Query.parse("451 5.7.40"))
    #expect(!wrongReply.matches(rejected))
    #expect(wrongReply.matches(rejected, ignoringReply: true))
    // A code listed without its reply code matches any reply.
    #expect(try #require(BounceCode.Query.parse("421 4.7.31")).matches(BounceCode(nil, "4.7.31")))
    #expect(rejected.description == "550 5.7.40")
    #expect(BounceCode(nil, "4.7.31").description == "4.7.31")
  }
}
