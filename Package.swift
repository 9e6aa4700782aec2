// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "senderauth",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "senderauth", targets: ["senderauth"])
  ],
  targets: [
    .systemLibrary(name: "CResolv", path: "Sources/CResolv"),
    // The transport's classes (sockets, server endpoints, the event loop, resolutions) belong
    // to the I/O thread, which reads and writes their properties thousands of times a second:
    // a release build skips the runtime's exclusivity checks in this module (about 75,000
    // instructions a domain in a batch, 2 %); debug builds, the tests', keep them.
    .target(
      name: "DNSLookup", dependencies: ["CResolv"],
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]),
    // libcurl's functions, loaded on the first HTTPS fetch (see its source and `link/`).
    .target(
      name: "CCurlOnDemand", exclude: ["link"],
      linkerSettings: [
        .unsafeFlags(
          ["-L", Context.packageDirectory + "/Sources/CCurlOnDemand/link"],
          .when(platforms: [.linux]))
      ]),
    .target(
      name: "SenderAuthCore",
      dependencies: [
        "DNSLookup", .target(name: "CCurlOnDemand", condition: .when(platforms: [.linux])),
      ]),
    .target(name: "SenderAuthRules", dependencies: ["SenderAuthCore", "DNSLookup"]),
    .target(name: "SenderAuthReport", dependencies: ["SenderAuthCore", "DNSLookup"]),
    .target(
      name: "SenderAuthKit", dependencies: ["SenderAuthRules", "SenderAuthCore", "DNSLookup"]),
    .executableTarget(
      name: "senderauth",
      dependencies: [
        "SenderAuthKit", "SenderAuthReport", "SenderAuthRules", "SenderAuthCore", "DNSLookup",
      ]),
    .target(name: "DNSTestSupport", dependencies: ["DNSLookup"], path: "Tests/DNSTestSupport"),
    .testTarget(name: "DNSLookupTests", dependencies: ["DNSLookup", "DNSTestSupport"]),
    .testTarget(
      name: "SenderAuthCoreTests", dependencies: ["SenderAuthCore", "DNSLookup", "DNSTestSupport"]),
    .testTarget(
      name: "SenderAuthRulesTests",
      dependencies: [
        "SenderAuthKit", "SenderAuthRules", "SenderAuthCore", "DNSLookup", "DNSTestSupport",
      ]
    ),
    .testTarget(
      name: "SenderAuthReportTests",
      dependencies: [
        "SenderAuthReport", "SenderAuthKit", "SenderAuthRules", "SenderAuthCore", "DNSLookup",
      ],
      exclude: ["Golden"]),
    .testTarget(
      name: "senderauthTests",
      dependencies: ["senderauth", "DNSLookup", "DNSTestSupport", "SenderAuthRules"]),
  ],
  swiftLanguageModes: [.v6]
)
