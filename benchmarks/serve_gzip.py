"""Serve a built site on 127.0.0.1 with gzip, as static hosts do (GitHub Pages,
Netlify, nginx with gzip on). Python's http.server sends files uncompressed,
which no real host does; Lighthouse's figures are closer to the truth with this.

    python benchmarks/serve_gzip.py SITE_DIR PORT
"""
from __future__ import annotations

import gzip
import io
import http.server
import sys
from functools import partial

COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".webmanifest", ".xml", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if (not path.endswith(COMPRESS) or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), 6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)


if __name__ == "__main__":
    root, port = sys.argv[1], int(sys.argv[2])
    Handler.extensions_map[".webmanifest"] = "application/manifest+json"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root))
    server.serve_forever()
