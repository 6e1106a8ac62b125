"""moto's S3 + CloudFront server for the publish tests and bench, with the setup done and a
request log beside it.

  --auth             require a valid SigV4 signature from an IAM user after the setup calls:
                     moto starts with INITIAL_NO_AUTH_ACTION_COUNT set to exactly the number of
                     setup calls (create bucket, IAM user, its policy, its access key, a
                     CloudFront distribution), so every later request is checked
  --bucket NAME      the bucket to create (repeatable; default tabi-site)
  --deny-put PREFIX  the IAM user may not PutObject keys under PREFIX (an upload that fails)
  --verify           also check every request's signature with botocore (Tests/Tools/sigv4_verify.py)
                     and record the verdict, so a moto rejection can be told from a real bad signature

Prints one JSON line once it listens: {"port", "accessKeyId", "secretAccessKey", "distributionId",
"buckets"}, and serves until its stdin closes. Control endpoints (never logged, never signed):
  GET  /__standin/requests                    every request seen: method, path, query, status,
                                              userAgent and, with --verify, botocoreVerified
  POST /__standin/reset                       forget the request log
  GET  /__standin/objects?bucket=B&prefix=P   what moto stores, read from its backend (not over
                                              HTTP): per key the MD5 of the stored bytes, of the
                                              bytes gunzipped when Content-Encoding is gzip, the
                                              ETag, size and headers
  GET  /__standin/uploads?bucket=B            multipart uploads in progress
  GET  /__standin/invalidations               CloudFront invalidations: id, distribution, paths,
                                              caller reference
  GET  /__standin/body?bucket=B&key=K         the object's bytes as a reader gets them decoded
                                              (gunzipped when Content-Encoding is gzip); 404 if none
  POST /__standin/faults                      {"rate": 0.2, "seed": 1, "kinds": [...], "match": RE}:
                                              from now on, each request ("METHOD /path?query" matching
                                              RE, if given) fails with that probability (seeded), the
                                              kinds taken in turn: "500" (InternalError), "503"
                                              (ServiceUnavailable), "SlowDown" (503), "retryAfter"
                                              (503 SlowDown with Retry-After: 1e300), "drop" (the
                                              connection closed before moto sees the request),
                                              "dropAfter" (moto does it, the answer is never sent).
                                              GET answers the number injected of each kind; rate 0 stops.
  POST /__standin/stall                       {"after": N}: the next N requests pass, every later one
                                              waits (its body already read) until POST
                                              /__standin/release, then goes to moto as a request a
                                              server had fully received would; GET answers
                                              {"arrived", "blocked", "inFlight"}. For killing a client
                                              at a point.

Every logged request also carries "seq" (its arrival) and "done" (its answer, or its drop) from
one counter, its "fault" if any, and for DeleteObjects the "keys" it names: the order in which
the bucket changed, for tests that check what a reader could have seen at any moment.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import random
import re
import socket
import sys
import threading
from html import unescape
from urllib.parse import parse_qs

SETUP_CALLS_WITH_DISTRIBUTION = 5
REGION = "us-east-1"
ACCOUNT = "123456789012"


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--bucket", action="append", default=[])
    parser.add_argument("--deny-put", default=None)
    options = parser.parse_args()
    options.bucket = options.bucket or ["tabi-site"]
    return options


OPTIONS = parse_options()
SETUP_CALLS = len(OPTIONS.bucket) - 1 + SETUP_CALLS_WITH_DISTRIBUTION
if OPTIONS.auth:
    # moto reads this when it is imported: the setup calls below pass unsigned, nothing after.
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = str(SETUP_CALLS)
os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")

import boto3  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sigv4_verify import verify  # noqa: E402

class QuickHandler(WSGIRequestHandler):
    # Headers and body go out as separate writes; with Nagle on, a kept-alive connection waits
    # for the client's delayed ACK (40 ms) before the body.
    disable_nagle_algorithm = True

    def log_request(self, *args, **kwargs):  # stdout carries the announcement only
        pass


LOG = []
LOCK = threading.Lock()
SECRETS = {}
SEQUENCE = [0]
FAULT_KINDS = ["500", "503", "SlowDown", "retryAfter", "drop", "dropAfter"]
FAULTS = {"rate": 0.0, "kinds": FAULT_KINDS, "random": random.Random(0), "match": None, "injected": {}, "turn": 0}
STALL = {"after": None, "arrived": 0, "blocked": 0, "release": threading.Event()}
IN_FLIGHT = [0]
# S3 checks a conditional write's If-None-Match / If-Match and writes as one step; moto checks,
# then writes, so with its threaded server two racing writes could both pass the check (seen as
# two runs holding the nightly lease on a loaded machine). Conditional writes go one at a time.
CONDITIONAL_WRITE = threading.Lock()


def next_sequence(flight=0):
    with LOCK:
        SEQUENCE[0] += 1
        IN_FLIGHT[0] += flight
        return SEQUENCE[0]


class Dropped(ConnectionResetError):
    """Raised out of the app after the socket is shut: werkzeug takes it for a dropped client."""


def drop(environ):
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    raise Dropped("dropped by moto_standin's fault injection")


def choose_fault(request):
    with LOCK:
        if FAULTS["rate"] <= 0 or (FAULTS["match"] and not re.search(FAULTS["match"], request)):
            return None
        if FAULTS["random"].random() >= FAULTS["rate"]:
            return None
        kind = FAULTS["kinds"][FAULTS["turn"] % len(FAULTS["kinds"])]
        FAULTS["turn"] += 1
        FAULTS["injected"][kind] = FAULTS["injected"].get(kind, 0) + 1
        return kind


def fault_response(kind, method, start_response):
    code, status, headers = {
        "500": ("InternalError", "500 Internal Server Error", []),
        "503": ("ServiceUnavailable", "503 Service Unavailable", []),
        "SlowDown": ("SlowDown", "503 Slow Down", []),
        "retryAfter": ("SlowDown", "503 Slow Down", [("Retry-After", "1e300")]),
    }[kind]
    body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>"
            f"<Message>injected by moto_standin</Message><RequestId>FAULT</RequestId></Error>").encode()
    if method == "HEAD":
        body = b""
    start_response(status, [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))] + headers)
    return [body]


def stall_here():
    """Counts an arriving request; past the stall point, waits for the release."""
    with LOCK:
        if STALL["after"] is None:
            return
        STALL["arrived"] += 1
        if STALL["arrived"] <= STALL["after"]:
            return
        STALL["blocked"] += 1
        release = STALL["release"]
    release.wait()


def json_response(start_response, value, status="200 OK"):
    body = json.dumps(value).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def s3_bucket(name):
    from moto.s3.models import s3_backends
    return s3_backends[ACCOUNT]["aws"].get_bucket(name)


def stored_objects(query):
    bucket = s3_bucket(query.get("bucket", [OPTIONS.bucket[0]])[0])
    prefix = query.get("prefix", [""])[0]
    objects = {}
    for name in list(bucket.keys.keys()):
        if not name.startswith(prefix):
            continue
        key = bucket.keys[name]
        value = key.value
        headers = {k.lower(): v for k, v in key.metadata.items()}
        decoded = value
        if headers.get("content-encoding") == "gzip":
            try:
                decoded = gzip.decompress(value)
            except OSError:
                decoded = None
        objects[name] = {
            "etag": key.etag.strip('"'),
            "size": len(value),
            "md5": hashlib.md5(value).hexdigest(),
            "decodedMd5": hashlib.md5(decoded).hexdigest() if decoded is not None else None,
            "headers": headers,
            "multipart": key.multipart is not None,
        }
    return objects


def uploads_in_progress(query):
    bucket = s3_bucket(query.get("bucket", [OPTIONS.bucket[0]])[0])
    return [{"key": upload.key_name, "uploadId": upload.id} for upload in bucket.multiparts.values()]


def decoded_body(query):
    bucket = s3_bucket(query.get("bucket", [OPTIONS.bucket[0]])[0])
    name = query.get("key", [""])[0]
    if name not in bucket.keys:
        return None
    key = bucket.keys[name]
    headers = {k.lower(): v for k, v in key.metadata.items()}
    value = key.value
    return gzip.decompress(value) if headers.get("content-encoding") == "gzip" else value


def invalidations():
    from moto.cloudfront.models import cloudfront_backends
    backend = cloudfront_backends[ACCOUNT]["aws"]
    found = []
    for distribution_id, items in backend.invalidations.items():
        for item in items:
            found.append({"id": item.id, "distributionId": distribution_id, "paths": list(item.paths),
                          "callerReference": item.caller_ref})
    return found


def application(inner):
    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        if path.startswith("/__standin/"):
            command, arguments = path[len("/__standin/"):], parse_qs(query)
            try:
                if command == "requests":
                    with LOCK:
                        return json_response(start_response, list(LOG))
                if command == "reset":
                    with LOCK:
                        LOG.clear()
                    return json_response(start_response, {})
                if command == "objects":
                    return json_response(start_response, stored_objects(arguments))
                if command == "uploads":
                    return json_response(start_response, uploads_in_progress(arguments))
                if command == "invalidations":
                    return json_response(start_response, invalidations())
                if command == "body":
                    body = decoded_body(arguments)
                    if body is None:
                        return json_response(start_response, {"error": "no such key"}, "404 Not Found")
                    start_response("200 OK", [("Content-Type", "application/octet-stream"), ("Content-Length", str(len(body)))])
                    return [body]
                if command == "faults":
                    if environ["REQUEST_METHOD"] == "POST":
                        config = json.loads(read_body(environ) or b"{}")
                        with LOCK:
                            FAULTS["rate"] = float(config.get("rate", 0))
                            FAULTS["kinds"] = config.get("kinds") or FAULT_KINDS
                            FAULTS["random"] = random.Random(config.get("seed", 0))
                            FAULTS["match"] = config.get("match")
                            FAULTS["turn"] = 0
                    with LOCK:
                        return json_response(start_response, dict(FAULTS["injected"]))
                if command == "stall":
                    if environ["REQUEST_METHOD"] == "POST":
                        config = json.loads(read_body(environ) or b"{}")
                        with LOCK:
                            STALL.update(after=config.get("after"), arrived=0, blocked=0, release=threading.Event())
                    with LOCK:
                        return json_response(start_response, {"arrived": STALL["arrived"], "blocked": STALL["blocked"],
                                                              "inFlight": IN_FLIGHT[0]})
                if command == "release":
                    with LOCK:
                        STALL["after"] = None
                        STALL["release"].set()
                    return json_response(start_response, {})
            except Exception as error:  # the test gets the reason instead of a hang
                return json_response(start_response, {"error": repr(error)}, "500 Internal Server Error")
            return json_response(start_response, {"error": f"no command {command}"}, "404 Not Found")

        entry = {"method": environ["REQUEST_METHOD"], "path": path, "query": query,
                 "userAgent": environ.get("HTTP_USER_AGENT", ""), "seq": next_sequence(flight=1)}
        # The whole body first: a request that waits at a stall holds what a server would have
        # received, and DeleteObjects' keys go in the log.
        try:
            body = read_body(environ)
        except Exception:  # the client went away mid-body: nothing reaches moto
            entry.update(done=next_sequence(flight=-1), fault="clientGone")
            with LOCK:
                LOG.append(entry)
            raise Dropped("the client went away")
        environ["wsgi.input"] = io.BytesIO(body)
        if entry["method"] == "POST" and query.split("&")[0] == "delete":
            entry["keys"] = [unescape(key) for key in re.findall(r"<Key>(.*?)</Key>", body.decode("utf-8", "replace"))]
        stall_here()
        if OPTIONS.verify and "HTTP_AUTHORIZATION" in environ:
            headers = [(name[5:].replace("_", "-"), value) for name, value in environ.items() if name.startswith("HTTP_")]
            headers += [(name.replace("_", "-"), environ[name]) for name in ("CONTENT_TYPE", "CONTENT_LENGTH") if environ.get(name)]
            target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or (path + ("?" + query if query else ""))
            result = verify(entry["method"], target, headers, body, SECRETS)
            entry["botocoreVerified"] = result.ok
            entry["botocoreReason"] = result.reason or None

        def recording_start_response(status, headers, exc_info=None):
            entry["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        fault = choose_fault(f"{entry['method']} {path}?{query}")
        if fault:
            entry["fault"] = fault
        try:
            if fault == "drop":
                drop(environ)
            if fault in ("500", "503", "SlowDown", "retryAfter"):
                return fault_response(fault, entry["method"], recording_start_response)
            if environ["REQUEST_METHOD"] in ("PUT", "POST") and ("HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MATCH" in environ):
                with CONDITIONAL_WRITE:
                    answer = list(inner(environ, recording_start_response))
            else:
                answer = inner(environ, recording_start_response)
            if fault == "dropAfter":
                list(answer)  # moto has done the request; its answer is lost
                drop(environ)
            return answer
        finally:
            entry["done"] = next_sequence(flight=-1)
            with LOCK:
                LOG.append(entry)
    return app


def read_body(environ):
    if not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
        return environ["wsgi.input"].read()  # chunked: werkzeug ends the stream
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    if len(body) < length:
        raise ConnectionError("the body ended early")
    return body


def setup(endpoint):
    """The unsigned setup calls; their number is SETUP_CALLS."""
    session = boto3.session.Session(aws_access_key_id="setup", aws_secret_access_key="setup", region_name=REGION)
    s3 = session.client("s3", endpoint_url=endpoint)
    for bucket in OPTIONS.bucket:
        s3.create_bucket(Bucket=bucket)
    iam = session.client("iam", endpoint_url=endpoint)
    iam.create_user(UserName="publisher")
    statements = [{"Effect": "Allow", "Action": ["s3:*", "cloudfront:*"], "Resource": "*"}]
    if OPTIONS.deny_put:
        statements.append({"Effect": "Deny", "Action": "s3:PutObject",
                           "Resource": f"arn:aws:s3:::{OPTIONS.bucket[0]}/{OPTIONS.deny_put}*"})
    policy = {"Version": "2012-10-17", "Statement": statements}
    iam.put_user_policy(UserName="publisher", PolicyName="publish", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="publisher")["AccessKey"]
    cloudfront = session.client("cloudfront", endpoint_url=endpoint)
    origin = {"Id": "site", "DomainName": f"{OPTIONS.bucket[0]}.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "tabi-tests", "Comment": "tabi-press tests", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "MinTTL": 0, "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}},
    })["Distribution"]
    return key["AccessKeyId"], key["SecretAccessKey"], distribution["Id"]


def main():
    server = make_server("127.0.0.1", 0, application(DomainDispatcherApplication(create_backend_app)), threaded=True,
                         request_handler=QuickHandler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    access_key, secret, distribution = setup(f"http://127.0.0.1:{port}")
    SECRETS[access_key] = secret
    with LOCK:
        LOG.clear()
    print(json.dumps({"port": port, "accessKeyId": access_key, "secretAccessKey": secret,
                      "distributionId": distribution, "buckets": OPTIONS.bucket}), flush=True)
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
