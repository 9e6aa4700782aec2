import DNSLookup
import Foundation

/// A project's `senderauth.json`: the domains a team checks, how each sends mail, and the
/// findings it has decided to live with (each with a reason).
///
/// ```json
/// {
///   "zones": ["zones/example.com.zone"],
///   "domains": [
///     {"domain": "example.com", "esps": ["sendgrid"], "selectors": ["s1"],
///      "ips": ["192.0.2.10"], "returnPath": "em123.example.com",
///      "profiles": ["bulk"], "rua": "mailto:dmarc@example.com", "parked": false}
///   ],
///   "suppressions": [
///     {"id": "dmarc.policy-none", "domain": "example.com", "reason": "monitoring until March"}
///   ]
/// }
/// ```
public struct ProjectConfiguration: Hashable, Sendable {
  public struct DomainEntry: Hashable, Sendable {
    public var domain: DomainName
    public var options: CheckOptions
  }

  /// The file it was read from (for messages).
  public var file: String = ""
  /// Zone files (relative to the configuration file) to overlay, like `--zone`.
  public var zones: [String]
  public var domains: [DomainEntry]
  public var suppressions: [Suppression]

  static let topKeys: Set<String> = ["zones", "domains", "suppressions"]
  static let domainKeys: Set<String> = [
    "domain", "esps", "selectors", "ips", "returnPath", "profiles", "rua", "parked",
  ]
  static let suppressionKeys: Set<String> = ["id", "domain", "reason"]

  /// Reads and checks a configuration; errors name the JSON path (`domains[1].ips[0]`).
  public static func parse(_ data: [UInt8], file: String) throws(ConfigurationError)
    -> ProjectConfiguration
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(data))
    } catch {
      throw ConfigurationError(file: file, path: "", message: "not valid JSON (\(reason(error)))")
    }
    var reader = ConfigurationReader(file: file)
    var configuration = try reader.configuration(object)
    configuration.file = file
    return configuration
  }

  /// Reads the configuration at `path`.
  public static func load(path: String) throws(ConfigurationError) -> ProjectConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(file: path, path: "", message: "cannot read the file")
    }
    return try parse(Array(data), file: path)
  }

  private static func reason(_ error: any Error) -> String {
    let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
    return text ?? "\(error)"
  }
}

/// A finding a team has decided to live with, for one domain, with the reason.
public struct Suppression: Hashable, Sendable, Codable {
  public var id: String
  public var domain: String
  public var reason: String

  public init(id: String, domain: String, reason: String) {
    self.id = id
    self.domain = domain
    self.reason = reason
  }
}

/// A configuration file that cannot be used: the file, the JSON path and what is wrong.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var path: String
  public var message: String

  /// `senderauth.json: domains[0].ips[1]: '1.2.3' is not an IP address`.
  public var description: String {
    path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
  }
}

/// Walks the decoded JSON with the path of every value, so errors can name it.
private struct ConfigurationReader {
  let file: String

  func fail(_ path: String, _ message: String) -> ConfigurationError {
    ConfigurationError(file: file, path: path, message: message)
  }

  func object(_ value: Any, _ path: String, keys: Set<String>) throws(ConfigurationError)
    -> [String: Any]
  {
    guard let object = value as? [String: Any] else {
      throw fail(path, "must be an object")
    }
    for key in object.keys.sorted() where !keys.contains(key) {
      let known = keys.sorted().joined(separator: ", ")
      throw fail(path.isEmpty ? key : "\(path).\(key)", "unknown key (known: \(known))")
    }
    return object
  }

  func string(_ value: Any?, _ path: String) throws(ConfigurationError) -> String? {
    guard let value else { return nil }
    guard let text = value as? String else { throw fail(path, "must be a string") }
    return text
  }

  func strings(_ value: Any?, _ path: String) throws(ConfigurationError) -> [String] {
    guard let value else { return [] }
    guard let array = value as? [Any] else { throw fail(path, "must be an array of strings") }
    var out: [String] = []
    for (index, element) in array.enumerated() {
      guard let text = element as? String else {
        throw fail("\(path)[\(index)]", "must be a string")
      }
      out.append(text)
    }
    return out
  }

