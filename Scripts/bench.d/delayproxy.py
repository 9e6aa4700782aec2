#!/usr/bin/env python3
"""A DNS delay proxy for Scripts/bench: listens on UDP and TCP, waits --delay seconds per
query, forwards it to the upstream server and relays the answer. Every question is logged
(`name type` per line, flushed) so the bench can count queries and duplicates on the wire.
Loopback only; it exits on SIGTERM/SIGINT or after --lifetime seconds."""
import argparse
import asyncio
import signal
import struct

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
                self.handle.write("%s %s\n" % (transport, entry))
                self.handle.flush()


class Upstream(asyncio.DatagramProtocol):
    def __init__(self, future):
        self.future = future

    def datagram_received(self, data, addr):
        if not self.future.done():
            self.future.set_result(data)

    def error_received(self, exc):
        if not self.future.done():
            self.future.set_exception(exc)


class Listener(asyncio.DatagramProtocol):
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.log.add(data, "udp")
        asyncio.get_running_loop().create_task(self.forward(data, addr))

    async def forward(self, data, addr):
        await asyncio.sleep(self.args.delay)
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        transport, _ = await loop.create_datagram_endpoint(
            lambda: Upstream(future), remote_addr=self.args.upstream)
        try:
            transport.sendto(data)
            answer = await asyncio.wait_for(future, timeout=5)
            self.transport.sendto(answer, addr)
        except (asyncio.TimeoutError, OSError):
            pass
        finally:
            transport.close()


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
    udp, _ = await loop.create_datagram_endpoint(
        lambda: Listener(args, log), local_addr=args.listen)
    server = await asyncio.start_server(
        lambda r, w: tcp_client(r, w, args, log), *args.listen)
    print("ready", flush=True)
    try:
        await asyncio.wait_for(stop, timeout=args.lifetime)
    except asyncio.TimeoutError:
        pass
    udp.close()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
