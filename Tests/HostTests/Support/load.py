#!/usr/bin/env python3
"""A loopback load client for the zero-downtime tests: GETs one URL from several threads for a fixed time,
or until SIGTERM, whichever comes first.

Usage: load.py URL --resolve HOST:PORT:ADDRESS --cacert FILE|- --seconds N --threads N
(`--cacert -` verifies nothing: for a proxy's self-signed default certificate, which no root signs.)

Prints one JSON object: total requests, failures (connection errors and non-2xx answers, with a few
examples), the whole seconds it ran, and requests per second in each of them (the lowest one is the floor
a switch must not break). Each thread keeps its TLS connection to the proxy, as a browser does; the
proxy opens a new one to the app for every request, so every request exercises the switch.
"""
import argparse, http.client, json, signal, socket, ssl, threading, time, urllib.parse

def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--resolve", required=True)
    p.add_argument("--cacert", required=True)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--threads", type=int, default=8)
    a = p.parse_args()
    host, port, address = a.resolve.split(":")
    path = urllib.parse.urlsplit(a.url).path or "/"
    context = ssl.create_default_context(cafile=None if a.cacert == "-" else a.cacert)
    if a.cacert == "-":
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    start = time.monotonic()
    end = start + a.seconds

    def stop(signum, frame):
        # The threads finish the request they are in; a second cut short would read as a slow one.
        nonlocal end
        end = min(end, float(int(time.monotonic() - start)) + start)

    signal.signal(signal.SIGTERM, stop)
    # Foundation's Process starts this with its caller's signal mask, in which a test thread blocks SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
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
        while t.is_alive():
            t.join(0.2)
    seconds = int(min(end - start, a.seconds))
    whole = [per_second.get(s, 0) for s in range(seconds)]
    print(json.dumps({"total": sum(per_second.values()), "failures": failures, "examples": examples, "seconds": seconds,
                      "min_per_second": min(whole) if whole else 0, "per_second": whole}))

if __name__ == "__main__":
    main()
