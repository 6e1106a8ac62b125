"""Checks a received request's SigV4 signature by recomputing it with botocore.

For stand-ins of AWS services: give it what arrived on the wire and the secrets you accept.

    from sigv4_verify import verify
    result = verify("POST", "/model/x%3Ay/invoke", headers, body, {"AKIDEXAMPLE": "secret"})
    if not result.ok: ...  # result.reason says why, result.canonical_request what botocore hashed

`headers` is a list of (name, value) pairs as received. The request is rebuilt from the signed
headers only, the time taken from `X-Amz-Date`, and signed with `S3SigV4Auth` when the credential
scope names `s3` (path used as is) or `SigV4Auth` otherwise (path normalised and encoded again).
A signed `X-Amz-Content-SHA256` must be the body's SHA-256 or `UNSIGNED-PAYLOAD`.
"""
import hashlib
import hmac
import re
from dataclasses import dataclass, field

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)


@dataclass
class Verification:
    ok: bool
    reason: str = ""
    access_key: str = ""
    region: str = ""
    service: str = ""
    signed_headers: list = field(default_factory=list)
    canonical_request: str = ""


def header_values(headers, name):
    return [value for key, value in headers if key.lower() == name]


def verify(method, target, headers, body, secrets, session_tokens=None):
    """Verifies one request. `secrets` maps access key ids to secret keys; `session_tokens`
    optionally maps access key ids to the token each must carry."""
    authorization = header_values(headers, "authorization")
    if len(authorization) != 1:
        return Verification(False, "no Authorization header")
    match = AUTHORIZATION.match(authorization[0])
    if not match:
        return Verification(False, "the Authorization header is not AWS4-HMAC-SHA256")
    key, service, region = match["key"], match["service"], match["region"]
    result = Verification(False, access_key=key, region=region, service=service, signed_headers=match["signed"].split(";"))
    if key not in secrets:
        result.reason = f"unknown access key {key}"
        return result
    timestamp = (header_values(headers, "x-amz-date") or [""])[0]
    if not timestamp.startswith(match["date"]):
        result.reason = "X-Amz-Date does not match the credential scope's date"
        return result
    for required in ("host", "x-amz-date"):
        if required not in result.signed_headers:
            result.reason = f"{required} is not signed"
            return result
    token = header_values(headers, "x-amz-security-token")
    if token and "x-amz-security-token" not in result.signed_headers:
        result.reason = "X-Amz-Security-Token is sent but not signed"
        return result
    expected_token = (session_tokens or {}).get(key)
    if expected_token is not None and token != [expected_token]:
        result.reason = "the session token is not the one issued with this key"
        return result
    content_hash = header_values(headers, "x-amz-content-sha256")
    if content_hash and content_hash[0] not in (hashlib.sha256(body).hexdigest(), "UNSIGNED-PAYLOAD"):
        result.reason = "X-Amz-Content-SHA256 is not the SHA-256 of the body"
        return result
    if service == "s3" and "x-amz-content-sha256" not in result.signed_headers:
        result.reason = "S3 requests must sign X-Amz-Content-SHA256"
        return result

    host = header_values(headers, "host")[0]
    request = AWSRequest(method=method, url=f"http://{host}{target}", data=body)
    for name, value in headers:
        if name.lower() in result.signed_headers:
            request.headers[name] = value
    request.context["timestamp"] = timestamp
    auth_class = botocore.auth.S3SigV4Auth if service == "s3" else botocore.auth.SigV4Auth
    auth = auth_class(Credentials(key, secrets[key], token[0] if token else None), service, region)
    result.canonical_request = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, result.canonical_request)
    expected = auth.signature(string_to_sign, request)
    if not hmac.compare_digest(expected, match["signature"]):
        result.reason = "the signature does not match"
        return result
    result.ok = True
    return result
