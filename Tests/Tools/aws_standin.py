"""A generic AWS stand-in: verifies every request's SigV4 signature with botocore and answers.

  --credentials AK:SECRET[:TOKEN]   an access key it accepts (repeatable); with TOKEN the request
                                    must carry that session token
  --error-format json|xml           how a bad signature is answered: a JSON body with
                                    x-amzn-ErrorType (Bedrock style) or an S3 XML <Error>

A verified request gets 200 and its own record as JSON (method, target, headers, body hash,
"verified": true). Queued responses (POST /__standin/script) are answered first, but the request
is still verified and recorded. Later stand-ins (Bedrock, S3) subclass `AWSStandinHandler` and
override `respond_verified`.
"""
from sigv4_verify import verify
from standin_server import StandinHandler, argument_parser, serve, without_body


class AWSStandinHandler(StandinHandler):
    def inspect(self, request):
        options = self.server.options
        result = verify(request["method"], request["target"], [tuple(pair) for pair in request["headers"]],
                        request["body"], options.secrets, options.tokens)
        request["verified"] = result.ok
        request["verifyError"] = result.reason or None
        request["signingService"] = result.service or None
        request["signingRegion"] = result.region or None

    def respond(self, request):
        if request["verified"]:
            return self.respond_verified(request)
        message = f"The request signature we calculated does not match the signature you provided ({request['verifyError']})."
        if self.server.options.error_format == "xml":
            body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                    f"<Message>{message}</Message><RequestId>STANDIN-REQUEST-1</RequestId></Error>")
            self.send_bytes(403, body.encode(), [("x-amz-request-id", "STANDIN-REQUEST-1")], "application/xml")
        else:
            headers = [("x-amzn-ErrorType", "InvalidSignatureException:http://internal.amazon.com/coral/"),
                       ("x-amzn-RequestId", "standin-request-1")]
            self.send_json(403, {"message": message}, headers)

    def respond_verified(self, request):
        self.send_json(200, without_body(request))


def parse_options(description, extend=None):
    """The stand-in's options; `extend(parser)` adds a subclass's own."""
    parser = argument_parser(description)
    parser.add_argument("--credentials", action="append", default=[], help="AK:SECRET[:TOKEN]")
    parser.add_argument("--error-format", choices=["json", "xml"], default="json")
    if extend:
        extend(parser)
    options = parser.parse_args()
    options.secrets, options.tokens = {}, {}
    for entry in options.credentials:
        key, secret, *token = entry.split(":", 2)
        options.secrets[key] = secret
        if token:
            options.tokens[key] = token[0]
    return options


if __name__ == "__main__":
    serve(AWSStandinHandler, parse_options(__doc__))
