#!/usr/bin/env python3
"""A stand-in for the payment provider while the API is fuzzed: every POST
(a checkout session) answers a session with a URL, so the checkout
operation is exercised past "payments not configured". Usage: provider.py PORT.
Standard library only."""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Provider(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"id": "cs_fuzz", "url": "https://checkout.invalid/cs_fuzz"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Provider).serve_forever()
