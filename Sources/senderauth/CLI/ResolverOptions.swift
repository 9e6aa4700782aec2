import DNSLookup
import SenderAuthCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The options every command that asks DNS shares: where answers come from.
struct ResolverOptions: Sendable {
  static let specs: [OptionSpec] = [
    .option(
      "--nameserver", value: "IP[:PORT]",
      help: "Ask this server instead of resolv.conf's; IPv6 as [IP]:PORT.", repeatable: true),
    .option("--timeout", value: "SECONDS", help: "Seconds to wait for each try (default 2)."),
    .option("--tries", value: "N", help: "Tries per server before giving up (default 2)."),
    .option(
      "--zone", value: "FILE",
      help: "Answer names inside this zone file (or each *.zone in a directory) from it.",
      repeatable: true),
    .flag("--offline", help: "Answer only from --zone/--replay files; never touch the network."),
    .option("--save-dns", value: "FILE", help: "Write every question and answer to FILE (JSON)."),
    .option(
      "--replay", value: "FILE",
      help: "Answer from a file written by --save-dns (no network; with --zone overlays)."),
    .option(
      "--ca-file", value: "FILE",
      help: "Also trust the CA certificates (PEM) in FILE for HTTPS fetches (MTA-STS, BIMI)."),
  ]

  var configuration: ResolverConfiguration
  var zoneFiles: [String]
  var offline: Bool
  var saveDNS: String?
  var replay: String?

  init(_ arguments: ParsedArguments) throws(UsageError) {
    do {
      configuration = try ResolverConfiguration.parse(
        nameservers: arguments.all("--nameserver"), timeout: arguments.last("--timeout"),
        tries: arguments.last("--tries"))
      // A check sends 30-40 independent questions at once; one worker per question in flight
      // keeps the critical path at the depth of the dependency chain.
      configuration.workers = 64
    } catch {
      throw UsageError(error.message)
    }
    zoneFiles = arguments.all("--zone")
    offline = arguments.has("--offline")
    saveDNS = arguments.last("--save-dns")
    replay = arguments.last("--replay")
    if offline, !arguments.all("--nameserver").isEmpty {
      throw UsageError("--offline and --nameserver contradict each other")
    }
    // `--ca-file` is applied by `CAFileOption.apply` at the start of main, while the process
    // still has one thread.
  }

  /// The loaded zones; a directory stands for every `*.zone` file in it.
  func loadZones(adding extra: [String] = []) throws(InputError) -> [ZoneFile] {
    var zones: [ZoneFile] = []
    for path in zoneFiles + extra {
      for file in try Self.zoneFiles(at: path) {
        do {
          zones.append(try ZoneFile.load(path: file))
        } catch {
          throw InputError(error.description)
        }
      }
    }
    return zones
  }

  /// `path` itself, or the `*.zone` files in it (sorted) when it is a directory.
  static func zoneFiles(at path: String) throws(InputError) -> [String] {
    guard let directory = opendir(path) else { return [path] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(".zone") { names.append(name) }
    }
    guard !names.isEmpty else {
      throw InputError("--zone \(path): the directory has no *.zone files")
    }
    let base = path.hasSuffix("/") ? path : path + "/"
    return names.sorted().map { base + $0 }
  }

  /// The resolver stack of DESIGN.md: libresolv (or a replay), zone overlays, a cache and,
  /// with `--save-dns`, a recorder on top. With `records`, also the HTTPS client (MTA-STS,
  /// BIMI) and the DNSSEC resolvers, when the run may use the network.
  func makeResolver(
    adding extraZones: [String] = [], records: Bool = false
  ) throws(InputError) -> ResolverStack {
    let zones = try loadZones(adding: extraZones)
    if offline, zones.isEmpty, replay == nil {
      throw InputError("--offline needs --zone FILE or --replay FILE to answer from")
    }
    // The HTTPS transport sets libcurl's proxy variable: before the resolver threads start.
    let network = records && !offline && replay == nil
    if network {
      do {
        try URLSessionHTTPSClient.prepare()
      } catch {
        throw InputError(error.message)
      }
    }
    var base: (any DNSResolver)?
    if let replay {
      do {
        base = try ReplayResolver(path: replay)
      } catch {
        throw InputError("--replay \(replay): \(error)")
      }
    } else if !offline {
      base = LibresolvResolver(configuration: configuration)
    }
    var resolver: any DNSResolver
    if zones.isEmpty, let base {
      resolver = base
    } else {
      resolver = ZoneResolver(zones: zones, fallback: base)
    }
    let cache = CachingResolver(wrapping: resolver)
    resolver = cache
    var recorder: RecordingResolver?
    if saveDNS != nil {
      let recording = RecordingResolver(wrapping: resolver)
      recorder = recording
      resolver = recording
    }
    var stack = ResolverStack(
      resolver: resolver, cache: cache, recorder: recorder, saveDNS: saveDNS)
    if network {
      // Fetches wait --timeout × --tries seconds for the connection and each read.
      stack.https = try? URLSessionHTTPSClient(
        resolver: resolver, timeout: Double(configuration.timeout * configuration.tries))
      stack.dnssec = dnssecResolvers(zones: zones)
    }
    return stack
  }

  /// Resolvers with the DO bit (and one with CD too) for the DNSSEC checks; zone files answer
  /// their own names (unvalidated) as in the main stack.
  private func dnssecResolvers(zones: [ZoneFile]) -> DNSSECResolvers {
    func make(checkingDisabled: Bool) -> any DNSResolver {
      var settings = configuration
      settings.dnssecOK = true
      settings.checkingDisabled = checkingDisabled
      settings.workers = 4
      let base: any DNSResolver = LibresolvResolver(configuration: settings)
      let layered: any DNSResolver =
        zones.isEmpty ? base : ZoneResolver(zones: zones, fallback: base)
      return CachingResolver(wrapping: layered)
    }
    return DNSSECResolvers(
      validating: make(checkingDisabled: false), unchecked: make(checkingDisabled: true))
  }
}

/// The assembled resolver and the parts a command reads back after the run.
struct ResolverStack: Sendable {
  var resolver: any DNSResolver
  var cache: CachingResolver
  var recorder: RecordingResolver?
  var saveDNS: String?
  /// With `makeResolver(records: true)` on the network: the HTTPS client and the DNSSEC
  /// resolvers the checks of MTA-STS, BIMI and DNSSEC use.
  var https: URLSessionHTTPSClient?
  var dnssec: DNSSECResolvers?

  init(
    resolver: any DNSResolver, cache: CachingResolver, recorder: RecordingResolver?,
    saveDNS: String?
  ) {
    self.resolver = resolver
    self.cache = cache
    self.recorder = recorder
    self.saveDNS = saveDNS
  }

  /// Writes the recording when `--save-dns` was given.
  func finish() throws(InputError) {
    guard let recorder, let saveDNS else { return }
    do {
      try recorder.save(to: saveDNS)
    } catch {
      throw InputError("--save-dns \(saveDNS): \(error)")
    }
  }
}

/// Bad input found while working (a zone file, a replay file): one line, exit status 2.
struct InputError: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}
