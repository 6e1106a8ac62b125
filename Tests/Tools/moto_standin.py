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
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import sys
import threading
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
            except Exception as error:  # the test gets the reason instead of a hang
                return json_response(start_response, {"error": repr(error)}, "500 Internal Server Error")
            return json_response(start_response, {"error": f"no command {command}"}, "404 Not Found")

        entry = {"method": environ["REQUEST_METHOD"], "path": path, "query": query,
                 "userAgent": environ.get("HTTP_USER_AGENT", "")}
        if OPTIONS.verify and "HTTP_AUTHORIZATION" in environ:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            headers = [(name[5:].replace("_", "-"), value) for name, value in environ.items() if name.startswith("HTTP_")]
            headers += [(name.replace("_", "-"), environ[name]) for name in ("CONTENT_TYPE", "CONTENT_LENGTH") if environ.get(name)]
            target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or (path + ("?" + query if query else ""))
            result = verify(entry["method"], target, headers, body, SECRETS)
            entry["botocoreVerified"] = result.ok
            entry["botocoreReason"] = result.reason or None

        def recording_start_response(status, headers, exc_info=None):
            entry["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        try:
            return inner(environ, recording_start_response)
        finally:
            with LOCK:
                LOG.append(entry)
    return app


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
