#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An RFC 1035 §5 master file as an authoritative server loads it: its apex and its records,
/// each with the file and line it came from.
///
/// It accepts what Knot DNS (3.2, `semantic-checks: off`) accepts and refuses what Knot
/// refuses, with one line naming file, line, column and token: `$ORIGIN` (absolute), `$TTL`,
/// `$INCLUDE` (relative to the including file, inside the zone file's directory), `@`,
/// relative names, a blank owner for the previous one, TTL and class in either order (class
/// IN only), TTL units (`1h30m`), parentheses over several lines, comments, quoted and bare
/// character-strings with `\X` and `\DDD`, names as octets (`foo\058bar` is `foo:bar`),
/// `TYPEnnn` and RFC 3597 `\# length hex`. A, AAAA, NS, CNAME, PTR, MX, TXT, SPF, SOA, CAA and
/// SRV data are read and checked; other types Knot knows are noted in `warnings` and not read.
///
/// As a server sees the zone: a record without TTL gets `$TTL`, else 3600 (Knot's default);
/// identical records are one (RFC 2181 §5) and an RRset has one TTL, the last one written
/// (Knot's rule), each with a warning; records outside the apex are dropped with a warning;
/// CNAME beside other data, two CNAMEs at a name, and data below a DNAME are errors.
/// Knot's quirks are kept: a `(` or `)` right after a bare word of text is part of the string
/// (`TXT (a b)` is `"a" "b)"`), and a directive on a last line without a line end is ignored
/// (with a warning). Deliberately stricter than Knot: `\DDD` over 255 in a name (Knot wraps it
/// modulo 256), a broken last line without a line end (Knot may drop it silently), and
/// `$INCLUDE` of a file outside the zone file's directory are errors.
public struct ZoneFile: Hashable, Sendable {
  /// The zone's apex: the owner of the SOA record; in a file without one (a fragment), its
  /// first `$ORIGIN`, else the origin given or taken from the file name, else the first owner.
  public var origin: DomainName
  public var records: [ResourceRecord]
  /// The path or label the zone was read from.
  public var file: String
  /// What a server reads differently from how it is written, each with its line.
  public var warnings: [ZoneFileWarning]

  /// The TTL of a record that has none and no `$TTL` before it (Knot's `default-ttl`).
  public static let defaultTTL: UInt32 = 3600

  public init(
    origin: DomainName, records: [ResourceRecord], file: String,
    warnings: [ZoneFileWarning] = []
  ) {
    self.origin = origin
    self.records = records
    self.file = file
    self.warnings = warnings
  }

  /// Reads zone-file text. Without `origin`, the text must set `$ORIGIN` before its first
  /// relative name. `$INCLUDE` needs a file on disk (`load`).
  public static func parse(
    _ text: String, origin: DomainName? = nil, file: String = "<zone>"
  ) throws(ZoneFileError) -> ZoneFile {
    try read(bytes: Array(text.utf8), origin: origin, file: file, directory: nil)
  }

  /// Reads the zone file at `path`. Without `origin`, a file named `example.com.zone` has the
  /// origin `example.com`.
  public static func load(path: String, origin: DomainName? = nil) throws(ZoneFileError)
    -> ZoneFile
  {
    let bytes = try readFile(path, requireRegularFile: false)
    return try read(
      bytes: bytes, origin: origin ?? originFromFileName(path), file: path,
      directory: directory(of: path))
  }

  private static func read(
    bytes: [UInt8], origin: DomainName?, file: String, directory: String?
  ) throws(ZoneFileError) -> ZoneFile {
    var include: ZoneFileParser.IncludeContext?
    if let directory {
      guard let root = realPath(directory) else {
        throw ZoneFileError(file: file, line: 0, message: "cannot resolve its directory")
      }
      include = ZoneFileParser.IncludeContext(root: root, stack: realPath(file).map { [$0] } ?? [])
    }
    var content = ZoneFileParser.Content()
    var parser = ZoneFileParser(
      file: file, directory: directory, origin: origin, defaultTTL: nil, include: include)
    try parser.parse(bytes, into: &content)
    return try assemble(content, initialOrigin: origin, file: file)
  }

  /// The directory `path` lies in (`.` for a bare file name).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `example.com` for `…/example.com.zone` (or `.db`), when the base name holds a dot.
  static func originFromFileName(_ path: String) -> DomainName? {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".zone", ".db"] where base.hasSuffix(suffix) {
      let stem = String(base.dropLast(suffix.count))
      guard stem.contains(".") else { return nil }
      return try? DomainName(stem)
    }
    return nil
  }

  /// The bytes of the file at `path` (at most 64 MiB). An included file must be a regular
  /// file, so that a device or a FIFO cannot hang the read.
  static func readFile(_ path: String, requireRegularFile: Bool) throws(ZoneFileError)
    -> [UInt8]
  {
    func fail(_ message: String) -> ZoneFileError {
      ZoneFileError(file: path, line: 0, message: message)
    }
    if requireRegularFile {
      var info = stat()
      guard stat(path, &info) == 0 else {
        throw fail("cannot read the zone file: \(strerrorText(errno))")
      }
      guard info.st_mode & S_IFMT == S_IFREG else { throw fail("is not a regular file") }
    }
    guard let handle = fopen(path, "rb") else {
      throw fail("cannot read the zone file: \(strerrorText(errno))")
    }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&chunk, 1, chunk.count, handle)
      if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
      if count < chunk.count { break }
      if bytes.count > 64 * 1024 * 1024 { throw fail("the zone file is larger than 64 MiB") }
    }
    if ferror(handle) != 0 { throw fail("cannot read the zone file") }
    return bytes
  }

  /// The canonical absolute path of `path` (symbolic links resolved), nil when it does not
  /// exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func strerrorText(_ code: Int32) -> String {
    guard let pointer = strerror(code) else { return "error \(code)" }
    return String(cString: pointer)
  }
}
