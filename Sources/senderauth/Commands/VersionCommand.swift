/// The version `--version` prints.
enum SenderAuthVersion {
  static let current = "0.1.0"
}
