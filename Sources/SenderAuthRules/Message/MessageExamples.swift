import SenderAuthCore

/// The messages and zones the message rules' examples check: a HubSpot newsletter whose From
/// domain is not the one HubSpot signs for, the same one signed for its From domain, a message
/// whose key is gone.
enum MessageExamples {
  /// `example.com` with its own SPF and a DMARC policy of 'quarantine'.
  static let zone = """
    @ 3600 IN TXT "v=spf1 mx ~all"
    _dmarc 3600 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
    hs1-12345678._domainkey 3600 IN CNAME example-com.hs04a.dkim.hubspotemail.net.
    hs2-12345678._domainkey 3600 IN CNAME example-com.hs04b.dkim.hubspotemail.net.
    """

  /// `brandmail.example`, the domain connected at HubSpot.
  static let brandmail = """
    $ORIGIN brandmail.example.
    hs1-12345678._domainkey CNAME brandmail-example.hs04a.dkim.hubspotemail.net.
    """

  static let otherZones = [ESPExampleZones.hubSpot, brandmail]

  /// An example that checks `message` against `example.com` and the HubSpot zones.
  static func example(_ message: String) -> RuleExample {
    RuleExample(zone: zone, otherZones: otherZones, message: message)
  }

  /// HubSpot signs as `d=brandmail.example`; From is `example.com`.
  static let misaligned = """
    Return-Path: <1axbtq5kdpw@bf03x.hubspotemail.net>
    Received-SPF: pass (mx.example.net: domain of bf03x.hubspotemail.net designates 3.93.157.10 \
    as permitted sender) client-ip=3.93.157.10; envelope-from=1axbtq5kdpw@bf03x.hubspotemail.net;
    Authentication-Results: mx.example.net; dkim=pass header.i=@brandmail.example \
    header.s=hs1-12345678; spf=pass smtp.mailfrom=bf03x.hubspotemail.net; dmarc=fail \
    (p=QUARANTINE) header.from=example.com
    DKIM-Signature: v=1; s=hs1-12345678; d=brandmail.example; a=rsa-sha256; c=relaxed/relaxed;
     h=From:To:Subject:Date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==
    From: Example News <news@example.com>
    Subject: Spring offers
    """

  /// The same newsletter once `example.com` is connected: signed as `d=example.com`.
  static let aligned = """
    Return-Path: <1axbtq5kdpw@bf03x.hubspotemail.net>
    Received-SPF: pass client-ip=3.93.157.10;
    DKIM-Signature: v=1; s=hs1-12345678; d=example.com; a=rsa-sha256; c=relaxed/relaxed;
     h=From:To:Subject:Date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==
    From: Example News <news@example.com>
    Subject: Spring offers
    """

  /// Signed as `d=example.com` with a selector whose key is not published.
  static let keyMissing = """
    Return-Path: <1axbtq5kdpw@bf03x.hubspotemail.net>
    Received-SPF: pass client-ip=3.93.157.10;
    Authentication-Results: mx.example.net; dkim=pass header.d=example.com header.s=hs9-1; \
    spf=pass smtp.mailfrom=bf03x.hubspotemail.net; dmarc=pass header.from=example.com
    DKIM-Signature: v=1; s=hs9-1; d=example.com; a=rsa-sha256; h=From:To:Subject; bh=x; b=y
    From: Example News <news@example.com>
    """
}
