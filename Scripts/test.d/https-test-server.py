#!/usr/bin/env python3
"""HTTPS test server for senderauth's integration tests (test-only tool).

Makes a test CA with openssl, a certificate per host from it, and serves each host's routes
on ADDRESS:PORT, picking the certificate by SNI. Configuration (JSON, argv[1]):

  {"address": "127.0.0.2", "port": 443, "directory": "/tmp/...",
   "hang": "127.0.0.3",                      # optional: accepts TCP on it, never answers
   "hosts": {"mta-sts.good.test": {
       "certificate": "valid" | "wrong-name" | "untrusted",
       "routes": {"/.well-known/mta-sts.txt": {
           "status": 200, "type": "text/plain", "body": "...",
           "repeat": 0,                        # body repeated this many times
           "location": "https://..."}}}}}

Prints "READY <ca.pem>" on stdout once listening; runs until killed.
"""
import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import threading


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_ca(directory, name):
    key, cert = f"{directory}/{name}.key", f"{directory}/{name}.pem"
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", cert, "-days", "30", "-subj", f"/CN=senderauth {name}",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    return key, cert


def make_leaf(directory, host, names, ca_key, ca_cert):
    key, csr, cert = (f"{directory}/{host}.key", f"{directory}/{host}.csr",
                      f"{directory}/{host}.pem")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", csr, "-subj", f"/CN={names[0]}")
    extensions = f"{directory}/{host}.ext"
    with open(extensions, "w") as out:
        out.write("subjectAltName=" + ",".join(f"DNS:{n}" for n in names) + "\n")
        out.write("extendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial",
            "-out", cert, "-days", "30", "-extfile", extensions)
    return key, cert


def main():
    with open(sys.argv[1]) as source:
        config = json.load(source)
    directory = config["directory"]
    ca_key, ca_cert = make_ca(directory, "test-ca")
    other_key, other_cert = make_ca(directory, "untrusted-ca")
    contexts = {}
    for host, spec in config["hosts"].items():
        kind = spec.get("certificate", "valid")
        if kind == "wrong-name":
            key, cert = make_leaf(directory, host, ["wrong-name.invalid"], ca_key, ca_cert)
        elif kind == "untrusted":
            key, cert = make_leaf(directory, host, [host], other_key, other_cert)
        else:
            key, cert = make_leaf(directory, host, [host], ca_key, ca_cert)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        contexts[host] = context

    def choose(ssl_socket, server_name, _context):
        if server_name in contexts:
            ssl_socket.context = contexts[server_name]

    default = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    first = next(iter(config["hosts"]))
    default.load_cert_chain(f"{directory}/{first}.pem", f"{directory}/{first}.key")
    default.sni_callback = choose

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            host = (self.headers.get("Host") or "").split(":")[0].lower()
            route = config["hosts"].get(host, {}).get("routes", {}).get(self.path.split("?")[0])
            if route is None:
                self.reply(404, "text/plain", b"not found\n")
                return
            body = route.get("body", "").encode()
            if route.get("repeat"):
                body = body * route["repeat"]
            self.reply(route.get("status", 200), route.get("type"), body, route.get("location"))

        def reply(self, status, content_type, body, location=None):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self):
            connection, address = self.socket.accept()
            connection.settimeout(10)
            wrapped = default.wrap_socket(
                connection, server_side=True, do_handshake_on_connect=False)
            return wrapped, address

        def handle_error(self, request, client_address):
            pass  # TLS handshakes that the client aborts (bad certificate) are expected

    server = Server((config["address"], config["port"]), Handler)
    hang = config.get("hang")
    if hang:
        silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        silent.bind((hang, config["port"]))
        silent.listen(16)
        held = []

        def hold():
            while True:
                connection, _ = silent.accept()
                held.append(connection)  # never read, never answered

        threading.Thread(target=hold, daemon=True).start()
    print("READY", ca_cert, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    try:
        main()
    except OSError as error:
        print("ERROR", error, flush=True)
        sys.exit(1)
