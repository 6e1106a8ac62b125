"""A stand-in for the model APIs `tabi-press draft` calls: Amazon Bedrock's InvokeModel and Converse
(every request's SigV4 signature verified with botocore) and an OpenAI-compatible chat completions
endpoint (bearer key checked).

  --credentials AK:SECRET[:TOKEN]   an AWS access key it accepts (repeatable), as aws_standin.py
  --openai-key KEY                  the bearer key /v1/chat/completions accepts
  --log FILE                        appends one JSON line per model request: what reached the model
  --throttle-every N                answers the first attempt of every Nth new request (by body) with
                                    429 (ThrottlingException, or an OpenAI rate-limit error) and lets
                                    its retry through: retries are exercised, in a number that does
                                    not depend on how concurrent requests interleave
  --faults RATE                     answers that share of model requests (0 to 1) with a fault of
                                    --fault-kinds, taken in turn (so a storm of N faults has N kinds,
                                    up to all); which attempt of which body gets a fault follows from
                                    --fault-seed, the body and the attempt's number, so it is the same
                                    however concurrent requests interleave
  --fault-kinds K,K,...             429, 500, 503, throttling-400 (ThrottlingException with 400),
                                    drop (close without answering), drop-mid-body (promise 1000 bytes,
                                    send 10, close), stall (answer after --stall-seconds, past the
                                    client's timeout), retry-after-huge (429 with Retry-After: 1e300),
                                    retry-after-negative (-1), retry-after-garbage; default: all
  --answer-delay SECONDS            waits that long before every model answer (a run that takes time)

Routes (bodies are checked the way the services check them; a malformed one gets 400):
  POST /model/{modelId}/invoke      Anthropic messages body → {"content":[{"type":"text","text":...}],
                                    "usage":{"input_tokens","output_tokens"},"stop_reason"}
  POST /model/{modelId}/converse    → {"output":{"message":{"content":[{"text":...}]}},
                                    "usage":{"inputTokens","outputTokens"},"stopReason"}
  POST /v1/chat/completions         → {"choices":[{"message":{"content":...},"finish_reason"}],
                                    "usage":{"prompt_tokens","completion_tokens"}}

Every answer is a small story with front matter. Trip data can steer it, so a test can make one
trip fail: a prompt containing `standin:bad-front-matter` gets front matter that does not parse,
`standin:fenced` gets its story wrapped in a ```markdown fence, `standin:server-error` always gets
500, `standin:truncate` stops at the token limit. Hostile answers: `standin:huge-body` gets an
answer of 9 MiB, `standin:huge-story` a story of 2 MiB (in a body under 3 MiB),
`standin:alias-bomb` front matter built of nested YAML anchors and aliases, and
`standin:echo-facts` a story that repeats the trip's own text back (title, summary and tags in the
front matter, every post's title, text and photo captions in the body), as a model quoting hostile
input would, and `standin:echo-secrets` an error whose type, request id and message quote the request's
Authorization, X-Amz-Security-Token and every other header back (a retryable 500 the first time,
a final 400 on the retry).

`standin:hold` holds the answer until the test says (POST /__standin/release, which lets the
answers held at that moment go); GET /__standin/held says how many answers are being held.
"""
import hashlib
import json
import re
import socket
import threading
import time
from urllib.parse import unquote

from aws_standin import AWSStandinHandler, parse_options
from standin_server import serve

MODEL_PATH = re.compile(r"^/model/(?P<model>[^/]+)/(?P<action>invoke|converse)$")


