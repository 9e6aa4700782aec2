import DNSLookup
import Foundation
import SenderAuthCore

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
  /// HTTPS fetches may connect to private, loopback and link-local addresses
  /// (`--https-private`); off, a domain's DNS cannot point them into the local network.
  public var httpsPrivate = false

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
  /// The resolvers that ask the network: the run's, and the DNSSEC checks' two (none offline
  /// or with `--replay`).
  var networkResolvers: [LibresolvResolver] = []
  var recorder: RecordingResolver?
  var saveDNS: String?
  public var zones: ZoneSet
  /// `--offline` without `--replay`: the zones are all there is, and a name outside every zone
  /// is NXDOMAIN.
  var answersOnlyFromZones = false
  /// With `--replay`: the recording, which answers only the questions it holds.
  var replay: ReplayResolver?
  /// The zones as the stack answers from them (delegations left to what is below), when any.
  var zoneResolver: ZoneResolver?
  /// On the network (not offline, not a replay) and when the checks need them: the HTTPS
  /// client of the MTA-STS and BIMI checks and the DNSSEC resolvers.
  public var records = RecordSources()

  /// The stack for `settings`; with `records`, also the HTTPS client and the DNSSEC
  /// resolvers when the run may use the network.
  public init(_ settings: ResolverSettings, extraZones: [String] = [], records: Bool = false)
    throws(RequestError)
  {
    saveDNS = settings.saveDNS
    zones = try ZoneSources.load(
      settings.zones + extraZones, replacements: settings.replacements)
    answersOnlyFromZones = settings.offline && settings.replay == nil
    if settings.offline, zones.isEmpty, settings.replay == nil {
      throw RequestError(
        en: "--offline needs --zone FILE or --replay FILE to answer from",
        de: "--offline braucht --zone DATEI oder --replay DATEI als Quelle der Antworten")
    }
    // The HTTPS transport sets libcurl's proxy variable: before the resolver threads start.
    let network = records && !settings.offline && settings.replay == nil
    if network {
      do {
        try URLSessionHTTPSClient.prepare()
      } catch {
        throw RequestError(
          en: "HTTPS fetches cannot start: \(error.message)",
          de: "HTTPS-Abrufe lassen sich nicht starten: \(error.message)")
      }
    }
    var base: (any DNSResolver)?
    if let replay = settings.replay {
      do {
        let recording = try ReplayResolver(path: replay)
        self.replay = recording
        base = recording
      } catch {
        throw RequestError(
          en: "--replay \(replay): \(error.message)", de: "--replay \(replay): \(error.de)")
      }
    } else if !settings.offline {
      let libresolv = LibresolvResolver(configuration: settings.configuration)
      networkResolvers.append(libresolv)
      base = libresolv
    }
    var resolver: any DNSResolver
    if zones.isEmpty, let base {
      resolver = base
    } else {
      let zoned = ZoneResolver(zones: zones, fallback: base)
      zoneResolver = zoned
      resolver = zoned
    }
    cache = CachingResolver(wrapping: resolver)
    resolver = cache
    if settings.saveDNS != nil {
      let recording = RecordingResolver(wrapping: resolver)
      recorder = recording
      resolver = recording
    }
    self.resolver = resolver
    if network {
      // Fetches wait --timeout × --tries seconds for the connection and each read.
      let configuration = settings.configuration
      self.records.https = try? URLSessionHTTPSClient(
        resolver: resolver, timeout: Double(configuration.timeout * configuration.tries),
        privateAddresses: settings.httpsPrivate)
      let dnssec = Self.dnssecResolvers(configuration, zones: zones)
      self.records.dnssec = dnssec.resolvers
      networkResolvers += dnssec.network
    }
  }

  /// Resolvers with the DO bit (and one with CD too) for the DNSSEC checks; zone files answer
  /// their own names (unvalidated) as in the main stack.
  static func dnssecResolvers(_ configuration: ResolverConfiguration, zones: ZoneSet)
    -> (resolvers: DNSSECResolvers, network: [LibresolvResolver])
  {
    var network: [LibresolvResolver] = []
    func make(checkingDisabled: Bool) -> any DNSResolver {
      var settings = configuration
      settings.dnssecOK = true
      settings.checkingDisabled = checkingDisabled
      let base = LibresolvResolver(configuration: settings)
      network.append(base)
      let layered: any DNSResolver =
        zones.isEmpty ? base : ZoneResolver(zones: zones, fallback: base)
      return CachingResolver(wrapping: layered)
    }
    let resolvers = DNSSECResolvers(
      validating: make(checkingDisabled: false), unchecked: make(checkingDisabled: true))
    return (resolvers, network)
  }
}

