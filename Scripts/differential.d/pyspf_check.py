#!/usr/bin/env python3
"""Evaluates SPF check_host with pyspf for the cases on stdin, asking one DNS server.

Usage: pyspf_check.py SERVER PORT CASES.jsonl > results.jsonl
Each case line: {"id": N, "ip": "...", "sender": "...", "helo": "..."}.
Each output line: {"id": N, "result": "pass|fail|...", "message": "..."}.
pyspf is used as published: only its resolver is pointed at the test server (dnspython's
default resolver, no search list), so every answer comes from the zones under test.
"""
import json
import sys

import dns.resolver
import spf


def main():
    server, port = sys.argv[1], int(sys.argv[2])
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [server]
    resolver.port = port
    resolver.timeout = 2
    resolver.lifetime = 4
    dns.resolver.default_resolver = resolver
    with open(sys.argv[3]) as cases:
        lines = cases.readlines()
    for line in lines:
        case = json.loads(line)
        try:
            query = spf.query(i=case["ip"], s=case["sender"], h=case["helo"], timeout=4)
            result, _, message = query.check()
        except Exception as error:  # a pyspf crash is a result too, reported as such
            result, message = "crash", "%s: %s" % (type(error).__name__, error)
        print(json.dumps({"id": case["id"], "result": result, "message": str(message)}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
