import Foundation
import Testing

/// `senderauth providers`: profiles with their rows and codes, mailbox providers with their
/// sources and read dates, and the notes of those without a profile (Comcast).
@Suite struct ProvidersCommandTests {
  @Test func textShowsSourcesReadDatesAndNotes() async throws {
    let run = try await SenderAuthCLI.run(["providers"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("MAILBOX PROVIDERS"))
    #expect(run.stdout.contains("(read 2026-12-05; archived copy of 2026-06-15)"))
    #expect(run.stdout.contains("(read 2026-12-05; secondary source)"))
    #expect(run.stdout.contains("moving comcast.net and xfinity.com mailboxes to Yahoo Mail"))
    #expect(run.stdout.contains("Centrum.cz, Volny.cz and Atlas.cz"))
    #expect(run.stdout.contains("centrum.spf-required"))
    #expect(run.stdout.contains("gmail.bulk.dmarc-required"))
    #expect(run.stdout.contains("[421 4.7.40, 550 5.7.40, 4.7.31]"))
    // Every source line carries the date it was read.
    let sources = run.stdout.split(separator: "\n").filter {
      $0.hasPrefix("      ") && $0.contains("https://")
    }
    #expect(!sources.isEmpty)
    for line in sources { #expect(line.contains("(read 2026-"), "\(line)") }
  }

  @Test func oneProviderShowsItsProfilesAndSources() async throws {
    let gmail = try await SenderAuthCLI.run(["providers", "gmail"])
    #expect(gmail.stdout.contains("  gmail-bulk "))
    #expect(gmail.stdout.contains("Google: Gmail SMTP errors and codes"))
    #expect(!gmail.stdout.contains("yahoo"))
    let comcast = try await SenderAuthCLI.run(["providers", "comcast", "--lang", "de"])
    #expect(comcast.status == 0)
    #expect(comcast.stdout.contains("kein Profil"))
    #expect(comcast.stdout.contains("prüfen Sie daher mit --profile yahoo oder yahoo-bulk"))
    #expect(!comcast.stdout.contains("PROFILE (--profile)"))
    let unknown = try await SenderAuthCLI.run(["providers", "comcats"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("did you mean 'comcast'?"))
  }

  @Test func jsonListsSourcesWithHowTheyWereRead() async throws {
    let run = try await SenderAuthCLI.run(["providers", "--format", "json"])
    #expect(run.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let providers = try #require(object["mailboxProviders"] as? [[String: Any]])
    let comcast = try #require(providers.first { $0["id"] as? String == "comcast" })
    #expect((comcast["profiles"] as? [String]) == [])
    #expect((comcast["note"] as? String)?.contains("Yahoo Mail") == true)
    for provider in providers {
      for source in provider["sources"] as? [[String: Any]] ?? [] {
        #expect((source["read"] as? String)?.hasPrefix("2026-") == true, "\(source)")
        #expect(["page", "archive", "secondary"].contains(source["readIn"] as? String ?? ""))
      }
    }
    let profiles = try #require(object["profiles"] as? [[String: Any]])
    let bulk = try #require(profiles.first { $0["id"] as? String == "gmail-bulk" })
    #expect(bulk["provider"] as? String == "gmail")
    let requirements = try #require(bulk["requirements"] as? [[String: Any]])
    let dmarc = try #require(
      requirements.first { $0["id"] as? String == "gmail.bulk.dmarc-required" })
    #expect((dmarc["bounceCodes"] as? [String]) == ["421 4.7.40", "550 5.7.40", "4.7.31"])
    let tls = try #require(requirements.first { $0["id"] as? String == "gmail.tls" })
    #expect(tls["checkable"] as? Bool == false)
  }
}
