#!/usr/bin/env python3
"""Runs checkdmarc (the Python peer) through its API on a sample of the benchmark's domains,
against one nameserver ip:port, and prints `domains=N seconds=S per_second=R`.

Uses `nameservers=[dns.nameserver.Do53Nameserver(ip, port)]`, never `resolver=` (whose DNSSEC
check asks the system resolver instead). With --one DOMAIN it checks one domain and prints its
wall time in milliseconds (`ms=…`), Python start-up and imports excluded."""
import argparse
import sys
import time

import checkdmarc
import dns.nameserver


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", required=True, help="ip:port")
    parser.add_argument("--domains", help="domain list file")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--one")
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    nameservers = [dns.nameserver.Do53Nameserver(host, int(port))]
    if args.one:
        start = time.perf_counter()
        checkdmarc.check_domains([args.one], nameservers=nameservers, timeout=args.timeout)
        print("ms=%.1f" % ((time.perf_counter() - start) * 1000))
        return
    with open(args.domains, encoding="utf-8") as handle:
        domains = [l.split("#")[0].strip() for l in handle]
    domains = [d for d in domains if d]
    step = max(len(domains) // args.sample, 1)
    sample = domains[::step][: args.sample]
    start = time.perf_counter()
    results = checkdmarc.check_domains(sample, nameservers=nameservers, timeout=args.timeout)
    seconds = time.perf_counter() - start
    if isinstance(results, dict):
        results = [results]
    failed = sum(1 for r in results if not r.get("spf", {}).get("valid", False))
    print("domains=%d seconds=%.3f per_second=%.2f spf_invalid=%d"
          % (len(sample), seconds, len(sample) / seconds, failed))


if __name__ == "__main__":
    sys.exit(main())
