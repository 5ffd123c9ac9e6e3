#!/usr/bin/env python3
"""A loopback load client for the zero-downtime tests: GETs one URL from several threads for a fixed time.

Usage: load.py URL --resolve HOST:PORT:ADDRESS [--cacert FILE] --seconds N --threads N

Prints one JSON object: total requests, failures (connection errors and non-2xx answers, with a few
examples), and requests per second in each whole second of the run (the lowest one is the floor a
switch must not break). Without --cacert the certificate is not checked: Traefik's default
certificate, which it serves without ACME, is self-signed for no host of the stack. Each thread keeps its TLS connection to the proxy, as a browser does; the
proxy opens a new one to the app for every request, so every request exercises the switch.
"""
import argparse, http.client, json, socket, ssl, threading, time, urllib.parse

def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--resolve", required=True)
    p.add_argument("--cacert")
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--threads", type=int, default=8)
    a = p.parse_args()
    host, port, address = a.resolve.split(":")
    path = urllib.parse.urlsplit(a.url).path or "/"
    context = ssl.create_default_context(cafile=a.cacert) if a.cacert else ssl._create_unverified_context()
    start = time.monotonic()
    end = start + a.seconds
    lock = threading.Lock()
    per_second, failures, examples = {}, 0, []

    def connect():
        sock = socket.create_connection((address, int(port)), timeout=10)
        # The certificate is checked against the hostname, as a browser would.
        connection = http.client.HTTPSConnection(address, int(port), timeout=10, context=context)
        connection.sock = context.wrap_socket(sock, server_hostname=host)
        return connection

    def worker():
        nonlocal failures
        connection = None
        while time.monotonic() < end:
            began = time.monotonic()
            try:
                connection = connection or connect()
                connection.request("GET", path, headers={"Host": f"{host}:{port}"})
                answer = connection.getresponse()
                answer.read()
                ok, what = 200 <= answer.status < 300, f"status {answer.status}"
            except Exception as error:
                ok, what = False, f"{type(error).__name__}: {error}"
                connection = None
            with lock:
                second = int(began - start)
                per_second[second] = per_second.get(second, 0) + 1
                if not ok:
                    failures += 1
                    if len(examples) < 5:
                        examples.append(what)

    threads = [threading.Thread(target=worker) for _ in range(a.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    whole = [per_second.get(s, 0) for s in range(int(a.seconds))]
    print(json.dumps({"total": sum(per_second.values()), "failures": failures, "examples": examples,
                      "min_per_second": min(whole) if whole else 0, "per_second": whole}))

if __name__ == "__main__":
    main()
