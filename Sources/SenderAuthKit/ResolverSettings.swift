import DNSLookup
import Foundation

/// Where answers come from: libresolv (resolv.conf or `--nameserver`), zone files overlaid on
/// it or alone (`--offline`), a replay of a saved run, and whether to record the run.
public struct ResolverSettings: Sendable {
  public var configuration: ResolverConfiguration
  /// `--zone` paths: zone files, or directories standing for every `*.zone` in them.
  public var zones: [String]
  /// Zone files that replace the zone with the same apex from `zones` and the configuration
  /// (a `diff` side).
  public var replacements: [String]
  /// Answer only from zones and the replay; never touch the network.
  public var offline: Bool
  /// A file written by `--save-dns` to answer from.
  public var replay: String?
  /// Where to write every question and answer (`--save-dns`).
  public var saveDNS: String?
  /// The port of the name servers `--authoritative` asks directly.
  public var authoritativePort: UInt16

  public init(
    configuration: ResolverConfiguration = ResolverConfiguration(), zones: [String] = [],
    replacements: [String] = [], offline: Bool = false, replay: String? = nil,
    saveDNS: String? = nil, authoritativePort: UInt16 = 53
  ) {
    self.configuration = configuration
    self.zones = zones
    self.replacements = replacements
    self.offline = offline
    self.replay = replay
    self.saveDNS = saveDNS
    self.authoritativePort = authoritativePort
  }
}

/// The assembled resolver of a session (and of `lookup`): libresolv (or a replay), zone
/// overlays, a cache and, with `--save-dns`, a recorder on top; and the zones that were loaded.
public struct ResolverStack: Sendable {
  public var resolver: any DNSResolver
  var cache: CachingResolver
  var recorder: RecordingResolver?
  var saveDNS: String?
  public var zones: [ZoneFile]

  public init(_ settings: ResolverSettings, extraZones: [String] = []) throws(RequestError) {
    saveDNS = settings.saveDNS
    zones = try ZoneSources.load(
      settings.zones + extraZones, replacements: settings.replacements)
    if settings.offline, zones.isEmpty, settings.replay == nil {
      throw RequestError(
        en: "--offline needs --zone FILE or --replay FILE to answer from",
        de: "--offline braucht --zone DATEI oder --replay DATEI als Quelle der Antworten")
    }
    var base: (any DNSResolver)?
    if let replay = settings.replay {
      do {
        base = try ReplayResolver(path: replay)
      } catch {
        throw RequestError(
          en: "--replay \(replay): \(error.message)", de: "--replay \(replay): \(error.de)")
      }
    } else if !settings.offline {
      base = LibresolvResolver(configuration: settings.configuration)
    }
    var resolver: any DNSResolver
    if zones.isEmpty, let base {
      resolver = base
    } else {
      resolver = ZoneResolver(zones: zones, fallback: base)
    }
    cache = CachingResolver(wrapping: resolver)
    resolver = cache
    if settings.saveDNS != nil {
      let recording = RecordingResolver(wrapping: resolver)
      recorder = recording
      resolver = recording
    }
    self.resolver = resolver
  }
}

extension ResolverStack {
  /// A stack over a resolver given from outside (tests: zones, injected failures), with the
  /// run's cache on top.
  public init(wrapping resolver: any DNSResolver, zones: [ZoneFile] = []) {
    cache = CachingResolver(wrapping: resolver)
    self.resolver = cache
    self.zones = zones
  }

  /// Writes the recording when `--save-dns` was given.
  public func finish() throws(RequestError) {
    guard let recorder, let saveDNS else { return }
    do {
      try recorder.save(to: saveDNS)
    } catch {
      throw RequestError(
        en: "--save-dns \(saveDNS): \(error.message)", de: "--save-dns \(saveDNS): \(error.de)")
    }
  }
}

/// Loads zone files as a server sees them: each zone from exactly one file. Two files with the
/// same apex are an error naming both; a replacement replaces the zone with its apex.
enum ZoneSources {
  static func load(_ paths: [String], replacements: [String]) throws(RequestError) -> [ZoneFile] {
    var zones: [ZoneFile] = []
    for path in paths {
      for file in try files(at: path) {
        let zone = try parse(file)
        if let other = zones.first(where: { $0.origin == zone.origin }) {
          throw RequestError(
            en: "zone '\(zone.origin.text)' is loaded from two files: '\(other.file)' and "
              + "'\(zone.file)'; give each zone once",
            de: "die Zone '\(zone.origin.text)' wird aus zwei Dateien geladen: '\(other.file)' "
              + "und '\(zone.file)'; geben Sie jede Zone nur einmal an")
        }
        zones.append(zone)
      }
    }
    var replaced: [ZoneFile] = []
    for path in replacements {
      let zone = try parse(path)
      if let other = replaced.first(where: { $0.origin == zone.origin }) {
        throw RequestError(
          en: "zone '\(zone.origin.text)' is given twice: '\(other.file)' and '\(zone.file)'",
          de: "die Zone '\(zone.origin.text)' ist zweimal angegeben: '\(other.file)' und "
            + "'\(zone.file)'")
      }
      replaced.append(zone)
    }
    let replacedApexes = Set(replaced.map(\.origin))
    return zones.filter { !replacedApexes.contains($0.origin) } + replaced
  }

  static func parse(_ path: String) throws(RequestError) -> ZoneFile {
    do {
      return try ZoneFile.load(path: path)
    } catch {
      // The zone parser's message names the file, line and column; it stays as written.
      throw RequestError(en: error.description, de: error.description)
    }
  }

  /// `path` itself, or the `*.zone` files in it (sorted) when it is a directory.
  static func files(at path: String) throws(RequestError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { return [path] }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw RequestError(
        en: "--zone \(path): cannot read the directory",
        de: "--zone \(path): das Verzeichnis lässt sich nicht lesen")
    }
    let zones = names.filter { $0.hasSuffix(".zone") }.sorted()
    guard !zones.isEmpty else {
      throw RequestError(
        en: "--zone \(path): the directory has no *.zone files",
        de: "--zone \(path): das Verzeichnis enthält keine *.zone-Dateien")
    }
    let base = path.hasSuffix("/") ? path : path + "/"
    return zones.map { base + $0 }
  }
}
