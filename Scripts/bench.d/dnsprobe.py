#!/usr/bin/env python3
"""Waits until a DNS server answers SOA for every given zone with NOERROR (a zone still
loading answers SERVFAIL), probing every 20 ms over UDP; exits 1 after --timeout seconds."""
import argparse
import random
import socket
import struct
import sys
import time


def soa_query(zone, ident, recursive=False):
    name = b"".join(bytes([len(l)]) + l.encode("ascii") for l in zone.strip(".").split(".") if l)
    flags = 0x0100 if recursive else 0
    return (struct.pack("!HHHHHH", ident, flags, 1, 0, 0, 0) + name + b"\0"
            + struct.pack("!HH", 6, 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--rtt", type=int, default=0,
                        help="then ask SOA of the first zone this many times, one after the "
                             "other, and print the median round trip (rtt_ms=...)")
    parser.add_argument("--recursive", action="store_true",
                        help="ask with RD set (a recursive resolver in front of the zones)")
    parser.add_argument("zones", nargs="+")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    zones = list(args.zones)
    deadline = time.monotonic() + args.timeout
    pending = list(args.zones)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(0.05)
    while pending and time.monotonic() < deadline:
        zone = pending[0]
        ident = random.randrange(65536)
        try:
            sock.sendto(soa_query(zone, ident, args.recursive), (host, int(port)))
            while True:  # skip late answers to earlier probes
                answer, _ = sock.recvfrom(4096)
                rid, flags = struct.unpack("!HH", answer[:4])
                if rid == ident:
                    break
            if flags & 0x8000 and flags & 0xF == 0:
                pending.pop(0)
                continue
        except OSError:
            pass
        time.sleep(0.02)
    if pending:
        print("dnsprobe: no answer for %s from %s" % (", ".join(pending), args.server),
              file=sys.stderr)
        return 1
    if args.rtt:
        sock.settimeout(2)
        times = []
        for _ in range(args.rtt):
            ident = random.randrange(65536)
            start = time.perf_counter()
            sock.sendto(soa_query(zones[0], ident), (host, int(port)))
            try:
                while struct.unpack("!H", sock.recvfrom(4096)[0][:2])[0] != ident:
                    pass
            except OSError:
                continue
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print("rtt_ms=%.1f" % times[len(times) // 2] if times else "rtt_ms=")
    return 0


if __name__ == "__main__":
    sys.exit(main())
