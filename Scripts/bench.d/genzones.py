#!/usr/bin/env python3
"""Generates the benchmark's synthetic zones: N customer domains below `test.` and the shared
provider zones they lean on, as RFC 1035 master files, plus the domain list and a dnsperf
query file with the same mix of questions a check asks.

Each customer domain dNNNNN.test has (deterministically, from its number):
  - SPF with 1-4 includes into shared provider zones (some nested: Google-like netblocks,
    Mailgun-like two-level includes), `-all` or `~all`; three in four with an `ip4:` of their
    own (198.18.0.0/15, the benchmarking range), so their record's text is theirs alone;
  - DMARC at _dmarc.dNNNNN.test, half of them reporting to an external vendor (whose zone
    authorizes every domain with a wildcard `_report._dmarc` record), half to themselves;
  - 1-2 DKIM selectors as CNAMEs into the providers' zones (per-customer targets, as SendGrid,
    Microsoft 365 and HubSpot do; a shared one, as Mailchimp does);
  - MX at a provider (or its own mail host), and an A record.
One extra domain, `latency.test`, has a known dependency depth (3) for the latency test.
"""
import argparse
import os
import random
import re

KEY_FALLBACK = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA190j/i8dtwk12VlntSIQpZSBJO4rEkPwSOxrTtO6LBWX8o2I6h1aF"
    "MuZsT1uTw2f7Jj083x9ym9/rFAAk5S+2wUKg4oPdgiy4RrPKAnsWZ6Hb1"
)

HEADER = """$ORIGIN {origin}.
$TTL 3600
@ IN SOA ns1.{origin}. hostmaster.{origin}. 1 7200 3600 1209600 300
@ IN NS ns1.{origin}.
ns1 IN A 127.0.0.1
"""

# Provider: (zone, SPF include target, DKIM selectors, MX host)
PROVIDERS = [
    ("gsuite.example", "_spf.gsuite.example", ["google"], "aspmx.gsuite.example."),
    ("o365.example", "spf.protection.o365.example", ["selector1", "selector2"],
     "{label}-test.mail.protection.o365.example."),
    ("sendgrid.example", "sendgrid.example", ["s1", "s2"], None),
    ("mcsv.example", "servers.mcsv.example", ["k1"], None),
    ("mailgun.example", "mailgun.example", ["smtp"], "mxa.mailgun.example."),
    ("hubspot.example", "_spf.hubspot.example", ["hs1", "hs2"], None),
]
VENDOR = "dmarc-vendor.example"


def dkim_key(repo):
    path = os.path.join(repo, "Fixtures", "dkim", "keys.example.zone")
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("rsa2048-spki._domainkey"):
                    text = "".join(re.findall(r'"([^"]*)"', line))
                    match = re.search(r"p=([A-Za-z0-9+/=]+)", text)
                    if match:
                        return match.group(1)
    except OSError:
        pass
    return KEY_FALLBACK


def txt(value):
    """A TXT rdata: strings of at most 255 octets."""
    parts = [value[i:i + 255] for i in range(0, len(value), 255)] or [""]
    return " ".join('"%s"' % part for part in parts)


def provider_zones(key, customers):
    """The provider zones, with the per-customer DKIM targets for `customers`."""
    dkim = "v=DKIM1; k=rsa; p=" + key
    zones = {}
    z = [HEADER.format(origin="gsuite.example")]
    z.append('_spf IN TXT "v=spf1 include:_netblocks.gsuite.example '
             'include:_netblocks2.gsuite.example include:_netblocks3.gsuite.example ~all"')
    z.append('_netblocks IN TXT "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 '
             'ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ~all"')
    z.append('_netblocks2 IN TXT "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all"')
    z.append('_netblocks3 IN TXT "v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ~all"')
    z.append("aspmx IN A 127.0.1.1")
    zones["gsuite.example"] = z

    z = [HEADER.format(origin="o365.example")]
    z.append('spf.protection IN TXT "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 '
             'ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all"')
    z.append("*.mail.protection IN A 127.0.1.2")
    zones["o365.example"] = z

    z = [HEADER.format(origin="sendgrid.example")]
    z.append('@ IN TXT "v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ~all"')
    zones["sendgrid.example"] = z

    z = [HEADER.format(origin="mcsv.example")]
    z.append('servers IN TXT "v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ?all"')
    z.append("dkim IN TXT " + txt(dkim))
    zones["mcsv.example"] = z

    z = [HEADER.format(origin="mailgun.example")]
    z.append('@ IN TXT "v=spf1 include:_spf.mailgun.example ~all"')
    z.append('_spf IN TXT "v=spf1 include:_spf1.mailgun.example include:_spf2.mailgun.example ~all"')
    z.append('_spf1 IN TXT "v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all"')
    z.append('_spf2 IN TXT "v=spf1 ip4:198.61.254.0/23 ip4:69.72.32.0/20 ~all"')
    z.append("mxa IN A 127.0.1.3")
    zones["mailgun.example"] = z

    z = [HEADER.format(origin="hubspot.example")]
    z.append('_spf IN TXT "v=spf1 ip4:54.174.52.0/24 ip4:143.244.80.0/20 ~all"')
    zones["hubspot.example"] = z

    z = [HEADER.format(origin=VENDOR)]
    z.append("*._report._dmarc IN TXT \"v=DMARC1\"")
    z.append("@ IN MX 10 mx.%s." % VENDOR)
    z.append("mx IN A 127.0.1.4")
    zones[VENDOR] = z

    for number, label, chosen in customers:
        for provider in chosen:
            zone, _, selectors, _ = PROVIDERS[provider]
            for selector in selectors[:2]:
                target = dkim_target(provider, selector, number, label)
                if target is None or provider == 3:  # none, or Mailchimp's shared key
                    continue
                relative = target[: -len(zone) - 2]
                zones[zone].append("%s IN TXT %s" % (relative, txt(dkim)))
    return zones


