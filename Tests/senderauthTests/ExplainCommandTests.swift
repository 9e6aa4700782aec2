import Foundation
import Testing

/// `senderauth explain` by bounce code, by requirement id and by words, through the binary.
@Suite struct ExplainCommandTests {
  /// Every way people type Gmail's missing-DMARC code leads to the same rule and the command
  /// that checks a domain for it.
  @Test(arguments: [
    ["5.7.40"], ["4.7.40"], ["550 5.7.40"], ["421-4.7.40"], ["7.40"], ["550", "5.7.40"],
    ["550-5.7.40 Your message was blocked because the sending domain doesn't have a DMARC record"],
  ])
  func bounceCodeLeadsToTheRuleAndTheCheckCommand(_ arguments: [String]) async throws {
    let run = try await SenderAuthCLI.run(["explain"] + arguments)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("gmail.bulk.dmarc-required: Gmail bulk senders: a DMARC record"))
    #expect(
      run.stdout.contains("Check the domain: senderauth check <your-domain> --profile gmail-bulk"))
    #expect(run.stdout.contains("421 4.7.40, 550 5.7.40, 4.7.31"))
    #expect(run.stdout.contains("(read 2026-12-05; archived copy of 2026-02-15)"))
  }

  @Test func replyCodeTellsGooglesTwo426sApart() async throws {
    let dns = try await SenderAuthCLI.run(["explain", "451 4.7.26"])
    #expect(dns.status == 0)
    #expect(dns.stdout.contains("Checked by rule: dns.lookup-failed"))
    #expect(!dns.stdout.contains("gmail.spf-or-dkim"))
    let both = try await SenderAuthCLI.run(["explain", "4.7.26"])
    #expect(both.stdout.contains("dns.lookup-failed") && both.stdout.contains("gmail.spf-or-dkim"))
  }

  @Test func outlookCodeListsEveryRequirementBehindIt() async throws {
    let run = try await SenderAuthCLI.run(["explain", "550 5.7.515"])
    #expect(run.status == 0)
    for id in [
      "microsoft.bulk.spf-required", "microsoft.bulk.dkim-required",
      "microsoft.bulk.dmarc-required", "microsoft.bulk.dmarc-alignment",
    ] {
      #expect(run.stdout.contains("\(id): "), "\(id)")
    }
    #expect(run.stdout.contains("substrate.office.com/ip-domain-management-snds/Postmaster"))
  }

  @Test func requirementDNSCannotDecideIsExplainedByCodeAndId() async throws {
    for argument in ["5.7.29", "gmail.tls"] {
      let run = try await SenderAuthCLI.run(["explain", argument])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("gmail.tls: Gmail: mail is sent over TLS"))
      #expect(run.stdout.contains("Not checkable from DNS:"))
      #expect(!run.stdout.contains("Check the domain"))
    }
  }

  @Test func germanNamesThePlaceholdersInGerman() async throws {
    let run = try await SenderAuthCLI.run(["explain", "5.7.24", "--lang", "de"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Fehlercode 5.7.24 — Gmail"))
    #expect(run.stdout.contains("Domain prüfen: senderauth check <ihre-domain> --profile gmail"))
    #expect(run.stdout.contains("gelesen 2026-12-05; archivierte Fassung vom 2026-02-15"))
  }

  @Test func markdownHasOneSectionPerRequirement() async throws {
    let run = try await SenderAuthCLI.run(["explain", "5.7.515", "--format", "markdown"])
    #expect(run.status == 0)
    let sections = run.stdout.split(separator: "\n").filter { $0.hasPrefix("## ") }
    #expect(sections.count == 4)
    #expect(run.stdout.contains("**Check the domain:** `senderauth check <your-domain>"))
  }

  @Test func unknownCodeAndUnknownIdAreUsageErrors() async throws {
    let code = try await SenderAuthCLI.run(["explain", "5.7.99"])
    #expect(code.status == 2)
    #expect(code.stderr.contains("no provider requirement senderauth knows has the bounce code"))
    #expect(code.stderr.contains("5.7.40"))
    let id = try await SenderAuthCLI.run(["explain", "gmail.bulk.dmarc-requird"])
    #expect(id.status == 2)
    #expect(id.stderr.contains("did you mean 'gmail.bulk.dmarc-required'?"))
    let both = try await SenderAuthCLI.run(["explain", "spf.lookup-limit", "--search", "spf"])
    #expect(both.status == 2)
  }

  @Test func searchFindsRulesByWordsInTitleOrCode() async throws {
    let words = try await SenderAuthCLI.run(["explain", "--search", "DMARC record required"])
    #expect(words.status == 0)
    let ids = words.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }
    #expect(ids.contains("gmail.bulk.dmarc-required"))
    #expect(ids.contains("yahoo.bulk.dmarc-required"))
    #expect(words.stdout.contains("[421 4.7.40, 550 5.7.40, 4.7.31]"))
    let code = try await SenderAuthCLI.run(["explain", "--search", "4.7.24"])
    #expect(code.stdout.hasPrefix("gmail.spf-suspicious-entries"))
    let manual = try await SenderAuthCLI.run(["explain", "--search", "unsubscribe", "--lang", "de"])
    #expect(manual.stdout.contains("nicht per DNS prüfbar"))
    let none = try await SenderAuthCLI.run(["explain", "--search", "no such words"])
    #expect(none.status == 1)
    #expect(none.stdout.isEmpty)
    #expect(none.stderr.contains("no rule matches 'no such words'"))
  }
}