/// Where the checks beyond DNS answers get their data: an HTTPS client (MTA-STS policies, BIMI
/// logos) and a validating resolver (DNSSEC). Absent offline and in replays: the checks that
/// need them are then not checkable.
public struct RecordSources: Sendable {
  public var https: (any HTTPSClient)?
  public var dnssec: DNSSECResolvers?

  public init(https: (any HTTPSClient)? = nil, dnssec: DNSSECResolvers? = nil) {
    self.https = https
    self.dnssec = dnssec
  }

  /// These sources as one domain sees them: the DNSSEC resolvers keep the failures the
  /// domain saw (`DomainResolver`), and with `seconds` everything is bounded by a per-domain
  /// deadline that far from now.
  func forDomain(deadline seconds: Double?) -> RecordSources {
    func limited(_ resolver: any DNSResolver) -> any DNSResolver {
      let view = DomainResolver(wrapping: resolver)
      return seconds.map { DeadlineResolver(wrapping: view, seconds: $0) } ?? view
    }
    return RecordSources(
      https: https.map { client in
        seconds.map { DeadlineHTTPSClient(wrapping: client, seconds: $0) } ?? client
      },
      dnssec: dnssec.map {
        DNSSECResolvers(validating: limited($0.validating), unchecked: limited($0.unchecked))
      })
  }
}

extension ResolverStack {
  /// A stack over a resolver given from outside (tests: zones, injected failures), with the
  /// run's cache on top, remembering failures for `failureLifetime` seconds.
  public init(
    wrapping resolver: any DNSResolver, zones: ZoneSet = ZoneSet(),
    failureLifetime: ClosedRange<Double> = CachingResolver.defaultFailureLifetime
  ) {
    cache = CachingResolver(wrapping: resolver, failureLifetime: failureLifetime)
    self.resolver = cache
    self.zones = zones
  }

  /// Whether the stack answers `question` with what is there: false offline when no zone
  /// answers its name (none holds it, or one delegates it away: the NXDOMAIN it gets would say
  /// nothing about the name), and from a replay when neither a zone nor the recording does; nil
  /// when every question goes to the network. The checks that a run asks for an address it was
  /// given, not a name a record leads to (the reverse DNS of a sending IP), ask this first, and
  /// leave what it cannot answer not checked.
  public var answerable: (@Sendable (DNSQuestion) -> Bool)? {
    guard answersOnlyFromZones || replay != nil else { return nil }
    let (zones, replay) = (zoneResolver, self.replay)
    return { question in
      zones?.covers(question.name) == true || replay?.holds(question) == true
    }
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

/// Loads zone files as a server sees them: each zone from exactly one file (two files with
/// the same apex are an error naming both, `ZoneSet`); a replacement takes the place of the
/// zone with its apex.
enum ZoneSources {
  static func load(_ paths: [String], replacements: [String]) throws(RequestError) -> ZoneSet {
    var zones = ZoneSet()
    var replaced = ZoneSet()
    do {
      for path in paths {
        for file in try files(at: path) { try zones.insert(try parse(file)) }
      }
      for path in replacements { try replaced.insert(try parse(path)) }
    } catch let error as ZoneSetError {
      throw RequestError(en: error.description, de: error.german)
    } catch let error as RequestError {
      throw error
    } catch {
      throw RequestError(en: "\(error)", de: "\(error)")
    }
    for zone in replaced.zones { zones = zones.replacing(zone) }
    return zones
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
