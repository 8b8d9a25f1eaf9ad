#!/usr/bin/env python3
"""Serves a directory on 127.0.0.1 (a free port, printed as `port N`) for `helm plugin install URL`.

Helm 3 installs from a URL only when the server calls the archive gzip
(application/gzip, x-gzip, x-tgz or x-gtar); Python's default for .tgz is application/x-tar.
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".tgz": "application/gzip", ".gz": "application/gzip"}


def main():
    handler = functools.partial(Handler, directory=sys.argv[1])
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        print(f"port {server.server_address[1]}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
