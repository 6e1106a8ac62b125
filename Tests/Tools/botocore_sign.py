"""Signs requests with botocore, as an independent oracle for the Swift SigV4 signer.

Reads a JSON list of cases on stdin and prints a JSON list of results, one per case:
  case:   {"name", "service" (signing name), "region", "method", "origin" ("https://host[:port]"),
           "uriTemplate" ("/model/{modelId}/invoke", "/{Key+}"), "params" ({"modelId": "..."}),
           "query" ([[name, value-or-null], ...]), "headers" ([[name, value], ...]), "body" (text),
           "sessionToken" (optional), "unsignedPayload" (bool), "time" ("20240102T030405Z")}
  result: {"name", "url", "authorization", "canonicalRequest"}

The path is rendered by botocore's own REST serializer (greedy `{Key+}` labels keep `/`), the
query encoded by botocore's `percent_encode_sequence`, so the oracle checks the URL too.
"""
import datetime
import json
import sys
from types import SimpleNamespace

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.serialize import RestJSONSerializer
from botocore.utils import percent_encode, percent_encode_sequence

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def sign(case):
    moment = datetime.datetime.strptime(case["time"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: moment
    path = RestJSONSerializer()._render_uri_template(case["uriTemplate"], case.get("params", {}))
    valued = [(name, value) for name, value in case.get("query", []) if value is not None]
    bare = [percent_encode(name) for name, value in case.get("query", []) if value is None]
    query = "&".join(part for part in [percent_encode_sequence(valued)] + bare if part)
    url = case["origin"] + path + ("?" + query if query else "")

    request = AWSRequest(method=case["method"], url=url, data=case.get("body", "").encode("utf-8"))
    for name, value in case.get("headers", []):
        request.headers[name] = value  # appends, so a repeated header stays repeated
    if case.get("unsignedPayload"):
        request.context["client_config"] = SimpleNamespace(s3={"payload_signing_enabled": False})
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, case.get("sessionToken"))
    auth_class = botocore.auth.S3SigV4Auth if case["service"] == "s3" else botocore.auth.SigV4Auth
    auth = auth_class(credentials, case["service"], case["region"])
    auth.add_auth(request)
    authorization = request.headers["Authorization"]
    del request.headers["Authorization"]
    return {
        "name": case["name"],
        "url": url,
        "authorization": authorization,
        "canonicalRequest": auth.canonical_request(request),
    }


if __name__ == "__main__":
    json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
