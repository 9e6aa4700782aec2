import SenderAuthCore
import Testing

@Suite struct SPFMergeTests {
  @Test func joinsTwoPublishedRecordsWithTheStrictestAll() {
    let merged = SPFMerge.merge(
      published: [
        "v=spf1 include:spf.protection.outlook.com -all", "v=spf1 include:sendgrid.net ~all",
      ],
      proposals: ["v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all"])
    #expect(merged == "v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all")
  }
}
