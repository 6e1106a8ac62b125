"""The base of the throwaway HTTP servers the Swift tests start (and later stand-ins build on).

A test runs `python3 Tests/Tools/<server>.py [options]`. The server binds 127.0.0.1 on a free port,
prints one JSON line `{"port": N}` on stdout, and serves until its stdin closes (the test process
closed the pipe or died), so no server outlives the test that started it.

Subclasses override `inspect(request)` to annotate what is recorded and `respond(request)` to
answer. Every server gets the same control endpoints, which are never signed and never recorded:
  GET  /__standin/requests   the requests seen so far, as JSON
  POST /__standin/script     queue canned responses (JSON list of {status, headers, body}) that the
                             next requests get, in order, before the server's own behaviour resumes
  POST /__standin/reset      forget the requests and the queued responses
"""
import argparse
import hashlib
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTROL_PREFIX = "/__standin/"


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Tests open dozens of connections at once; the default backlog of 5 makes SYNs wait for
    # retransmission.
    request_queue_size = 128

    def __init__(self, handler_class, options):
        super().__init__(("127.0.0.1", options.port), handler_class)
        self.options = options
        self.lock = threading.Lock()
        self.records = []
        self.script = []

    def handle_error(self, request, client_address):
        # Clients that time out or cancel on purpose hang up mid-response; that is not news.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def record(self, entry):
        with self.lock:
            self.records.append(entry)

    def next_scripted(self):
        with self.lock:
            return self.script.pop(0) if self.script else None


class StandinHandler(BaseHTTPRequestHandler):
    """Reads each request once, records it, answers scripted responses first, then `respond`."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes; with Nagle on, a kept-alive connection waits
    # for the client's delayed ACK (40 ms) before sending the body.
    disable_nagle_algorithm = True
    server_version = "tabi-standin"
    sys_version = ""

    # MARK: - Subclass API

    def inspect(self, request):
        """Adds findings to a request's record before it is stored (a signature check, say)."""

    def respond(self, request):
        """Answers a request (a dict, see `request_record`). Override; the default echoes it."""
        self.send_json(200, without_body(request))

    # MARK: - Sending

    def send_bytes(self, status, body=b"", headers=None, content_type="application/octet-stream"):
        # 1xx, 204 and 304 responses have no body: bytes sent anyway would be read as the next
        # response on a kept-alive connection.
        if status < 200 or status in (204, 304):
            body, content_type = b"", None
        self.send_response(status)
        sent = {name.lower() for name, _ in (headers or [])}
        for name, value in headers or []:
            self.send_header(name, value)
        if "content-type" not in sent and content_type:
            self.send_header("Content-Type", content_type)
        if "content-length" not in sent:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def send_json(self, status, value, headers=None):
        self.send_bytes(status, json.dumps(value).encode(), headers, "application/json")

    # MARK: - Plumbing

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def request_record(self, body):
        path, _, query = self.path.partition("?")
        return {
            "method": self.command,
            "target": self.path,
            "path": path,
            "query": query,
            "headers": [[name, value] for name, value in self.headers.items()],
            "bodyLength": len(body),
            "bodySha256": hashlib.sha256(body).hexdigest(),
            "bodyText": body.decode("utf-8", "replace") if len(body) <= 4096 else None,
            "clientPort": self.client_address[1],
        }

    def handle_any(self):
        body = self.read_body()
        if self.path.startswith(CONTROL_PREFIX):
            return self.control(body)
        request = self.request_record(body)
        request["body"] = body
        self.inspect(request)
        scripted = self.server.next_scripted()
        self.server.record(without_body(request))
        if scripted is not None:
            headers = [tuple(pair) for pair in scripted.get("headers", [])]
            self.send_bytes(scripted.get("status", 200), scripted.get("body", "").encode(), headers,
                            scripted.get("contentType", "application/octet-stream"))
            return
        self.respond(request)

    def control(self, body):
        command = self.path[len(CONTROL_PREFIX):]
        if command == "requests":
            with self.server.lock:
                self.send_json(200, list(self.server.records))
        elif command == "script":
            with self.server.lock:
                self.server.script.extend(json.loads(body or b"[]"))
            self.send_json(200, {"queued": len(self.server.script)})
        elif command == "reset":
            with self.server.lock:
                self.server.records.clear()
                self.server.script.clear()
            self.send_json(200, {})
        else:
            self.send_json(404, {"message": f"no control command {command}"})

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = handle_any

    def log_message(self, format, *args):  # noqa: A002 - the tests read stdout, keep it quiet
        pass


def without_body(request):
    """The request record without its raw body bytes (which JSON cannot carry)."""
    return {key: value for key, value in request.items() if key != "body"}


def argument_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (0: a free one)")
    return parser


def serve(handler_class, options):
    """Starts the server, announces the port, serves until stdin closes."""
    server = StandinServer(handler_class, options)
    print(json.dumps({"port": server.server_address[1]}), flush=True)

    def watch_stdin():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    serve(StandinHandler, argument_parser("An HTTP server that echoes every request as JSON.").parse_args())
