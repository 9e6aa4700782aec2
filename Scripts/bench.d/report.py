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


def share(value, bound):
    """A ratio with two decimals, or more where two would put it on the other side of
    `bound` (0.7955 against 0.80 shows as 0.795, not as a 0.80 that is not met)."""
    digits = 2
    while value is not None and digits < 6 and (round(value, digits) >= bound) != (value >= bound):
        digits += 1
    return fmt(value, digits)


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "NOT met")


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    v = load(sys.argv[1])
    n = number(v, "domains")
    ceiling = number(v, "ceiling_qps")
    tenth = max(int(n) // 10, 1) if n else None

    def run(name):
        """domains/s, CPU ms per domain, peak RSS MB of one batch run over the full list."""
        seconds = number(v, name + "_seconds")
        cpu = number(v, name + "_cpu_seconds")
        rss = number(v, name + "_rss_kb")
        return (ratio(n, seconds), ratio(cpu * 1000, n) if cpu is not None else None,
                rss / 1024 if rss else None)

    def allowed(name):
        """Domains/s all cores allow at one batch's CPU costs (senderauth's, Knot's and the
        delay proxy's a domain) with every core busy; None without the figures."""
        own = number(v, name + "_cpu_seconds")
        knot = number(v, name + "_knot_cpu_seconds")
        proxy = number(v, name + "_proxy_cpu_seconds")
        cores = number(v, "nproc")
        if own is None or knot is None or not cores or not n:
            return None
        return cores * 1000 / ((own + knot + (proxy or 0)) * 1000 / n)

    def beside(name):
        """What else ran on the cores during a batch, as a clause to append: "; beside it Knot
        0.41, delay proxy 0.52 ms/domain; all 2 cores 85 % busy; …" (the delay proxy only where
        it ran; empty without the figures)."""
        knot = number(v, name + "_knot_cpu_seconds")
        proxy = number(v, name + "_proxy_cpu_seconds")
        busy = number(v, name + "_busy")
        if knot is None or busy is None or not n:
            return ""
        parts = ["Knot %s" % fmt(knot * 1000 / n, 2)]
        if proxy:
            parts.append("delay proxy %s" % fmt(proxy * 1000 / n, 2))
        # What the cores allow at these CPU costs with every one busy: the bound a ratio to
        # another batch meets when the servers on the same cores cost more in one of them.
        most = allowed(name)
        bound = "; at these costs all cores allow %s/s" % fmt(most) if most else ""
        return "; beside it %s ms/domain; all %s cores %s %% busy%s" % (
            ", ".join(parts), v.get("nproc", "?"), fmt(busy * 100), bound)

    # Knot's ceiling and the batches without latency, at 20 ms and at 80 ms ran in rounds;
    # each ratio is taken within its round. A row shows the round with the median ratio (its
    # figures are one run's) and every round's ratio.
    rounds = []
    for r in range(1, int(number(v, "rounds") or 1) + 1):
        sfx = "" if r == 1 else "_r%d" % r
        r_dps, r_cpu, r_rss = run("full" + sfx)
        r_qpd = ratio(number(v, "full%s_queries" % sfx), n)
        r_bound = ratio(number(v, "ceiling_qps" + sfx), r_qpd)
        r_dps20, r_cpu20, r_rss20 = run("rtt20" + sfx)
        r_dps80, r_cpu80, r_rss80 = run("rtt80" + sfx)
        # The same batch and ceiling with Knot at SCHED_BATCH (Scripts/bench: knot_policy).
        k_dps, k_cpu, _ = run("kb" + sfx)
        k_bound = ratio(number(v, "ceiling_qps_kb" + sfx), ratio(number(v, "kb%s_queries" % sfx), n))
        rounds.append({
            "switches": ratio(number(v, "full%s_switches" % sfx), n),
            "kb_dps": k_dps, "kb_cpu": k_cpu, "kb_ceiling": number(v, "ceiling_qps_kb" + sfx),
            "kb_switches": ratio(number(v, "kb%s_switches" % sfx), n),
            "kb_fraction": ratio(k_dps, k_bound),
            "sfx": sfx, "dps": r_dps, "cpu": r_cpu, "rss": r_rss, "qpd": r_qpd,
            "ceiling": number(v, "ceiling_qps" + sfx), "bound": r_bound,
            "fraction": ratio(r_dps, r_bound),
            "dps20": r_dps20, "cpu20": r_cpu20, "rss20": r_rss20, "r20": ratio(r_dps20, r_dps),
            "dps80": r_dps80, "cpu80": r_cpu80, "rss80": r_rss80, "r80": ratio(r_dps80, r_dps),
        })

    def median_round(key, bound):
        """The round whose `key` is the median (the lower of the middle two), and every
        round's value of it shown when there are several."""
        known = sorted((x for x in rounds if x[key] is not None), key=lambda x: x[key])
        middle = known[(len(known) - 1) // 2] if known else rounds[0]
        shown = ("; rounds " + ", ".join(share(x[key], bound) for x in rounds)
                 if len(rounds) > 1 else "")
        return middle, shown

    def median(key):
        known = sorted(x[key] for x in rounds if x[key] is not None)
        return known[(len(known) - 1) // 2] if known else None

    main_round, fraction_rounds = median_round("fraction", 0.5)
    kb_round, kb_rounds = median_round("kb_fraction", 0.5)
    dps, cpu_ms, rss_full = main_round["dps"], main_round["cpu"], main_round["rss"]
    ceiling, qpd, bound = main_round["ceiling"], main_round["qpd"], main_round["bound"]
    fraction = main_round["fraction"]
    queries = number(v, "full%s_queries" % main_round["sfx"])
    dps_median = median("dps")
    rss_tenth = number(v, "tenth_rss_kb")
    rss_tenth = rss_tenth / 1024 if rss_tenth else None
    round20, r20_rounds = median_round("r20", 0.8)
    dps20, r20 = round20["dps20"], round20["r20"]
    round80, r80_rounds = median_round("r80", 0.6)
    r80 = round80["r80"]
    dps20_median = median("dps20")
    dps80w, cpu80w, rss80w = run("rtt80wide")
    dps20l, cpu20l, rss20l = run("rtt20loss")
    dpsrec, cpurec, rssrec = run("recursive")
    r20l = ratio(dps20l, dps20_median)
    failures20l = number(v, "rtt20loss_dns_failures")
    r80w = ratio(dps80w, dps_median)
    sweep = [(j,) + run("jobs%d" % j) for j in (64, 256, 1024)]
    rss_max = max((r for _, _, _, r in sweep if r), default=None)
    peer = number(v, "peer_per_second")
    peer_ratio = ratio(dps_median, peer)
    peer20 = number(v, "peer20_per_second")
    peer20_ratio = ratio(dps20_median, peer20)
    one_us = number(v, "one_us_ms")
    one_us53 = number(v, "one_us53_ms") or one_us
    one_peer = number(v, "one_peer_ms")
    one_ratio = ratio(one_peer, one_us53)
    depth = number(v, "latency_depth")
    lat_us = number(v, "latency_us_ms")
    lat_peer = number(v, "latency_peer_ms")
    floor = depth * 20 if depth else None
    lat_ratio = ratio(lat_us, floor)
    lat_peer_ratio = ratio(lat_peer, floor)
    lines = number(v, "full%s_lines" % main_round["sfx"])
    hits = number(v, "full%s_cache_hits" % main_round["sfx"])
    failures = number(v, "full%s_dns_failures" % main_round["sfx"])
    proxy_qps = number(v, "proxy_ceiling_qps")
    # What the median 20 ms round sent a second, and how busy the proxy's one UDP thread was
    # meanwhile (its CPU over the batch's length; none counted means it was not found).
    needed20 = ratio(number(v, "rtt20%s_queries" % round20["sfx"]),
                     number(v, "rtt20%s_seconds" % round20["sfx"]))
    proxy_cpu20 = number(v, "rtt20%s_proxy_cpu_seconds" % round20["sfx"])
    proxy_busy20 = ratio(proxy_cpu20 or None, number(v, "rtt20%s_seconds" % round20["sfx"]))
    # How late that round's queries left the proxy for Knot past their time: the proxy's own
    # turns (one that waits for a core shows here, where its CPU share would fall) and Knot's
    # queue behind the proxy's upstream window alike. The percentile is its 0.1 ms step's upper
    # edge, so it is taken no higher than the latest.
    late99 = number(v, "proxy20%s_late_p99_us" % round20["sfx"])
    late_max = number(v, "proxy20%s_late_max_us" % round20["sfx"])
    lateness = ("; 99 %% of its queries left for Knot within %s of their time (the latest %s; "
                "its turns and Knot's queue)"
                % (fmt(min(late99, late_max) / 1000, 1, "ms"), fmt(late_max / 1000, 1, "ms"))
                if late99 is not None and late_max is not None else "")

    def latency_row(ms, chosen, shown, bound):
        """The row of the batch at `ms` of added round trip: the `chosen` round's figures."""
        rate, ratio_ms = chosen["dps%d" % ms], chosen["r%d" % ms]
        # The ratio splits into what the costs allow (the delay proxy's CPU comes on top at
        # latency) and how busy the cores were: domains/s = allowed × busy, as counted here.
        costs = ratio(allowed("rtt%d%s" % (ms, chosen["sfx"])), allowed("full" + chosen["sfx"]))
        equal = "; %s at equal use of the cores" % fmt(costs, 2) if costs else ""
        return ("3 latency", "domains/s at %d ms RTT (ratio to no latency%s)"
                % (ms, ", median of %d rounds" % len(rounds) if len(rounds) > 1 else ""),
                "%s (%s%s%s; CPU %s/domain, %s, up to %s domains and %s queries at once%s)"
                % (fmt(rate, 1), share(ratio_ms, bound), shown, equal,
                   fmt(chosen["cpu%d" % ms], 2, "ms"), fmt(chosen["rss%d" % ms], 1, "MB"),
                   v.get("rtt%d%s_at_once" % (ms, chosen["sfx"]), "?"),
                   v.get("proxy%d%s_peak" % (ms, chosen["sfx"]), "?"),
                   beside("rtt%d%s" % (ms, chosen["sfx"]))),
                ">= %.2f" % bound, verdict(ratio_ms >= bound if ratio_ms else None))

    rows = [
        ("machine", "CPU / cores", "%s / %s" % (v.get("cpu", "?"), v.get("nproc", "?")), "", ""),
        ("machine", "senderauth build", v.get("build", "?"), "", ""),
        ("1 ceiling", "Knot queries/s (dnsperf, 1 UDP worker)%s"
         % (", the median fraction's round" if len(rounds) > 1 else ""),
         fmt(ceiling) + ("; rounds " + ", ".join(fmt(x["ceiling"]) for x in rounds)
                         if len(rounds) > 1 else ""), "", ""),
        ("1 ceiling", "delay proxy at 20 ms: queries/s (dnsperf, 4000 in flight)",
         "%s (avg %s, peak %s in flight); the 20 ms batch sent %s/s (the ceiling %s that), "
         "the proxy's thread %s of a core meanwhile%s"
         % (fmt(proxy_qps), fmt(number(v, "proxy_ceiling_latency_ms"), 1, "ms"),
            v.get("proxyceiling_peak", "?"), fmt(needed20),
            "n/a" if not (proxy_qps and needed20) else "%s x" % fmt(proxy_qps / needed20, 2),
            "n/a" if proxy_busy20 is None else "%s %%" % fmt(proxy_busy20 * 100), lateness),
         "> 2 x what the 20 ms batch sends",
         verdict(proxy_qps > 2 * needed20 if proxy_qps and needed20 else None)),
        ("2 batch", "domains (--jobs %s)" % v.get("default_jobs", "default"),
         "%s (%s results, %s with DNS failures)" % (fmt(n), fmt(lines), fmt(failures)), "", ""),
        ("2 batch", "domains/s (whole process), no added latency",
         fmt(dps, 1) + ("; rounds " + ", ".join(fmt(x["dps"], 1) for x in rounds)
                        if len(rounds) > 1 else ""), "", ""),
        ("2 batch", "queries per domain (sent; from cache)", "%s; %s"
         % (fmt(qpd, 1), fmt(ratio(hits, n), 1)), "", ""),
        ("2 batch", "CPU per domain (user + system)",
         fmt(cpu_ms, 2, "ms") + ("; rounds " + ", ".join(fmt(x["cpu"], 2) for x in rounds)
                                 if len(rounds) > 1 else "")
         + "; %s context switches a domain" % fmt(main_round["switches"], 1)
         + beside("full" + main_round["sfx"]), "", ""),
        ("2 batch", "server-bound limit = ceiling / queries per domain", fmt(bound, 1), "", ""),
        ("2 batch", "fraction of the server-bound limit%s"
         % (" (median of %d rounds)" % len(rounds) if len(rounds) > 1 else ""),
         share(fraction, 0.5) + (" (%s)" % fraction_rounds[2:] if fraction_rounds else ""),
         ">= 0.50",
         verdict(fraction >= 0.5 if fraction else None)),
        # Knot at SCHED_BATCH is not let preempt its client when a datagram wakes it; the label
        # stays as short as the others' (the table's column is as wide as its longest label).
        ("2 batch", "Knot at SCHED_BATCH: domains/s, CPU, switches, ceiling, fraction",
         "%s/s, %s, %s, %s q/s, %s%s%s"
         % (fmt(kb_round["kb_dps"], 1), fmt(kb_round["kb_cpu"], 2, "ms"),
            fmt(kb_round["kb_switches"], 1), fmt(kb_round["kb_ceiling"]),
            share(kb_round["kb_fraction"], 0.5), " (%s)" % kb_rounds[2:] if kb_rounds else "",
            beside("kb" + kb_round["sfx"])), "", ""),
        ("2 batch", "peak RSS at %s / %s domains" % (fmt(tenth), fmt(n)),
         "%s / %s" % (fmt(rss_tenth, 1, "MB"), fmt(rss_full, 1, "MB")), "flat, < 100 MB",
         verdict(rss_full < 100 and rss_full <= rss_tenth * 1.5 + 5
                 if rss_full and rss_tenth else None)),
        latency_row(20, round20, r20_rounds, 0.8),
        latency_row(80, round80, r80_rounds, 0.6),
        ("3 latency", "at 80 ms with --max-inflight 8192 (ratio; RSS)",
         "%s (%s; CPU %s/domain, %s, up to %s domains and %s queries at once)"
         % (fmt(dps80w, 1), fmt(r80w, 2), fmt(cpu80w, 2, "ms"), fmt(rss80w, 1, "MB"),
            v.get("rtt80wide_at_once", "?"), v.get("proxy80wide_peak", "?")),
         ">= 0.60", verdict(r80w >= 0.6 if r80w else None)),
        ("3 latency", "at 20 ms, 1 % of queries lost (ratio to 20 ms; same reports)",
         "%s (%s; %s lost, %s sent again, %s timeouts, %s with DNS failures; reports %s)"
         % (fmt(dps20l, 1), fmt(r20l, 2), v.get("proxy20loss_lost", "?"),
            v.get("rtt20loss_resent") or "0", v.get("rtt20loss_timeouts") or "0",
            fmt(failures20l), "the same" if v.get("rtt20loss_same") == "yes" else "DIFFERENT"),
         "same reports", verdict(v.get("rtt20loss_same") == "yes"
                                 if v.get("rtt20loss_same") else None)),
        ("3 latency", "through a local Unbound (1 thread, cold cache, 40 ms upstream)",
         "%s/s (CPU %s/domain, %s, up to %s domains at once; %s sent again, %s timeouts, "
         "%s with DNS failures; reports %s)"
         % (fmt(dpsrec, 1), fmt(cpurec, 2, "ms"), fmt(rssrec, 1, "MB"),
            v.get("recursive_at_once", "?"), v.get("recursive_resent") or "0",
            v.get("recursive_timeouts") or "0", fmt(number(v, "recursive_dns_failures")),
            "the same" if v.get("recursive_same") == "yes" else "DIFFERENT"),
         "same reports", verdict(v.get("recursive_same") == "yes"
                                 if v.get("recursive_same") else None)),
    ]
    for jobs, jdps, jcpu, jrss in sweep:
        rows.append(("4 jobs", "--jobs %d: peak RSS, domains/s, CPU per domain, at once" % jobs,
                     "%s, %s/s, %s, up to %s" % (fmt(jrss, 1, "MB"), fmt(jdps, 1),
                                                fmt(jcpu, 2, "ms"),
                                                v.get("jobs%d_at_once" % jobs, "?")),
                     "< 100 MB", verdict(jrss < 100 if jrss else None)))
    rows += [
        ("5 peer", "checkdmarc %s API domains/s (%s domains)"
         % (v.get("checkdmarc_version", "?"), v.get("peer_sample", "?")), fmt(peer, 2), "", ""),
        ("5 peer", "senderauth / checkdmarc domains/s", fmt(peer_ratio, 0, "x"), ">= 50x",
         verdict(peer_ratio >= 50 if peer_ratio else None)),
        ("5 peer", "checkdmarc API at 20 ms: domains/s (%s domains)" % v.get("peer20_sample", "?"),
         fmt(peer20, 2), "", ""),
        ("5 peer", "senderauth / checkdmarc at 20 ms", fmt(peer20_ratio, 0, "x"), ">= 100x",
         verdict(peer20_ratio >= 100 if peer20_ratio else None)),
        ("6 one domain", "senderauth whole process, median", fmt(one_us, 1, "ms"), "<= 30 ms",
         verdict(one_us <= 30 if one_us else None)),
        ("6 one domain", "checkdmarc CLI whole process, median (127.0.0.2:53)",
         fmt(one_peer, 1, "ms"), "", ""),
        ("6 one domain", "checkdmarc CLI / senderauth (same server)", fmt(one_ratio, 1, "x"),
         ">= 10x", verdict(one_ratio >= 10 if one_ratio else None)),
        ("7 latency", "senderauth, 20 ms/query, depth %s (floor %s)"
         % (fmt(depth), fmt(floor, 0, "ms")),
         "%s (%s x floor)" % (fmt(lat_us, 1, "ms"), fmt(lat_ratio, 2)), "<= 1.3 x floor",
         verdict(lat_ratio <= 1.3 if lat_ratio else None)),
        ("7 latency", "one query's round trip through the proxy (median of 20)",
         fmt(number(v, "rtt_ms"), 1, "ms"), "", ""),
        ("7 latency", "checkdmarc API, same domain", "%s (%s x floor)"
         % (fmt(lat_peer, 1, "ms"), fmt(lat_peer_ratio, 2)), "", ""),
        ("7 latency", "queries on the wire: senderauth / checkdmarc (distinct)",
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
        "ratios%s: batch %s of server-bound limit (>= 0.50), %s checkdmarc (>= 50x), "
        "%s checkdmarc at 20 ms (>= 100x); at 20 ms %s and at 80 ms %s of no-latency "
        "(>= 0.80, >= 0.60); CPU %s per domain; one domain %s (<= 30 ms), %s faster than "
        "checkdmarc CLI (>= 10x); latency %s x depth x 20 ms (<= 1.3); peak RSS %s -> %s, "
        "at most %s over --jobs 64-1024 (< 100 MB)"
        % (" (median of %d rounds)" % len(rounds) if len(rounds) > 1 else "",
           share(fraction, 0.5), fmt(peer_ratio, 0, "x"), fmt(peer20_ratio, 0, "x"),
           share(r20, 0.8), share(r80, 0.6), fmt(cpu_ms, 2, "ms"), fmt(one_us, 1, "ms"), fmt(one_ratio, 1, "x"),
           fmt(lat_ratio, 2), fmt(rss_tenth, 1, "MB"), fmt(rss_full, 1, "MB"),
           fmt(rss_max, 1, "MB")))


if __name__ == "__main__":
    main()
