"""Loopback receivers for Berth's notification tests: an HTTPS webhook receiver and two real SMTP
servers (aiosmtpd): one with STARTTLS required, one with implicit TLS, both requiring a login.

Usage: notify-sinks.py DIR CERT KEY USER PASSWORD. Prints "https=PORT starttls=PORT smtps=PORT" once
listening; every request is appended to DIR/http.jsonl, every mail to DIR/mail.jsonl. Runs until killed.
"""
import http.server, json, socket, ssl, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

folder, cert, key, user, password = sys.argv[1:6]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
lock = threading.Lock()

def append(name, record):
    with lock, open(f"{folder}/{name}", "a") as f:
        f.write(json.dumps(record) + "\n")

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        append("http.jsonl", {"path": self.path, "headers": dict(self.headers), "body": body})
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args): pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
server.socket = context.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok)

class Mailbox:
    def __init__(self, kind): self.kind = kind
    async def handle_DATA(self, server, session, envelope):
        append("mail.jsonl", {"kind": self.kind, "from": envelope.mail_from, "to": envelope.rcpt_tos,
                              "data": envelope.content.decode("utf8", "replace"), "login": session.authenticated})
        return "250 OK"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

starttls = Controller(Mailbox("starttls"), hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True,
                     authenticator=authenticator, auth_required=True, auth_require_tls=True)
smtps = Controller(Mailbox("smtps"), hostname="127.0.0.1", port=free_port(), ssl_context=context,
                   authenticator=authenticator, auth_required=True, auth_require_tls=False, server_hostname="127.0.0.1")
starttls.start(); smtps.start()
print(f"https={server.server_address[1]} starttls={starttls.port} smtps={smtps.port}", flush=True)
while True: time.sleep(3600)
