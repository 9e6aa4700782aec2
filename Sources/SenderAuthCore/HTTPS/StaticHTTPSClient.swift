/// What one URL answers in a rule example or test: a response, or a failure by kind.
public struct ExampleResource: Hashable, Sendable, Codable {
  public var status: Int
  public var contentType: String?
  public var location: String?
  public var body: String
  /// `refused`, `timeout`, `tls`, `certificate` or `noAddress`: the fetch fails so instead.
  public var failure: String?

  public init(
    status: Int = 200, contentType: String? = "text/plain", location: String? = nil,
    body: String = ""
  ) {
    self.status = status
    self.contentType = contentType
    self.location = location
    self.body = body
  }

  /// A fetch that fails with the given kind.
  public static func failing(_ kind: String) -> ExampleResource {
    var resource = ExampleResource(status: 0, contentType: nil)
    resource.failure = kind
    return resource
  }
}

/// How a validating resolver judges a zone in an example.
public enum ExampleValidation: String, Hashable, Sendable, Codable {
  case secure
  case insecure
  case bogus
}

/// An HTTPS client answering from a table (rule examples and tests); URLs not in it have no
/// address.
public struct StaticHTTPSClient: HTTPSClient {
  public var resources: [String: ExampleResource]

  public init(_ resources: [String: ExampleResource]) {
    self.resources = resources
  }

  public func fetch(_ request: HTTPSRequest) async -> HTTPSFetch {
    guard let resource = resources[request.url.description] else {
      return .failed(.noAddress(host: request.url.host))
    }
    let url = request.url
    switch resource.failure {
    case "refused"?:
      return .failed(.refused(host: url.host, port: url.port, addresses: ["192.0.2.1"]))
    case "timeout"?: return .failed(.timeout("no connection to '\(url.host.text)'"))
    case "tls"?: return .failed(.tls("handshake failure"))
    case "certificate"?:
      return .failed(
        .certificate("no alternative certificate subject name matches '\(url.host.text)'"))
    case "noAddress"?: return .failed(.noAddress(host: url.host))
    default: break
    }
    let body = Array(resource.body.utf8)
    guard body.count <= request.maximumSize else {
      return .failed(.tooLarge(limit: request.maximumSize))
    }
    return .response(
      HTTPSResponse(
        status: resource.status, contentType: resource.contentType, location: resource.location,
        body: body))
  }
}

/// Bounds the fetches of one domain by its deadline: a fetch still running when the deadline
/// passes ends with `HTTPSFailure.deadline` (the transfer itself runs out in the background,
/// bounded by the client's own timeout).
public struct DeadlineHTTPSClient: HTTPSClient {
  public var wrapped: any HTTPSClient
  public var seconds: Double
  /// When the deadline started (the domain's start), as a continuous-clock instant.
  public var start: ContinuousClock.Instant

  public init(wrapping client: any HTTPSClient, seconds: Double) {
    self.wrapped = client
    self.seconds = seconds
    self.start = .now
  }

  public func fetch(_ request: HTTPSRequest) async -> HTTPSFetch {
    let remaining = start.advanced(by: .seconds(seconds)) - .now
    let host = request.url.host
    guard remaining > .zero else { return .failed(.deadline(host: host, seconds: seconds)) }
    let wrapped = self.wrapped
    let seconds = self.seconds
    return await withTaskGroup(of: HTTPSFetch?.self) { group in
      group.addTask { await wrapped.fetch(request) }
      group.addTask {
        try? await Task.sleep(for: remaining)
        return Task.isCancelled ? nil : .failed(.deadline(host: host, seconds: seconds))
      }
      var outcome: HTTPSFetch = .failed(.deadline(host: host, seconds: seconds))
      while let next = await group.next() {
        if let next {
          outcome = next
          break
        }
      }
      group.cancelAll()
      return outcome
    }
  }
}
