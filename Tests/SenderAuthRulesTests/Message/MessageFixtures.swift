import DNSLookup
import Foundation
import SenderAuthCore
import SenderAuthKit

/// The message fixtures (`Fixtures/messages/`) and the zones they are checked against: the
/// customers' zones (`Fixtures/messages/zones/`) and the services' own
/// (`Fixtures/esp/providers/`).
enum MessageFixtures {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// Every zone the fixtures need, parsed.
  static let zones: [ZoneFile] = {
    ["Fixtures/messages/zones", "Fixtures/esp/providers"].flatMap { directory in
      let path = root + "/" + directory
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.filter { $0.hasSuffix(".zone") }.sorted().compactMap {
        try? ZoneFile.load(path: path + "/" + $0)
      }
    }
  }()

  static var resolver: ZoneResolver { get throws { try ZoneResolver(zones: zones) } }

  /// The octets of `Fixtures/messages/<name>`.
  static func messageBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/Fixtures/messages/" + name)))
  }

  /// The parsed message at `Fixtures/messages/<name>`.
  static func message(_ name: String) throws -> MessageHeaders {
    try MessageHeaders.parse(try messageBytes(name))
  }

  /// The session's result for the message `name`, checked as `check --message` does.
  static func result(_ name: String, options: CheckOptions = CheckOptions()) async throws
    -> DomainResult
  {
    let headers = try message(name)
    var options = options
    options.message = headers
    return try await TestSession.result(
      resolver, domain: headers.fromDomain.text, options: options)
  }
}
