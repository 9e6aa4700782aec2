#!/usr/bin/env python3
"""Prints Scripts/bench's table and its final summary line of ratios from the key=value
results file the bench wrote."""
import sys


def load(path):
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values


def number(values, key):
    try:
        return float(values.get(key, ""))
    except ValueError:
        return None


def fmt(value, digits=0, unit=""):
    if value is None:
        return "n/a"
    text = ("{:,.%df}" % digits).format(value)
    return text + (" " + unit if unit else "")


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "NOT met")


def main():
    v = load(sys.argv[1])
    n = number(v, "domains")
    ceiling = number(v, "ceiling_qps")
    seconds = number(v, "full_seconds")
    queries = number(v, "full_queries")
    tenth = max(int(n) // 10, 1) if n else None
    dps = n / seconds if n and seconds else None
    qpd = queries / n if queries and n else None
    bound = ceiling / qpd if ceiling and qpd else None
    fraction = dps / bound if dps and bound else None
    rss_full = number(v, "full_rss_kb")
    rss_tenth = number(v, "tenth_rss_kb")
    rss_full = rss_full / 1024 if rss_full else None
    rss_tenth = rss_tenth / 1024 if rss_tenth else None
    peer = number(v, "peer_per_second")
    peer_ratio = dps / peer if dps and peer else None
    one_us = number(v, "one_us_ms")
    one_us53 = number(v, "one_us53_ms") or one_us
    one_peer = number(v, "one_peer_ms")
    one_ratio = one_peer / one_us53 if one_peer and one_us53 else None
    depth = number(v, "latency_depth")
    lat_us = number(v, "latency_us_ms")
    lat_peer = number(v, "latency_peer_ms")
    floor = depth * 20 if depth else None
    lat_ratio = lat_us / floor if lat_us and floor else None
    lat_peer_ratio = lat_peer / floor if lat_peer and floor else None
    lines = number(v, "full_lines")
    hits = number(v, "full_cache_hits")
    failures = number(v, "full_dns_failures")

    rows = [
        ("machine", "CPU / cores", "%s / %s" % (v.get("cpu", "?"), v.get("nproc", "?")), "", ""),
        ("1 ceiling", "Knot queries/s (dnsperf, 1 UDP worker)", fmt(ceiling), "", ""),
        ("2 batch", "domains", "%s (%s results, %s with DNS failures)"
         % (fmt(n), fmt(lines), fmt(failures)), "", ""),
        ("2 batch", "domains/s (whole process)", fmt(dps, 1), "", ""),
        ("2 batch", "queries per domain (sent; from cache)", "%s; %s"
         % (fmt(qpd, 1), fmt(hits / n if hits is not None and n else None, 1)), "", ""),
        ("2 batch", "server-bound limit = ceiling / queries per domain", fmt(bound, 1), "", ""),
        ("2 batch", "fraction of the server-bound limit", fmt(fraction, 2), ">= 0.50",
         verdict(fraction >= 0.5 if fraction else None)),
        ("2 batch", "peak RSS at %s / %s domains" % (fmt(tenth), fmt(n)),
         "%s / %s" % (fmt(rss_tenth, 1, "MB"), fmt(rss_full, 1, "MB")), "flat, < 100 MB",
         verdict(rss_full < 100 and rss_full <= rss_tenth * 1.5 + 5
                 if rss_full and rss_tenth else None)),
        ("3 peer", "checkdmarc %s API domains/s (%s domains)"
         % (v.get("checkdmarc_version", "?"), v.get("peer_sample", "?")), fmt(peer, 2), "", ""),
        ("3 peer", "senderauth / checkdmarc domains/s", fmt(peer_ratio, 0, "x"), ">= 50x",
         verdict(peer_ratio >= 50 if peer_ratio else None)),
        ("4 one domain", "senderauth whole process, median", fmt(one_us, 1, "ms"), "<= 50 ms",
         verdict(one_us <= 50 if one_us else None)),
        ("4 one domain", "checkdmarc CLI whole process, median (127.0.0.2:53)",
         fmt(one_peer, 1, "ms"), "", ""),
        ("4 one domain", "checkdmarc CLI / senderauth (same server)", fmt(one_ratio, 1, "x"),
         ">= 10x", verdict(one_ratio >= 10 if one_ratio else None)),
        ("5 latency", "senderauth, 20 ms/query, depth %s (floor %s)" % (fmt(depth), fmt(floor, 0, "ms")),
         "%s (%s x floor)" % (fmt(lat_us, 1, "ms"), fmt(lat_ratio, 2)), "<= 1.3 x floor",
         verdict(lat_ratio <= 1.3 if lat_ratio else None)),
        ("5 latency", "one query's round trip through the proxy (median of 20)",
         fmt(number(v, "rtt_ms"), 1, "ms"), "", ""),
        ("5 latency", "checkdmarc API, same domain", "%s (%s x floor)"
         % (fmt(lat_peer, 1, "ms"), fmt(lat_peer_ratio, 2)), "", ""),
        ("5 latency", "queries on the wire: senderauth / checkdmarc (distinct)",
         "%s (%s) / %s (%s)" % (v.get("latency_us_wire_queries", "?"),
                                v.get("latency_us_wire_distinct", "?"),
                                v.get("latency_peer_wire_queries", "?"),
                                v.get("latency_peer_wire_distinct", "?")),
         "no duplicates",
         verdict(v.get("latency_us_wire_queries") == v.get("latency_us_wire_distinct")
                 if v.get("latency_us_wire_queries") else None)),
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(5)]
    header = ("stage", "figure", "value", "target", "")
    widths = [max(w, len(h)) for w, h in zip(widths, header)]
    for row in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    print(
        "ratios: batch %s of server-bound limit (>= 0.50), %s checkdmarc (>= 50x); "
        "one domain %s (<= 50 ms), %s faster than checkdmarc CLI (>= 10x); "
        "latency %s x depth x 20 ms (<= 1.3); peak RSS %s -> %s"
        % (fmt(fraction, 2), fmt(peer_ratio, 0, "x"), fmt(one_us, 1, "ms"),
           fmt(one_ratio, 1, "x"), fmt(lat_ratio, 2), fmt(rss_tenth, 1, "MB"),
           fmt(rss_full, 1, "MB")))


if __name__ == "__main__":
    main()
