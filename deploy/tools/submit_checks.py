"""deploy/aws-batch/submit, run against a stand-in `aws` that records each request: the requests
it would send (the JSON file merged with the command-line overrides, as the aws CLI merges them)
must pass botocore's SubmitJob validation and chain the finalize job to the array job."""

import json
import os
import shutil
import subprocess
import tempfile

from .batch_checks import ARRAY_JOB_PLACEHOLDER, botocore_problems

STAND_IN = r'''#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
entry = {"args": args}
if "--cli-input-json" in args:
    with open(args[args.index("--cli-input-json") + 1][len("file://"):]) as handle:
        entry["input"] = json.load(handle)
with open(os.environ["AWS_STAND_IN_LOG"], "a") as log:
    log.write(json.dumps(entry) + "\n")
with open(os.environ["AWS_STAND_IN_LOG"]) as log:
    print("4d3c2b1a-0000-4000-8000-%012d" % sum(1 for _ in log))
'''


def request(entry):
    """The SubmitJob request the aws CLI sends for one recorded call: --cli-input-json, then each
    option given on the command line in its place."""
    params = dict(entry.get("input", {}))
    args = entry["args"]
    index = 2
    while index < len(args):
        option = args[index]
        value = args[index + 1] if index + 1 < len(args) else None
        if option == "--job-queue":
            params["jobQueue"] = value
        elif option == "--array-properties":
            params["arrayProperties"] = {"size": int(value.split("=", 1)[1])}
        elif option == "--parameters":
            params["parameters"] = dict(pair.split("=", 1) for pair in value.split(","))
        elif option == "--depends-on":
            params["dependsOn"] = json.loads(value)
        index += 2
    return params


def run_submit(deploy, *arguments):
    folder = tempfile.mkdtemp(prefix="tabi-submit-")
    try:
        stand_in = os.path.join(folder, "aws")
        with open(stand_in, "w") as handle:
            handle.write(STAND_IN)
        os.chmod(stand_in, 0o755)
        log = os.path.join(folder, "calls")
        env = dict(os.environ, AWS=stand_in, AWS_STAND_IN_LOG=log)
        result = subprocess.run([deploy.path("aws-batch", "submit"), *arguments], env=env,
                                capture_output=True, text=True, timeout=60)
        calls = [json.loads(line) for line in open(log)] if os.path.exists(log) else []
        return result, calls
    finally:
        shutil.rmtree(folder)


def run_id(params):
    return {e["name"]: e["value"] for e in params.get("containerOverrides", {}).get("environment", [])}.get("TABI_RUN_ID")


def submit_problems(deploy):
    problems = []
    result, calls = run_submit(deploy, "--shards", "3", "--queue", "tabi-other")
    if result.returncode != 0 or len(calls) != 2:
        return [f"submit --shards 3 exited {result.returncode} after {len(calls)} aws calls: {result.stderr.strip()}"]
    array, finalize = request(calls[0]), request(calls[1])
    array_id = "4d3c2b1a-0000-4000-8000-000000000001"
    problems += [f"array request: {p}" for p in botocore_problems(array, "SubmitJob")]
    problems += [f"finalize request: {p}" for p in botocore_problems(finalize, "SubmitJob")]
    if array.get("arrayProperties") != {"size": 3} or array.get("parameters", {}).get("shards") != "3":
        problems.append(f"submit --shards 3 sent arrayProperties {array.get('arrayProperties')} and parameters {array.get('parameters')}")
    if {array.get("jobQueue"), finalize.get("jobQueue")} != {"tabi-other"}:
        problems.append("submit --queue did not send both jobs to that queue")
    if finalize.get("dependsOn") != [{"jobId": array_id}] or run_id(finalize) != array_id:
        problems.append(f"the finalize job does not wait for and name the array job {array_id}: "
                        f"dependsOn {finalize.get('dependsOn')}, TABI_RUN_ID {run_id(finalize)}")
    if ARRAY_JOB_PLACEHOLDER in json.dumps(finalize):
        problems.append(f"the finalize request still holds {ARRAY_JOB_PLACEHOLDER}")
    if f"array job: {array_id}" not in result.stdout:
        problems.append("submit does not print the array job's id")
    result, calls = run_submit(deploy, "--finalize-only", "run-7")
    finalize = request(calls[0]) if calls else {}
    if result.returncode != 0 or len(calls) != 1 or finalize.get("dependsOn") != [] or run_id(finalize) != "run-7":
        problems.append(f"submit --finalize-only run-7: exit {result.returncode}, {len(calls)} calls, "
                        f"dependsOn {finalize.get('dependsOn')}, TABI_RUN_ID {run_id(finalize)}")
    for bad in (["--shards", "1"], ["--shards", "x"], ["--finalize-only", "a;b"], ["--bogus"]):
        result, calls = run_submit(deploy, *bad)
        if result.returncode == 0 or calls:
            problems.append(f"submit {' '.join(bad)} was not refused before calling aws")
    return problems


def shellcheck_problems(script):
    binary = shutil.which("shellcheck")
    if not binary:
        return ["shellcheck is not installed (apt-get install shellcheck, or run scripts/install-deps test)"]
    result = subprocess.run([binary, "--format=gcc", script], capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line.strip()] if result.returncode else []
