#!/usr/bin/env python3
"""A stand-in for the front of a public registry (Docker Hub, ghcr.io), for Berth's tests.

Those registries cannot be reached here, and the registry that can (Debian's docker-registry 2.8)
neither paginates tag lists nor hands out tokens. This front sits on loopback before that real
registry and adds what the public ones do, taking the tags and manifests from it:
  - the anonymous bearer-token flow: 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`,
    a token from GET /token, and only that token accepted for that repository afterwards;
  - tag-list pagination: at most --page tags per answer (fewer than asked when n is larger),
    with `Link: </v2/NAME/tags/list?last=…&n=…>; rel="next"`;
  - rate limiting: the first --throttle requests to /v2/ answer 429 with `Retry-After: 1`
    (`--throttle always` for every one);
  - a remote registry's round trip: every answer waits --delay seconds (scripts/bench).
It prints `listening PORT` once it serves. Requests it saw: GET /stats.
"""
import argparse, json, secrets, threading, time, urllib.request, urllib.error, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--upstream", required=True)
parser.add_argument("--page", type=int, default=3)
parser.add_argument("--throttle", default="0")
parser.add_argument("--delay", type=float, default=0)
args = parser.parse_args()

lock = threading.Lock()
tokens = {}  # token -> scope
stats = {"token": 0, "unauthorized": 0, "throttled": 0, "tags": 0, "manifests": 0}
throttle_left = [None if args.throttle == "always" else int(args.throttle)]


class Front(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def count(self, key):
        with lock:
            stats[key] += 1

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if args.delay:
            time.sleep(args.delay)
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/stats":
            return self.send(200, json.dumps(stats).encode())
        if url.path == "/token":
            self.count("token")
            token = secrets.token_hex(16)
            with lock:
                tokens[token] = query.get("scope", [""])[0]
            return self.send(200, json.dumps({"token": token, "access_token": token, "expires_in": 300}).encode())
        if not url.path.startswith("/v2/"):
            return self.send(404)
        with lock:
            left = throttle_left[0]
            limited = left is None or left > 0
            if left:
                throttle_left[0] = left - 1
        if limited:
            self.count("throttled")
            return self.send(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}', [("Retry-After", "1")])
        parts = url.path[len("/v2/"):].split("/")
        if len(parts) < 3:
            return self.send(200, b"{}")
        name = "/".join(parts[:-2])
        scope = f"repository:{name}:pull"
        auth = self.headers.get("Authorization", "")
        with lock:
            granted = auth.startswith("Bearer ") and tokens.get(auth[7:]) == scope
        if not granted:
            self.count("unauthorized")
            host = self.headers.get("Host")
            challenge = f'Bearer realm="http://{host}/token",service="berth-front",scope="{scope}"'
            return self.send(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}', [("WWW-Authenticate", challenge)])
        if parts[-2] == "tags":
            self.count("tags")
            return self.tags(name, query)
        self.count("manifests")
        return self.proxy(url.path)

    def tags(self, name, query):
        with urllib.request.urlopen(f"{args.upstream}/v2/{name}/tags/list") as answer:
            tags = sorted(json.load(answer).get("tags") or [])
        n = min(int(query.get("n", [args.page])[0]), args.page)
        last = query.get("last", [None])[0]
        rest = [t for t in tags if last is None or t > last]
        page = rest[:n]
        headers = [("Content-Type", "application/json")]
        if len(rest) > n:
            headers.append(("Link", f'</v2/{name}/tags/list?last={urllib.parse.quote(page[-1])}&n={n}>; rel="next"'))
        self.send(200, json.dumps({"name": name, "tags": page}).encode(), headers)

    def proxy(self, path):
        request = urllib.request.Request(args.upstream + path, method=self.command)
        for accept in self.headers.get_all("Accept") or []:
            request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request) as answer:
                body = answer.read()
                keep = [(k, v) for k, v in answer.headers.items() if k.lower() in ("content-type", "docker-content-digest")]
                self.send(answer.status, body, keep)
        except urllib.error.HTTPError as error:
            self.send(error.code, error.read())


class Server(ThreadingHTTPServer):
    # Room for many clients at once: the default backlog of 5 would make them retry SYNs.
    request_queue_size = 1024
    daemon_threads = True


server = Server(("127.0.0.1", 0), Front)
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
