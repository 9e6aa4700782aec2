import Foundation

/// Every question a run asked and what came back: the file `--save-dns` writes and `--replay`
/// reads, so a run can be reproduced with no network.
///
/// JSON, one entry per question: `{name, type, status, records: [{name, type, ttl, data}],
/// negativeTTL?, server?, error?: {kind, message}}`, where `status` is `answer`, `nxdomain`,
/// `nodata` or `error` and `data` is the presentation form (`10 mail.example.com.`, `"a" "b"`).
public struct DNSSnapshot: Codable, Hashable, Sendable {
  /// The format version this code writes and reads.
  public static let currentVersion = 1

  public var version: Int
  /// The questions, sorted by name and type so the file is stable.
  public var entries: [Entry]

  /// One question and its outcome.
  public struct Entry: Codable, Hashable, Sendable {
    /// The asked name, absolute with a trailing dot.
    public var name: String
    /// The asked type's mnemonic (`TXT`, `TYPE65400`).
    public var type: String
    /// `answer`, `nxdomain`, `nodata` or `error`.
    public var status: String
    public var records: [Record]
    public var negativeTTL: UInt32?
    /// The server that answered or failed (`127.0.0.1:53`), when known.
    public var server: String?
    public var error: Failure?

    public init(
      name: String, type: String, status: String, records: [Record] = [],
      negativeTTL: UInt32? = nil, server: String? = nil, error: Failure? = nil
    ) {
      self.name = name
      self.type = type
      self.status = status
      self.records = records
      self.negativeTTL = negativeTTL
      self.server = server
      self.error = error
    }
  }

  /// One record in presentation form.
  public struct Record: Codable, Hashable, Sendable {
    public var name: String
    public var type: String
    public var ttl: UInt32
    public var data: String

    public init(name: String, type: String, ttl: UInt32, data: String) {
      self.name = name
      self.type = type
      self.ttl = ttl
      self.data = data
    }

    public init(_ record: ResourceRecord) {
      self.init(
        name: record.name.absolute, type: record.type.mnemonic, ttl: record.ttl,
        data: record.data.presentation)
    }
  }

  /// A failed query: `kind` is `DNSError.kind`, `message` its text.
  public struct Failure: Codable, Hashable, Sendable {
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
      self.kind = kind
      self.message = message
    }
  }

  public init(entries: [Entry] = []) {
    self.version = Self.currentVersion
    self.entries = entries
  }

  /// The entry for one question and its outcome.
  public static func entry(
    name: DomainName, type: RRType, result: Result<DNSAnswer, DNSError>
  ) -> Entry {
    switch result {
    case .success(let answer):
      return Entry(
        name: name.absolute, type: type.mnemonic, status: answer.status.rawValue,
        records: answer.records.map(Record.init), negativeTTL: answer.negativeTTL,
        server: answer.server)
    case .failure(let error):
      let server: String?
      let message: String
      switch error {
      case .timeout(let at), .serverFailure(let at), .refused(let at):
        server = at
        message = error.description
      case .network(let text), .malformed(let text):
        server = nil
        message = text
      case .deadlineExceeded:
        server = nil
        message = error.description
      }
      return Entry(
        name: name.absolute, type: type.mnemonic, status: "error", server: server,
        error: Failure(kind: error.kind, message: message))
    }
  }

  /// The question of `entry`, read back.
  public static func question(
    of entry: Entry
  ) throws(DNSSnapshotError) -> (name: DomainName, type: RRType) {
    let name: DomainName
    do {
      name = try DomainName(entry.name)
    } catch {
      throw DNSSnapshotError(
        en: "entry '\(entry.name)': not a domain name (\(error))",
        de: "Eintrag '\(entry.name)': kein Domainname (\(error))")
    }
    guard let type = RRType(mnemonic: entry.type) else {
      throw DNSSnapshotError(
        en: "entry '\(entry.name)': unknown record type '\(entry.type)'",
        de: "Eintrag '\(entry.name)': unbekannter Eintragstyp '\(entry.type)'")
    }
    return (name, type)
  }

  /// The answer or failure `entry` recorded, read back into typed values.
  public static func result(
    of entry: Entry
  ) throws(DNSSnapshotError) -> Result<DNSAnswer, DNSError> {
    let (name, type) = try question(of: entry)
    let context = "entry '\(entry.name) \(entry.type)'"
    let contextDE = "Eintrag '\(entry.name) \(entry.type)'"
    if entry.status == "error" {
      guard let failure = entry.error else {
        throw DNSSnapshotError(
          en: "\(context) has status 'error' but no error",
          de: "\(contextDE) hat den Status 'error', aber keinen Fehler")
      }
      switch failure.kind {
      case "timeout": return .failure(.timeout(server: entry.server))
      case "serverFailure": return .failure(.serverFailure(server: entry.server))
      case "refused": return .failure(.refused(server: entry.server))
      case "network": return .failure(.network(failure.message))
      case "malformed": return .failure(.malformed(failure.message))
      case "deadlineExceeded": return .failure(.deadlineExceeded)
      default:
        throw DNSSnapshotError(
          en: "\(context): unknown error kind '\(failure.kind)'",
          de: "\(contextDE): unbekannte Fehlerart '\(failure.kind)'")
      }
    }
    guard let status = DNSAnswer.Status(rawValue: entry.status) else {
      throw DNSSnapshotError(
        en: "\(context): unknown status '\(entry.status)'",
        de: "\(contextDE): unbekannter Status '\(entry.status)'")
    }
    var records: [ResourceRecord] = []
    for record in entry.records {
      let owner: DomainName
      do {
        owner = try DomainName(record.name)
      } catch {
        throw DNSSnapshotError(
          en: "\(context): record owner '\(record.name)': \(error)",
          de: "\(contextDE): Besitzername '\(record.name)': \(error)")
      }
      guard let recordType = RRType(mnemonic: record.type) else {
        throw DNSSnapshotError(
          en: "\(context): unknown record type '\(record.type)'",
          de: "\(contextDE): unbekannter Eintragstyp '\(record.type)'")
      }
      let data: RData
      do {
        data = try RData.parse(presentation: record.data, type: recordType, origin: .root)
      } catch {
        throw DNSSnapshotError(
          en: "\(context): \(record.type) data '\(record.data)' cannot be read: \(error.message)",
          de: "\(contextDE): die \(record.type)-Daten '\(record.data)' lassen sich nicht lesen: "
            + error.message)
      }
      records.append(ResourceRecord(name: owner, type: recordType, ttl: record.ttl, data: data))
    }
    return .success(
      DNSAnswer(
        name: name, type: type, status: status, records: records,
        negativeTTL: entry.negativeTTL, server: entry.server))
  }

  /// Reads a snapshot file.
  public init(path: String) throws(DNSSnapshotError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw DNSSnapshotError(
        en: "cannot read the DNS snapshot '\(path)'",
        de: "die DNS-Aufzeichnung '\(path)' lässt sich nicht lesen")
    }
    do {
      self = try JSONDecoder().decode(DNSSnapshot.self, from: data)
    } catch let error as DecodingError {
      let (en, de) = Self.describe(error)
      throw DNSSnapshotError(
        en: "'\(path)' is not a DNS snapshot written by --save-dns: \(en)",
        de: "'\(path)' ist keine mit --save-dns geschriebene DNS-Aufzeichnung: \(de)")
    } catch {
      throw DNSSnapshotError(
        en: "'\(path)' is not a DNS snapshot written by --save-dns",
        de: "'\(path)' ist keine mit --save-dns geschriebene DNS-Aufzeichnung")
    }
    guard version == Self.currentVersion else {
      throw DNSSnapshotError(
        en: "'\(path)' has snapshot version \(version); this senderauth reads "
          + "\(Self.currentVersion)",
        de: "'\(path)' hat die Aufzeichnungsversion \(version); dieses senderauth liest "
          + "\(Self.currentVersion)")
    }
  }

  /// The snapshot as pretty-printed JSON with sorted keys (byte-stable).
  public var jsonData: Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings and numbers cannot fail.
    return (try? encoder.encode(self)) ?? Data("{}".utf8)
  }

  /// Writes the snapshot as JSON to `path`.
  public func save(to path: String) throws(DNSSnapshotError) {
    var data = jsonData
    data.append(contentsOf: Array("\n".utf8))
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw DNSSnapshotError(
        en: "cannot write the DNS snapshot '\(path)'",
        de: "die DNS-Aufzeichnung '\(path)' lässt sich nicht schreiben")
    }
  }
}

