"""Stands in for the EC2 instance metadata service (IMDSv2) and the container credentials endpoint.

  PUT /latest/api/token                          needs X-aws-ec2-metadata-token-ttl-seconds
  GET /latest/meta-data/iam/security-credentials/         the role name (needs the token)
  GET /latest/meta-data/iam/security-credentials/<role>   credentials ASIAIMDS<n>, n counting up
  GET /container/credentials                     credentials ASIACONTAINER<n> (needs Authorization)

  --role NAME                 the instance's role (default tabi-role)
  --container-token TOKEN     the Authorization value the container endpoint wants
  --container-credentials KEY:SECRET[:TOKEN]
                              the container endpoint hands out these fixed credentials instead
                              (a test server's IAM user, for a process that finds no other keys)
  --expires-in SECONDS        how long issued credentials last (default 3600)
"""
import datetime
import itertools

from standin_server import StandinHandler, argument_parser, serve

IMDS_TOKEN = "imds-session-token-1"
CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"


class CredentialsHandler(StandinHandler):
    imds_counter = itertools.count(1)
    container_counter = itertools.count(1)

    def respond(self, request):
        options, path, method = self.server.options, request["path"], request["method"]
        token = self.headers.get("X-aws-ec2-metadata-token")
        if path == "/latest/api/token":
            if method != "PUT" or not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                return self.send_bytes(400, b"token requests are PUT with a TTL header", content_type="text/plain")
            return self.send_bytes(200, IMDS_TOKEN.encode(), content_type="text/plain")
        if path.startswith(CREDENTIALS_PATH):
            if token != IMDS_TOKEN:
                return self.send_bytes(401, b"", content_type="text/plain")
            role = path[len(CREDENTIALS_PATH):]
            if role == "":
                return self.send_bytes(200, f"{options.role}\n".encode(), content_type="text/plain")
            if role != options.role:
                return self.send_bytes(404, b"", content_type="text/plain")
            return self.send_credentials(f"ASIAIMDS{next(self.imds_counter)}", "Code")
        if path == "/container/credentials":
            if options.container_token and self.headers.get("Authorization") != options.container_token:
                return self.send_json(401, {"message": "bad authorization token"})
            if options.container_credentials:
                key, secret, *token = options.container_credentials.split(":", 2)
                return self.send_credentials(key, None, secret=secret, token=token[0] if token else None)
            return self.send_credentials(f"ASIACONTAINER{next(self.container_counter)}", None)
        self.send_bytes(404, b"", content_type="text/plain")

    def send_credentials(self, key, code_field, secret=None, token=""):
        expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=self.server.options.expires_in)
        document = {
            "AccessKeyId": key,
            "SecretAccessKey": secret or f"secret-of-{key}",
            "Token": f"token-of-{key}" if token == "" else token,
            "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if document["Token"] is None:
            del document["Token"]
        if code_field:
            document[code_field] = "Success"
        self.send_json(200, document)


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--role", default="tabi-role")
    parser.add_argument("--container-token", default="")
    parser.add_argument("--container-credentials", default="")
    parser.add_argument("--expires-in", type=int, default=3600)
    serve(CredentialsHandler, parser.parse_args())
