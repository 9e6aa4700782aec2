import DNSLookup

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
      "--max-inflight", value: "N",
      help: "Queries in flight to one server at once; more wait (default 1024)."),
    .option(
      "--zone", value: "FILE",
      help: "Answer names inside this zone file (or each *.zone in a directory) from it.",
      repeatable: true),
    .flag("--offline", help: "Answer only from --zone/--replay files; never touch the network."),
    .option("--save-dns", value: "FILE", help: "Write every question and answer to FILE (JSON)."),
    .option(
      "--replay", value: "FILE",
      help: "Answer from a file written by --save-dns (no network; with --zone overlays)."),
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
        tries: arguments.last("--tries"), maxInFlight: arguments.last("--max-inflight"))
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
  /// with `--save-dns`, a recorder on top.
  func makeResolver(adding extraZones: [String] = []) throws(InputError) -> ResolverStack {
    let zones = try loadZones(adding: extraZones)
    if offline, zones.isEmpty, replay == nil {
      throw InputError("--offline needs --zone FILE or --replay FILE to answer from")
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
    return ResolverStack(resolver: resolver, cache: cache, recorder: recorder, saveDNS: saveDNS)
  }
}

/// The assembled resolver and the parts a command reads back after the run.
struct ResolverStack: Sendable {
  var resolver: any DNSResolver
  var cache: CachingResolver
  var recorder: RecordingResolver?
  var saveDNS: String?

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
