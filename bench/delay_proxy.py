#!/usr/bin/env python3
"""delay_proxy: a loopback TCP proxy that delays what the client sends, for benchmarks.

It is NOT an API server and does not look inside the TLS stream: it forwards bytes to a real
kube-apiserver, and every chunk the client writes reaches the server DELAY ms after the client
sent it (chunks keep their order and are not serialized behind each other's delay). So each
request arrives DELAY ms late, as over a slow link; a new TLS connection pays it on each of the
client's handshake flights too. Answers come back undelayed.

    delay_proxy.py --delay-ms 50 UPSTREAM_PORT...

Listens on 127.0.0.1, one ephemeral port per upstream (127.0.0.1:UPSTREAM_PORT), and prints
"LISTEN_PORT UPSTREAM_PORT" per line once all are listening. Stops on SIGTERM/SIGINT.
"""
import argparse
import asyncio
import signal
import sys


async def pump(reader, writer, delay):
    """Copies reader to writer; each chunk leaves `delay` seconds after it arrived."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, chunk = await queue.get()
            if chunk is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(chunk)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()  # a half-close goes on, once what came before it has

    sender = asyncio.create_task(send())
    try:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            queue.put_nowait((loop.time() + delay, chunk))
    except OSError:  # reset, or the other side already gone
        pass
    queue.put_nowait((0, None))
    try:
        await sender
    except OSError:
        pass


async def serve_one(client_reader, client_writer, upstream_port, delay):
    try:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, up_writer, delay),
                         pump(up_reader, client_writer, 0.0))
    for w in (up_writer, client_writer):
        w.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("upstreams", type=int, nargs="+", metavar="UPSTREAM_PORT")
    args = parser.parse_args()
    if not 0 <= args.delay_ms <= 60000:
        parser.error("--delay-ms must be between 0 and 60000")
    delay = args.delay_ms / 1000.0
    servers = []
    for port in args.upstreams:
        server = await asyncio.start_server(
            lambda r, w, p=port: serve_one(r, w, p, delay), "127.0.0.1", 0)
        servers.append((server, port))
    for server, port in servers:
        print(server.sockets[0].getsockname()[1], port)
    sys.stdout.flush()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
