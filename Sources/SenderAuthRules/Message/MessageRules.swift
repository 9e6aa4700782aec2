import SenderAuthCore

/// The message rules (`check --message`): what a receiver will conclude about the message.
public enum MessageRules {
  public static let all: [any Rule] = [
    MessageDMARCFailRule(),
    MessageDKIMKeyMissingRule(),
    MessageSPFFailRule(),
    MessageReceiverDiffersRule(),
  ]
}