def dkim_target(provider, selector, number, label):
    """The CNAME target of a customer's selector at `provider`; None for a TXT at home."""
    if provider == 0:
        return None
    if provider == 1:
        return "%s-%s-test._domainkey.tenant%d.o365.example." % (selector, label, number)
    if provider == 2:
        return "%s.domainkey.u%d.wl.sendgrid.example." % (selector, number)
    if provider == 3:
        return "dkim.mcsv.example."
    if provider == 4:
        return "%s.%s.test.dkim.mailgun.example." % (selector, label)
    return "%s-test.%s.%d.dkim.hubspot.example." % (label, selector, number)


def customer_records(number, label, chosen, key, rng):
    """The records of one customer domain, relative to `test.`."""
    out = []
    includes = [PROVIDERS[p][1] for p in chosen]
    qualifier = rng.choice(["-all", "~all"])
    # Three domains in four also authorize a host of their own, as real records do, so that
    # their record is a text no other domain has (one the parser meets once, as in a real list).
    own = []
    if number % 4 != 0:
        own = ["ip4:198.%d.%d.%d" % (18 + number // 65536 % 2, number // 256 % 256, number % 256)]
    spf = "v=spf1 " + " ".join(own + ["include:" + i for i in includes]) + " " + qualifier
    out.append("%s IN TXT %s" % (label, txt(spf)))
    out.append('%s IN TXT "google-site-verification=%08x"' % (label, rng.getrandbits(32)))
    out.append("%s IN A 192.0.2.%d" % (label, number % 250 + 1))
    mx = next((PROVIDERS[p][3] for p in chosen if PROVIDERS[p][3]), None)
    if mx is None:
        out.append("%s IN MX 10 mail.%s" % (label, label))
        out.append("mail.%s IN A 192.0.2.%d" % (label, number % 250 + 1))
    else:
        out.append("%s IN MX 10 %s" % (label, mx.format(label=label)))
    if number % 2 == 0:
        rua = "mailto:dmarc@%s" % VENDOR
    else:
        rua = "mailto:dmarc-reports@%s.test" % label
    policy = rng.choice(["none", "quarantine", "reject"])
    out.append('_dmarc.%s IN TXT "v=DMARC1; p=%s; rua=%s"' % (label, policy, rua))
    selectors = []
    for provider in chosen:
        for selector in PROVIDERS[provider][2][:2]:
            selectors.append((provider, selector))
    for provider, selector in selectors[:2]:
        target = dkim_target(provider, selector, number, label)
        name = "%s._domainkey.%s" % (selector, label)
        if target is None:
            out.append("%s IN TXT %s" % (name, txt("v=DKIM1; k=rsa; p=" + key)))
        else:
            out.append("%s IN CNAME %s" % (name, target))
    return out, selectors[:2]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--domains", type=int, default=10000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repo", default=".")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    key = dkim_key(args.repo)
    zones_dir = os.path.join(args.out, "zones")
    os.makedirs(zones_dir, exist_ok=True)

    customers = []
    test_zone = [HEADER.format(origin="test")]
    queries = []
    for number in range(1, args.domains + 1):
        label = "d%05d" % number
        count = rng.randint(1, 4)
        chosen = sorted(rng.sample(range(len(PROVIDERS)), count))
        customers.append((number, label, chosen))
        records, selectors = customer_records(number, label, chosen, key, rng)
        test_zone.extend(records)
        name = label + ".test"
        queries += ["%s TXT" % name, "_dmarc.%s TXT" % name, "%s MX" % name, "%s A" % name,
                    "%s AAAA" % name, "google._domainkey.%s TXT" % name,
                    "selector1._domainkey.%s TXT" % name, "s1._domainkey.%s TXT" % name,
                    "k1._domainkey.%s TXT" % name, "default._domainkey.%s TXT" % name]

    # The latency domain: depth 3 (apex TXT -> include -> nested include; DKIM CNAME -> target).
    test_zone += [
        'latency IN TXT "v=spf1 include:mailgun.example include:_spf.gsuite.example -all"',
        "latency IN MX 10 aspmx.gsuite.example.",
        "latency IN A 192.0.2.200",
        '_dmarc.latency IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@%s"' % VENDOR,
        "s1._domainkey.latency IN CNAME s1.domainkey.u0.wl.sendgrid.example.",
    ]
    customers.append((0, "latency", [2]))

    zones = provider_zones(key, customers)
    zones["test"] = test_zone
    for origin, lines in zones.items():
        with open(os.path.join(zones_dir, origin + ".zone"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    with open(os.path.join(args.out, "domains.txt"), "w", encoding="utf-8") as handle:
        handle.write("# %d synthetic domains for Scripts/bench\n" % args.domains)
        for number, label, _ in customers[:-1]:
            handle.write(label + ".test\n")
    rng.shuffle(queries)
    with open(os.path.join(args.out, "queries.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(queries) + "\n")
    print("zones=%d records=%d" % (len(zones), sum(len(v) for v in zones.values())))


if __name__ == "__main__":
    main()
