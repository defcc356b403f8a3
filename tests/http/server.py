#!/usr/bin/env python3
"""A small HTTP server for the source-download tests: 127.0.0.1 only, a free port.

usage: server.py ROOT PORTFILE LOGFILE

Serves files under ROOT with ETag (content hash) and Last-Modified (mtime), and answers
conditional GETs with 304, and "Range: bytes=N-" with 206 (honouring If-Range). A path ending in "/" serves its index.json, or
index-V.json when the query asks ?version=V (the PanelApp API shape). The first path
segment can select a failure mode; the rest of the path names the file:

  /fail503/N/FILE        the first N requests get 503, then the file
  /always503/FILE        503 every time
  /ratelimit/S/FILE      the first request gets 429 with Retry-After: S, then the file
  /truncate/FILE         Content-Length promises more than is sent; connection closed
  /truncate-once/FILE    like /truncate the first time, then the file (resumable)
  /badmd5/FILE           an md5sum-style line with a wrong digest for FILE
  /md5/FILE              the right md5sum line for FILE (what ClinVar publishes)
  /sha256/FILE           the right sha256sum line for FILE
  /noetag/FILE           the file without ETag / Last-Modified
  /always304/FILE        304 Not Modified, whatever the request (a broken server or proxy)
  anything missing       404

Each request is logged to LOGFILE as "METHOD PATH STATUS" so tests can count downloads.
The port is written to PORTFILE once the server listens. Stop it with SIGTERM.
"""
import email.utils
import hashlib
import http.server
import os
import signal
import sys
import urllib.parse

ROOT, PORTFILE, LOGFILE = sys.argv[1], sys.argv[2], sys.argv[3]
hits = {}


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "revus-test/1"

    def log_message(self, fmt, *args):  # quiet: we keep our own log
        pass

    def note(self, status):
        with open(LOGFILE, "a") as f:
            f.write("%s %s %d\n" % (self.command, self.path, status))

    def simple(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.note(status)

    def resolve(self, rel, query):
        rel = urllib.parse.unquote(rel).lstrip("/")
        if ".." in rel.split("/"):
            return None
        if rel == "" or rel.endswith("/"):
            version = urllib.parse.parse_qs(query).get("version")
            rel += "index-%s.json" % version[0] if version else "index.json"
        path = os.path.join(ROOT, rel)
        return path if os.path.isfile(path) else None

    def serve_file(self, path, validators=True):
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.path.getmtime(path))
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        if validators:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = inm == etag if inm else False
            if not inm and ims:
                try:
                    fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                return self.simple(304, b"", [("ETag", etag)])
            rng = self.headers.get("Range", "")
            if_range = self.headers.get("If-Range")
            if rng.startswith("bytes=") and rng.endswith("-") and (if_range is None or if_range in (etag, lastmod)):
                start = int(rng[6:-1])
                if start >= len(body):
                    return self.simple(416, b"", [("Content-Range", "bytes */%d" % len(body))])
                return self.simple(206, body[start:], [("ETag", etag), ("Last-Modified", lastmod),
                                                       ("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))])
            return self.simple(200, body, [("ETag", etag), ("Last-Modified", lastmod)])
        return self.simple(200, body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.lstrip("/").split("/", 2)
        mode = parts[0]
        hits[url.path] = hits.get(url.path, 0) + 1
        n = hits[url.path]

        if mode == "fail503" and len(parts) == 3:
            if n <= int(parts[1]):
                return self.simple(503, b"busy\n")
            rest = parts[2]
        elif mode == "always503":
            return self.simple(503, b"busy\n")
        elif mode == "always304":
            return self.simple(304, b"")
        elif mode == "ratelimit" and len(parts) == 3:
            if n == 1:
                return self.simple(429, b"slow down\n", [("Retry-After", parts[1])])
            rest = parts[2]
        elif mode in ("truncate", "truncate-once", "badmd5", "md5", "sha256", "noetag"):
            rest = url.path.lstrip("/").split("/", 1)[1] if "/" in url.path.lstrip("/") else ""
        else:
            mode, rest = "plain", url.path

        path = self.resolve(rest, url.query)
        if path is None:
            return self.simple(404, b"not found\n")
        if mode == "truncate" or (mode == "truncate-once" and n == 1):
            with open(path, "rb") as f:
                body = f.read()
            etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return self.note(200)
        if mode in ("badmd5", "md5", "sha256"):
            with open(path, "rb") as f:
                data = f.read()
            digest = (hashlib.sha256 if mode == "sha256" else hashlib.md5)(data).hexdigest()
            if mode == "badmd5":
                digest = "0123456789abcdef0123456789abcdef"
            line = "%s  %s\n" % (digest.upper() if mode == "md5" else digest, os.path.basename(path))
            return self.simple(200, line.encode())
        return self.serve_file(path, validators=(mode != "noetag"))

    do_HEAD = do_GET


def main():
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    tmp = PORTFILE + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, PORTFILE)
    try:
        srv.serve_forever()
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()