/// A snapshot file that cannot be read, written or understood; `message` is one line (`de`
/// the same in German, for the command line's `--lang de`).
public struct DNSSnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public var de: String
  /// A message that reads the same in every language (it quotes the file's own values).
  public init(_ message: String) {
    self.message = message
    de = message
  }
  public init(en: String, de: String) {
    message = en
    self.de = de
  }
  public var description: String { message }
}

extension DNSSnapshot {
  /// A decoding error as one line in English and German: where in the file (`entries[3].ttl`)
  /// and what was expected there, never the decoder's internals.
  static func describe(_ error: DecodingError) -> (en: String, de: String) {
    func place(_ path: [any CodingKey]) -> String {
      var text = ""
      for key in path {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    func kind(_ type: Any.Type) -> (en: String, de: String) {
      switch type {
      case is String.Type: ("a string", "eine Zeichenkette")
      case is Int.Type, is UInt32.Type, is UInt16.Type, is Double.Type: ("a number", "eine Zahl")
      case is Bool.Type: ("true or false", "true oder false")
      default:
        String(describing: type).hasPrefix("Array")
          ? ("a list", "eine Liste") : ("an object", "ein Objekt")
      }
    }
    switch error {
    case .typeMismatch(let type, let context):
      let expected = kind(type)
      let at = place(context.codingPath)
      return (
        "\(at.isEmpty ? "the file" : at) must be \(expected.en)",
        "\(at.isEmpty ? "die Datei" : at) muss \(expected.de) sein"
      )
    case .valueNotFound(let type, let context):
      let expected = kind(type)
      let at = place(context.codingPath)
      return (
        "\(at) is null; it must be \(expected.en)", "\(at) ist null; es muss \(expected.de) sein"
      )
    case .keyNotFound(let key, let context):
      let owner = place(context.codingPath)
      let at = owner.isEmpty ? "the top level" : owner
      let atDE = owner.isEmpty ? "der obersten Ebene" : owner
      return (
        "\(at) has no '\(key.stringValue)'", "in \(atDE) fehlt '\(key.stringValue)'"
      )
    case .dataCorrupted(let context):
      let at = place(context.codingPath)
      guard at.isEmpty else {
        return ("\(at) has a value that cannot be read", "\(at) hat einen unlesbaren Wert")
      }
      return ("it is not valid JSON", "sie ist kein gültiges JSON")
    @unknown default:
      return ("it cannot be read", "sie lässt sich nicht lesen")
    }
  }
}
