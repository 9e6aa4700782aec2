/// What the user asked to check besides the domain: one `CheckOptions` per domain.
public struct CheckOptions: Hashable, Sendable, Codable {
  /// DKIM selectors to probe besides ESP and common ones (`--selector`).
  public var selectors: [String]
  /// The envelope (Return-Path) domain mail is sent with (`--return-path`).
  public var returnPath: String?
  /// ESP ids whose expected records are checked (`--esp`).
  public var esps: [String]
  /// Sending IP addresses (`--ip`).
  public var ips: [String]
  /// Profile ids (`--profile`); empty means the default (`bulk`).
  public var profiles: [String]
  /// The DMARC report address to put into fixes (`--rua`).
  public var rua: String?
  /// The domain sends no mail (`--parked`).
  public var parked: Bool
  /// Ask every authoritative name server directly and compare (`--authoritative`).
  public var authoritative: Bool

  public init(
    selectors: [String] = [], returnPath: String? = nil, esps: [String] = [], ips: [String] = [],
    profiles: [String] = [], rua: String? = nil, parked: Bool = false,
    authoritative: Bool = false
  ) {
    self.selectors = selectors
    self.returnPath = returnPath
    self.esps = esps
    self.ips = ips
    self.profiles = profiles
    self.rua = rua
    self.parked = parked
    self.authoritative = authoritative
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    selectors = try container.decodeIfPresent([String].self, forKey: .selectors) ?? []
    returnPath = try container.decodeIfPresent(String.self, forKey: .returnPath)
    esps = try container.decodeIfPresent([String].self, forKey: .esps) ?? []
    ips = try container.decodeIfPresent([String].self, forKey: .ips) ?? []
    profiles = try container.decodeIfPresent([String].self, forKey: .profiles) ?? []
    rua = try container.decodeIfPresent(String.self, forKey: .rua)
    parked = try container.decodeIfPresent(Bool.self, forKey: .parked) ?? false
    authoritative = try container.decodeIfPresent(Bool.self, forKey: .authoritative) ?? false
  }
}
