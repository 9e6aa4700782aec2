#!/usr/bin/env python3
"""A DNS delay proxy for Scripts/bench: listens on UDP and TCP, waits --delay seconds per
query, forwards it to the upstream server and relays the answer. Every question is logged
(`udp|tcp name type milliseconds` per line, flushed) so the bench can count queries and duplicates on the wire.
Loopback only; it exits on SIGTERM/SIGINT or after --lifetime seconds."""
import argparse
import asyncio
import signal
import struct
import time

TYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA",
         33: "SRV", 43: "DS", 48: "DNSKEY", 99: "SPF", 257: "CAA", 64: "SVCB", 65: "HTTPS"}


def question(message):
    """`name type` of the first question, or None."""
    try:
        offset = 12
        labels = []
        while True:
            length = message[offset]
            offset += 1
            if length == 0:
                break
            labels.append(message[offset:offset + length].decode("ascii", "replace").lower())
            offset += length
        qtype = struct.unpack("!H", message[offset:offset + 2])[0]
        return "%s. %s" % (".".join(labels), TYPES.get(qtype, str(qtype)))
    except (IndexError, struct.error):
        return None


class Log:
    def __init__(self, path):
        self.handle = open(path, "a", encoding="utf-8") if path else None

    def add(self, message, transport):
        if self.handle:
            entry = question(message)
            if entry:
                self.handle.write("%s %s %.1f\n" % (transport, entry, time.monotonic() * 1000))
                self.handle.flush()


class Upstream(asyncio.DatagramProtocol):
    """One upstream socket for every UDP query: ids are rewritten to be unique in flight and
    restored on the way back."""

    def __init__(self, listener):
        self.listener = listener
        self.transport = None
        self.pending = {}
        self.next_id = 0

    def connection_made(self, transport):
        self.transport = transport

    def send(self, data, addr):
        for _ in range(65536):
            self.next_id = (self.next_id + 1) & 0xFFFF
            if self.next_id not in self.pending:
                break
        ident = self.next_id
        self.pending[ident] = (data[:2], addr, asyncio.get_running_loop().time())
        self.transport.sendto(struct.pack("!H", ident) + data[2:])

    def datagram_received(self, data, _):
        if len(data) < 2:
            return
        entry = self.pending.pop(struct.unpack("!H", data[:2])[0], None)
        if entry:
            self.listener.transport.sendto(entry[0] + data[2:], entry[1])

    def expire(self):
        """Forgets queries the server never answered (after 5 s)."""
        now = asyncio.get_running_loop().time()
        for ident in [i for i, e in self.pending.items() if now - e[2] > 5]:
            del self.pending[ident]


class Listener(asyncio.DatagramProtocol):
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.transport = None
        self.upstream = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if len(data) < 12:
            return
        self.log.add(data, "udp")
        asyncio.get_running_loop().call_later(self.args.delay, self.upstream.send, data, addr)


async def tcp_client(reader, writer, args, log):
    try:
        while True:
            header = await reader.readexactly(2)
            message = await reader.readexactly(struct.unpack("!H", header)[0])
            log.add(message, "tcp")
            await asyncio.sleep(args.delay)
            up_reader, up_writer = await asyncio.open_connection(*args.upstream)
            up_writer.write(header + message)
            await up_writer.drain()
            length = await asyncio.wait_for(up_reader.readexactly(2), timeout=5)
            answer = await up_reader.readexactly(struct.unpack("!H", length)[0])
            up_writer.close()
            writer.write(length + answer)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.TimeoutError, OSError):
        pass
    finally:
        writer.close()


def address(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen", type=address, required=True)
    parser.add_argument("--upstream", type=address, required=True)
    parser.add_argument("--delay", type=float, default=0.02)
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=1800)
    args = parser.parse_args()
    log = Log(args.log)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, lambda: stop.done() or stop.set_result(None))
    listener = Listener(args, log)
    udp, _ = await loop.create_datagram_endpoint(lambda: listener, local_addr=args.listen)
    upstream_transport, upstream = await loop.create_datagram_endpoint(
        lambda: Upstream(listener), remote_addr=args.upstream)
    listener.upstream = upstream

    def expire():
        upstream.expire()
        loop.call_later(1, expire)

    loop.call_later(1, expire)
    server = await asyncio.start_server(
        lambda r, w: tcp_client(r, w, args, log), *args.listen)
    print("ready", flush=True)
    try:
        await asyncio.wait_for(stop, timeout=args.lifetime)
    except asyncio.TimeoutError:
        pass
    udp.close()
    upstream_transport.close()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
