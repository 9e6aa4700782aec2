import Foundation

/// Trusting an extra certification authority (`--ca-file FILE`) for the HTTPS fetches.
///
/// URLSession on Linux is libcurl with the CA bundle compiled into it
/// (`/etc/ssl/certs/ca-certificates.crt` on Debian); swift-corelibs-foundation offers no way
/// to add to it (its `URLSessionCertificateAuthorityInfoFile` variable is read on Android
/// only, and libcurl itself reads no CA variable). So the process moves into a private mount
/// namespace (`unshare`; a user namespace too when it lacks the privilege) and bind-mounts a
/// bundle of the system's CAs plus FILE over the system bundle, for itself only. libcurl
/// then validates certificates exactly as before (chain, expiry, host name) with one more
/// trusted root. This must happen while the process has a single thread.
public enum TrustedCertificates {
  /// The CA bundles FoundationNetworking and common libcurl builds read, in its search order.
  public static let bundlePaths = [
    "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
    "/usr/share/ssl/certs/ca-bundle.crt", "/usr/local/share/certs/ca-root-nss.crt",
    "/etc/ssl/cert.pem",
  ]

  /// Adds the PEM certificates in `caFile` to the trusted roots of this process.
  ///
  /// Throws with one line saying what is wrong: an unreadable file, no certificate in it,
  /// other threads already running, or a system that allows no private mount namespace.
  public static func install(caFile: String) throws(HTTPSClientError) {
    #if os(Linux)
      guard let data = FileManager.default.contents(atPath: caFile) else {
        throw HTTPSClientError("--ca-file \(caFile): cannot read the file")
      }
      let text = String(decoding: data, as: UTF8.self)
      guard text.contains("-----BEGIN CERTIFICATE-----"),
        text.contains("-----END CERTIFICATE-----")
      else {
        throw HTTPSClientError("--ca-file \(caFile): no PEM certificate in it")
      }
      let threads = POSIX.threadCount() ?? 0
      guard threads == 1 else {
        throw HTTPSClientError(
          "--ca-file must be applied before other threads start (\(threads) are running)")
      }
      let targets = bundlePaths.filter(POSIX.isRegularFile)
      guard let system = targets.first.flatMap({ FileManager.default.contents(atPath: $0) })
      else {
        throw HTTPSClientError(
          "--ca-file: no system CA bundle found (looked at \(bundlePaths.joined(separator: ", ")))"
        )
      }
      let combined = Array(system) + Array("\n".utf8) + Array(data) + Array("\n".utf8)
      do {
        try enterPrivateMountNamespace()
        let bundle = try POSIX.temporaryFile(combined)
        defer { POSIX.removeFile(bundle) }
        for target in targets {
          try POSIX.bindMount(bundle, over: target)
        }
      } catch {
        throw HTTPSClientError(
          "--ca-file needs a private mount namespace, which this system refuses (\(error)); "
            + "add the CA to the system's trust store instead")
      }
    #else
      throw HTTPSClientError("--ca-file is supported on Linux only")
    #endif
  }

  #if os(Linux)
    /// A mount namespace of our own: directly when we may (root with CAP_SYS_ADMIN), else
    /// inside a new user namespace where we are root.
    private static func enterPrivateMountNamespace() throws(POSIX.Failure) {
      let identity = POSIX.identity()
      do {
        guard identity.euid == 0 else { throw POSIX.Failure(call: "unshare", code: EPERM) }
        try POSIX.unshare(POSIX.newMountNamespace)
      } catch {
        try POSIX.unshare(POSIX.newUserNamespace | POSIX.newMountNamespace)
        try POSIX.mapIdentityToRoot(uid: identity.uid, gid: identity.gid)
      }
      try POSIX.makeMountsPrivate()
    }
  #endif
}
