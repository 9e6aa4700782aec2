/// The services' own records the rule examples read (`RuleExample.otherZones`): their SPF
/// ranges as published (abridged), their DKIM key hosts.
enum ESPExampleZones {
  static let sendGrid = """
    $ORIGIN sendgrid.net.
    @ TXT "v=spf1 ip4:167.89.0.0/17 ip4:149.72.0.0/16 ~all"
    u1234.wl001 TXT "v=spf1 include:sendgrid.net ~all"
    """

  static let microsoft365 = """
    $ORIGIN outlook.com.
    spf.protection TXT "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all"
    """

  static let hubSpot = """
    $ORIGIN hubspotemail.net.
    12345678.spf04 TXT "v=spf1 ip4:3.93.157.0/24 -all"
    bf03x TXT "v=spf1 ip4:3.93.157.0/24 -all"
    brandmail-example.hs04a.dkim TXT \(keyRecord)
    example-com.hs04a.dkim TXT \(keyRecord)
    example-com.hs04b.dkim TXT \(keyRecord)
    """

  /// A DKIM key record for the test key, as two character-strings (each under 255 octets).
  static let keyRecord = "\"v=DKIM1; k=rsa; p=\(key.prefix(200))\" \"\(key.dropFirst(200))\""

  /// A 2048-bit RSA test key (SubjectPublicKeyInfo, base64).
  static let key =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA190j/i8dtwk12VlntSIQpZSBJO4rEkPwSOxrTtO6LBWX8o2I6"
    + "h1aFMuZsT1uTw2f7Jj083x9ym9/rFAAk5S+2wUKg4oPdgiy4RrPKAnsWZ6Hb1aj1QhXJZX4nKtS6HXmtdxdmCwPKu"
    + "iz013M/3R6XQIrTzjhqbvevI3MH0MXIuWXM7c17fWkKTo4UwnUIkiyGAvwckB2hSRzK9BgGAcVavUHwwEc54GlEIi"
    + "KjunC8pzjEEDwRuXKt8lTNu9SL1RQ3TOAv4PLBJszzPRMmlrKA5o95oNSdqJI7X5bLzBixGxg1C6tPl4zCC1WxD1z"
    + "kj+VFUUztIz0751ui7g3HbKu6wIDAQAB"
}