  func domain(_ text: String, _ path: String) throws(ConfigurationError) -> DomainName {
    do {
      return try DomainInput.parse(text).domain
    } catch {
      throw fail(path, error.reason.isEmpty ? "not a domain" : "'\(text)': \(error.reason)")
    }
  }

  mutating func configuration(_ value: Any) throws(ConfigurationError) -> ProjectConfiguration {
    let top = try object(value, "", keys: ProjectConfiguration.topKeys)
    let zones = try strings(top["zones"], "zones")
    var domains: [ProjectConfiguration.DomainEntry] = []
    if let list = top["domains"] {
      guard let array = list as? [Any] else { throw fail("domains", "must be an array") }
      for (index, element) in array.enumerated() {
        domains.append(try domainEntry(element, "domains[\(index)]"))
      }
    }
    var suppressions: [Suppression] = []
    if let list = top["suppressions"] {
      guard let array = list as? [Any] else { throw fail("suppressions", "must be an array") }
      for (index, element) in array.enumerated() {
        suppressions.append(try suppression(element, "suppressions[\(index)]"))
      }
    }
    return ProjectConfiguration(zones: zones, domains: domains, suppressions: suppressions)
  }

  func domainEntry(_ value: Any, _ path: String) throws(ConfigurationError)
    -> ProjectConfiguration.DomainEntry
  {
    let entry = try object(value, path, keys: ProjectConfiguration.domainKeys)
    guard let name = try string(entry["domain"], "\(path).domain") else {
      throw fail("\(path).domain", "is required")
    }
    let domain = try self.domain(name, "\(path).domain")
    var ips: [IPAddress] = []
    for (index, text) in try strings(entry["ips"], "\(path).ips").enumerated() {
      guard let ip = IPAddress(text) else {
        throw fail("\(path).ips[\(index)]", "'\(text)' is not an IP address")
      }
      ips.append(ip)
    }
    var returnPath: DomainName?
    if let text = try string(entry["returnPath"], "\(path).returnPath") {
      returnPath = try self.domain(text, "\(path).returnPath")
    }
    var parked = false
    if let value = entry["parked"] {
      guard let flag = value as? Bool else { throw fail("\(path).parked", "must be true or false") }
      parked = flag
    }
    let options = CheckOptions(
      selectors: try strings(entry["selectors"], "\(path).selectors"), returnPath: returnPath,
      esps: try strings(entry["esps"], "\(path).esps"), ips: ips,
      profiles: try strings(entry["profiles"], "\(path).profiles"),
      rua: try string(entry["rua"], "\(path).rua"), parked: parked)
    return ProjectConfiguration.DomainEntry(domain: domain, options: options)
  }

  func suppression(_ value: Any, _ path: String) throws(ConfigurationError) -> Suppression {
    let entry = try object(value, path, keys: ProjectConfiguration.suppressionKeys)
    guard let id = try string(entry["id"], "\(path).id"), !id.isEmpty else {
      throw fail("\(path).id", "is required (the finding id, e.g. 'dmarc.policy-none')")
    }
    guard let name = try string(entry["domain"], "\(path).domain") else {
      throw fail("\(path).domain", "is required")
    }
    let domain = try self.domain(name, "\(path).domain")
    guard let reason = try string(entry["reason"], "\(path).reason"),
      !reason.allSatisfy(\.isWhitespace)
    else {
      throw fail("\(path).reason", "is required: say why the finding is accepted")
    }
    return Suppression(id: id, domain: domain.text, reason: reason)
  }
}

extension DomainReport {
  /// The report with findings matching `suppressions` (same id and domain) moved to
  /// `suppressed`, each with its reason: shown as suppressed, never silently dropped.
  public func suppressing(_ suppressions: [Suppression]) -> DomainReport {
    var report = self
    let mine = suppressions.filter { $0.domain == domain }
    guard !mine.isEmpty else { return report }
    report.findings = []
    for finding in findings {
      if let match = mine.first(where: { $0.id == finding.id }) {
        report.suppressed.append(SuppressedFinding(finding: finding, reason: match.reason))
      } else {
        report.findings.append(finding)
      }
    }
    return report
  }
}
