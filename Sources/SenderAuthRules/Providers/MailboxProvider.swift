import SenderAuthCore

/// A mailbox provider senderauth knows: the rules of those with a profile are rows of
/// `ProviderTable`; the others are listed with a note saying why they have none (Comcast's
/// mailboxes move to Yahoo, Seznam publishes no rules of its own).
public struct MailboxProvider: Sendable, Hashable {
  /// `gmail`: what `senderauth providers` takes.
  public var id: String
  /// `Gmail`: what findings and "Breaks:" call it.
  public var name: String
  /// The mailbox domains it serves.
  public var mailboxes: [String]
  /// The pages its rules come from, each with the date it was read.
  public var sources: [Reference]
  /// What a sender should know besides the rules (a migration, why there is no profile).
  public var note: LocalizedText?

  public init(
    id: String, name: String, mailboxes: [String], sources: [Reference],
    note: LocalizedText? = nil
  ) {
    self.id = id
    self.name = name
    self.mailboxes = mailboxes
    self.sources = sources
    self.note = note
  }

  /// The name as profiles show it (the same in every language).
  public var localizedName: LocalizedText { LocalizedText(en: name, de: name) }

  /// Every mailbox provider, those with profiles first, in listing order.
  public static let all: [MailboxProvider] = [
    .gmail, .yahoo, .outlook, .iCloud, .laPoste, .gmxWebDE, .tOnline, .centrum, .comcast,
    .orange, .seznam, .mailRu, .libero, .free,
  ]

  /// The provider with `id` (case-insensitive).
  public static func provider(id: String) -> MailboxProvider? {
    all.first { $0.id == id.lowercased() }
  }

  /// The profiles that judge this provider's rules.
  public var profiles: [ProviderProfile] {
    ProviderProfile.allCases.filter { $0.provider == self }
  }
}