class ModelStandinHandler(AWSStandinHandler):
    # MARK: - Control

    def control(self, body):
        command = self.path[len("/__standin/"):]
        if command == "held":
            with self.server.lock:
                self.send_json(200, {"held": self.server.__dict__.get("held", 0)})
        elif command == "release":
            # The answers held now go; a later one waits for the next release.
            with self.server.lock:
                event = self.server.__dict__.get("released")
                self.server.released = threading.Event()
            if event:
                event.set()
            self.send_json(200, {})
        else:
            super().control(body)

    def release_event(self):
        with self.server.lock:
            return self.server.__dict__.setdefault("released", threading.Event())

    def hold(self):
        event = self.release_event()
        with self.server.lock:
            self.server.held = self.server.__dict__.get("held", 0) + 1
        event.wait(timeout=300)
        with self.server.lock:
            self.server.held -= 1

    # MARK: - Checking

    def inspect(self, request):
        if request["path"].startswith("/v1/"):
            # OpenAI-compatible: a bearer key, not a signature.
            expected = f"Bearer {self.server.options.openai_key}"
            sent = [value for name, value in request["headers"] if name.lower() == "authorization"]
            request["verified"] = sent == [expected]
            request["verifyError"] = None if request["verified"] else "wrong or missing bearer key"
        else:
            super().inspect(request)

    def respond(self, request):
        if request["path"].startswith("/v1/") and not request["verified"]:
            sent = next((value for name, value in request["headers"] if name.lower() == "authorization"), "")
            key = sent[len("Bearer "):] if sent.startswith("Bearer ") else sent
            # Quotes the key back in full, as some compatible servers do: the client must redact it.
            return self.answer(request, 401, {"error": {
                "message": f"Incorrect API key provided: {key}. You can find your API key in your account settings.",
                "type": "invalid_request_error", "code": "invalid_api_key"}})
        if not request["verified"]:
            self.record_model_request(request, 403)
        return super().respond(request)

    # MARK: - Answering

    def respond_verified(self, request):
        path = request["path"]
        match = MODEL_PATH.match(path)
        if match:
            api = match["action"]
            model = unquote(match["model"])
        elif path == "/v1/chat/completions" and request["method"] == "POST":
            api, model = "openai", None
        else:
            return self.bedrock_error(request, 404, "UnknownOperationException", f"no route for {request['method']} {path}")
        try:
            body = json.loads(request["body"])
        except ValueError:
            return self.malformed(request, api, "the body is not JSON")
        prompt, problem = self.prompt(api, body)
        if problem:
            return self.malformed(request, api, problem)
        model = model or body.get("model")
        request["api"], request["model"], request["prompt"] = api, model, prompt
        delay = self.server.options.answer_delay
        if delay:
            time.sleep(delay)
        if "standin:hold" in prompt:
            self.hold()
        fault = self.fault(request["bodySha256"])
        if fault:
            request["fault"] = fault
            return self.send_fault(request, api, fault)
        if "standin:echo-secrets" in prompt:
            return self.echo_secrets(request, api)
        if self.should_throttle(request["bodySha256"]):
            if api == "openai":
                return self.answer(request, 429, {"error": {"message": "Rate limit reached for requests", "type": "requests",
                                                            "code": "rate_limit_exceeded"}})
            return self.bedrock_error(request, 429, "ThrottlingException", "Too many requests, please wait before trying again.")
        if "standin:server-error" in prompt:
            return self.bedrock_error(request, 500, "InternalServerException", "The stand-in was asked to fail.")
        text, stop = self.story(prompt, api, model)
        usage_in, usage_out = (len(prompt) + 3) // 4, (len(text) + 3) // 4
        if api == "invoke":
            answer = {"id": "msg_standin", "type": "message", "role": "assistant", "model": model,
                      "content": [{"type": "text", "text": text}], "stop_reason": "max_tokens" if stop else "end_turn",
                      "usage": {"input_tokens": usage_in, "output_tokens": usage_out}}
        elif api == "converse":
            answer = {"output": {"message": {"role": "assistant", "content": [{"text": text}]}},
                      "stopReason": "max_tokens" if stop else "end_turn",
                      "usage": {"inputTokens": usage_in, "outputTokens": usage_out, "totalTokens": usage_in + usage_out},
                      "metrics": {"latencyMs": 1}}
        else:
            answer = {"id": "chatcmpl-standin", "object": "chat.completion", "model": model,
                      "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                   "finish_reason": "length" if stop else "stop"}],
                      "usage": {"prompt_tokens": usage_in, "completion_tokens": usage_out, "total_tokens": usage_in + usage_out}}
        return self.answer(request, 200, answer)

    def prompt(self, api, body):
        """The user prompt of a request body, or a reason the body is malformed."""
        try:
            if api == "invoke":
                if body.get("anthropic_version") != "bedrock-2023-05-31" or not isinstance(body.get("max_tokens"), int):
                    return None, "anthropic_version and max_tokens are required"
                content = body["messages"][0]["content"]
                return (content if isinstance(content, str) else "".join(part["text"] for part in content)), None
            if api == "converse":
                if not isinstance(body.get("inferenceConfig", {}).get("maxTokens"), int):
                    return None, "inferenceConfig.maxTokens is required"
                return "".join(part["text"] for part in body["messages"][0]["content"]), None
            if not body.get("model") or not isinstance(body.get("max_tokens"), int):
                return None, "model and max_tokens are required"
            return body["messages"][-1]["content"], None
        except (KeyError, IndexError, TypeError):
            return None, "messages[0].content is missing"

    def story(self, prompt, api, model):
        """A small story about the trip in the prompt: (text, stopped at the token limit)."""
        facts = facts_in(prompt)
        title = facts.get("title", "A trip")
        covers = facts.get("coverChoices") or [{}]
        posts = facts.get("posts") or []
        lines = [f"## Notes from {api}", "", f"Drafted by {model} from {len(prompt)} characters of prompt."]
        if posts:
            lines += ["", "Posts: " + "; ".join(post.get("title") or post.get("date", "") for post in posts) + "."]
        cover = f'cover: "{covers[0]["id"]}"\n' if covers[0].get("id") else ""
        front = f'---\ntitle: "{title} (stand-in)"\nsummary: "Drafted by the stand-in."\n{cover}tags: ["Stand-in", "{api}"]\nmood: "made up"\n---\n'
        if "standin:bad-front-matter" in prompt:
            front = '---\ntitle: [unclosed\ntags: 3\n---\n'
        if "standin:alias-bomb" in prompt:
            levels = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
            for level in "bcdef":
                previous = chr(ord(level) - 1)
                levels.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 6) + "]")
            front = front.replace("mood:", "\n".join(levels) + "\nmood:")
        if "standin:echo-facts" in prompt:
            # JSON strings are YAML double-quoted scalars: the text comes back exactly, hostile or not.
            tags = [facts.get("title", "")] + [post.get("title") or "" for post in posts][:3]
            front = ("---\ntitle: " + json.dumps(facts.get("title", "")) + "\nsummary: " + json.dumps(facts.get("description", ""))
                     + "\n" + cover + "tags: " + json.dumps(tags) + "\n---\n")
            lines = ["## " + facts.get("title", ""), "", facts.get("description", "")]
            for post in posts:
                lines += ["", "### " + (post.get("title") or ""), "", post.get("text") or post.get("content") or ""]
                lines += ["> " + caption for caption in post.get("photos") or [] if isinstance(caption, str)]
        if "standin:huge-story" in prompt:
            lines += ["", "All work and no play makes a long story. " * (2 * 1024 * 1024 // 41)]
        if "standin:huge-body" in prompt:
            lines += ["", "x" * (9 * 1024 * 1024)]
        text = front + "\n".join(lines) + "\n"
        if "standin:fenced" in prompt:
            text = "```markdown\n" + text + "```\n"
        return text, "standin:truncate" in prompt

    def should_throttle(self, body_hash):
        every = self.server.options.throttle_every
        if not every:
            return False
        with self.server.lock:
            seen = self.server.__dict__.setdefault("bodies_seen", set())
            if body_hash in seen:
                return False
            seen.add(body_hash)
            return len(seen) % every == 0

    # MARK: - Faults

    FAULT_KINDS = ["429", "500", "503", "throttling-400", "drop", "drop-mid-body", "stall", "retry-after-huge",
                   "retry-after-negative", "retry-after-garbage"]

    def fault(self, body_hash):
        """The fault this attempt of this body gets under --faults, or None."""
        options = self.server.options
        if not options.faults:
            return None
        with self.server.lock:
            attempts = self.server.__dict__.setdefault("attempts", {})
            attempts[body_hash] = attempts.get(body_hash, 0) + 1
            attempt = attempts[body_hash]
        digest = hashlib.sha256(f"{options.fault_seed}:{body_hash}:{attempt}".encode()).digest()
        if int.from_bytes(digest[:4], "big") / 2**32 >= options.faults:
            return None
        kinds = options.fault_kinds.split(",") if options.fault_kinds else self.FAULT_KINDS
        with self.server.lock:
            turn = self.server.__dict__.get("faults_sent", 0)
            self.server.faults_sent = turn + 1
        return kinds[turn % len(kinds)]

    def send_fault(self, request, api, fault):
        def error(status, code, message, headers=()):
            if api == "openai":
                self.record_model_request(request, status)
                body = {"error": {"message": message, "type": code, "code": code}}
                return self.send_json(status, body, list(headers))
            headers = [("x-amzn-ErrorType", f"{code}:http://internal.amazon.com/coral/com.amazon.bedrock/"),
                       ("x-amzn-RequestId", "standin-request"), *headers]
            self.record_model_request(request, status)
            return self.send_json(status, {"message": message}, headers)

        if fault == "429":
            return error(429, "ThrottlingException", "Too many requests, please wait before trying again.")
        if fault == "throttling-400":
            return error(400, "ThrottlingException", "Rate exceeded.")
        if fault == "500":
            return error(500, "InternalServerException", "The stand-in failed on purpose.")
        if fault == "503":
            return error(503, "ServiceUnavailableException", "The stand-in is unavailable on purpose.")
        if fault.startswith("retry-after-"):
            value = {"huge": "1e300", "negative": "-1", "garbage": "soon, maybe"}[fault[len("retry-after-"):]]
            return error(429, "ThrottlingException", "Slow down.", [("Retry-After", value)])
        self.record_model_request(request, 0)
        self.close_connection = True
        if fault == "stall":
            time.sleep(self.server.options.stall_seconds)
            return self.send_json(500, {"message": "too late"})
        if fault == "drop-mid-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"content": [')
            self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def echo_secrets(self, request, api):
        """An error quoting back everything the request carried, as some proxies do: a retryable
        500 for the first attempt of a body, a final 400 for the next."""
        with self.server.lock:
            echoed = self.server.__dict__.setdefault("echoed", set())
            first = request["bodySha256"] not in echoed
            echoed.add(request["bodySha256"])
        status, code = (500, "InternalServerException") if first else (400, "ValidationException")
        headers = {name.lower(): value for name, value in request["headers"]}
        quoted = "; ".join(f"{name}: {value}" for name, value in request["headers"])
        token = headers.get("x-amz-security-token", "")
        authorization = headers.get("authorization", "")
        self.record_model_request(request, status)
        if api == "openai":
            return self.send_json(status, {"error": {"message": f"upstream said no to {quoted}", "type": f"{code} {token}",
                                                     "code": authorization}})
        self.send_json(status, {"message": f"upstream said no to {quoted}"},
                       [("x-amzn-ErrorType", f"{code}{token}:http://internal.amazon.com/"),
                        ("x-amzn-RequestId", f"echo {authorization} {token}")])

    # MARK: - Sending and logging

    def malformed(self, request, api, reason):
        if api == "openai":
            return self.answer(request, 400, {"error": {"message": reason, "type": "invalid_request_error", "code": None}})
        return self.bedrock_error(request, 400, "ValidationException", f"Malformed input request: {reason}")

    def bedrock_error(self, request, status, code, message):
        headers = [("x-amzn-ErrorType", f"{code}:http://internal.amazon.com/coral/com.amazon.bedrock/"),
                   ("x-amzn-RequestId", "standin-request")]
        self.record_model_request(request, status)
        self.send_json(status, {"message": message}, headers)

    def answer(self, request, status, value):
        self.record_model_request(request, status)
        self.send_json(status, value)

    def record_model_request(self, request, status):
        path = self.server.options.log
        if not path:
            return
        entry = {"api": request.get("api"), "model": request.get("model"), "method": request["method"],
                 "path": request["path"], "status": status, "verified": request.get("verified"),
                 "verifyError": request.get("verifyError"), "body": request["body"].decode("utf-8", "replace"),
                 "prompt": request.get("prompt"), "fault": request.get("fault")}
        with self.server.lock:
            with open(path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry) + "\n")


def facts_in(prompt):
    """The first line of the prompt that is a JSON object: the trip facts the template put there."""
    for line in prompt.splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return {}


def add_options(parser):
    parser.add_argument("--openai-key", help="the bearer key /v1/chat/completions accepts")
    parser.add_argument("--log", help="a file to append a JSON line per model request to")
    parser.add_argument("--throttle-every", type=int, default=0, help="throttle once every Nth new request with 429")
    parser.add_argument("--faults", type=float, default=0, help="the share of model requests answered with a fault")
    parser.add_argument("--fault-kinds", default="", help="comma-separated kinds of fault (default: all)")
    parser.add_argument("--fault-seed", default="0", help="which attempts get faults")
    parser.add_argument("--stall-seconds", type=float, default=3, help="how long a stall fault waits")
    parser.add_argument("--answer-delay", type=float, default=0, help="seconds to wait before every model answer")


if __name__ == "__main__":
    serve(ModelStandinHandler, parse_options(__doc__, add_options))
