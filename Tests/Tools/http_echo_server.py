"""The HTTPClient tests' server: echoes requests, and misbehaves on purpose on a few paths.

  /bytes/N      N bytes of a fixed pattern (byte i is i % 251)
  /chunked/N    the same N bytes, chunked (no Content-Length), 64 KiB a chunk
  /status/N     status N with a small JSON body
  /headers      repeated and mixed-case response headers
  /sleep/MS     waits MS milliseconds, then echoes
  /stall        promises 1000 bytes, sends 10, then goes quiet (for low-speed limits)
  /drop         closes the connection without answering
  anything else the request as JSON (see standin_server.request_record)
"""
import time

from standin_server import StandinHandler, argument_parser, serve, without_body


class EchoHandler(StandinHandler):
    def respond(self, request):
        parts = request["path"].strip("/").split("/")
        head, arg = parts[0], (parts[1] if len(parts) > 1 else "")
        if head == "bytes":
            count = int(arg)
            self.send_bytes(200, bytes(i % 251 for i in range(count)))
        elif head == "chunked":
            body = bytes(i % 251 for i in range(int(arg)))
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for start in range(0, len(body), 65536):
                    chunk = body[start:start + 65536]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
        elif head == "status":
            self.send_json(int(arg), {"status": int(arg)})
        elif head == "headers":
            headers = [("X-Multi", "one"), ("x-multi", "two"), ("X-Folded", "a  b"), ("ETag", '"abc"')]
            self.send_bytes(200, b"ok", headers, "text/plain")
        elif head == "sleep":
            time.sleep(int(arg) / 1000)
            self.send_json(200, without_body(request))
        elif head == "stall":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            time.sleep(30)
        elif head == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
        else:
            self.send_json(200, without_body(request))


if __name__ == "__main__":
    serve(EchoHandler, argument_parser(__doc__).parse_args())
