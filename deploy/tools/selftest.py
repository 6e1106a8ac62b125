"""Proves deploy/validate can fail: copies deploy/, plants one defect at a time, runs the
validator on the copy and expects it to fail naming the defect."""

import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

# (what is planted, file, text replaced, replacement, what the failure must mention)
DEFECTS = [
    ("Kubernetes: an unknown field", "kubernetes/cronjob.yaml",
     "imagePullPolicy: IfNotPresent", "imagePullPolcy: IfNotPresent", "imagePullPolcy"),
    ("Kubernetes: a wrong type", "kubernetes/cronjob.yaml",
     "completions: 4", "completions: four", "'four' is not of type"),
    ("Kubernetes: a required field missing", "kubernetes/optional/finalize-job.yaml",
     "        - name: tmp\n          emptyDir:", "        - emptyDir:", "'name' is a required property"),
    ("Kubernetes: a value outside the API's enum", "kubernetes/cronjob.yaml",
     "concurrencyPolicy: Forbid", "concurrencyPolicy: Forbidden", "'Forbidden' is not one of"),
    ("Kubernetes: FailIndex without backoffLimitPerIndex", "kubernetes/cronjob.yaml",
     "      backoffLimitPerIndex: 2\n", "", "FailIndex needs backoffLimitPerIndex"),
    ("Kubernetes: N shards but other completions", "kubernetes/cronjob.yaml",
     "completions: 4", "completions: 3", "differ"),
    ("Kubernetes: a pod Pod Security 'restricted' refuses", "kubernetes/cronjob.yaml",
     "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false"),
    ("Batch: a wrong type", "aws-batch/submit-array.json",
     '"size": 4', '"size": "4"', "Invalid type for parameter arrayProperties.size"),
    ("Batch: an unknown key", "aws-batch/job-definition.json",
     '"readonlyRootFilesystem"', '"readOnlyRootFilesystem"', "Unknown parameter in containerProperties"),
    ("Batch: a required member missing", "aws-batch/submit-finalize.json",
     '"jobQueue": "tabi-fargate",', "", "Missing required parameter"),
    ("Batch: a value outside the model's enum", "aws-batch/job-definition.json",
     '"platformCapabilities": ["FARGATE"]', '"platformCapabilities": ["FARGATE_SPOT"]', "'FARGATE_SPOT' is not one of"),
    ("Batch: a size Fargate does not run", "aws-batch/job-definition.json",
     '{"type": "MEMORY", "value": "6144"}', '{"type": "MEMORY", "value": "3000"}', "is not a Fargate size"),
    ("Batch: the finalize job not waiting for the shards", "aws-batch/submit-finalize.json",
     '"dependsOn": [{"jobId": "ARRAY_JOB_ID"}],', "", "dependsOn must be the array job"),
    ("submit: the run id not filled in", "aws-batch/submit",
     'sed "s/ARRAY_JOB_ID/$run/g" "$here/submit-finalize.json"', 'cat "$here/submit-finalize.json"',
     "TABI_RUN_ID"),
    ("Dockerfile: a hadolint rule broken", "Dockerfile",
     "# hadolint ignore=DL3008\n", "", "DL3008"),
    ("Dockerfile: running as root", "Dockerfile",
     "USER 10001:10001", "USER root", "DL3002"),
    ("an option not listed in nightly-flags", "kubernetes/cronjob.yaml",
     '                - "4"\n', '                - "4"\n                - --report\n                - /tmp/report.json\n', "update nightly-flags"),
]


def broken_copy(deploy_root, file, old, new):
    """A copy of the repository's deploy/ (beside links to Themes and tabi.yml) with one edit."""
    repository = tempfile.mkdtemp(prefix="tabi-deploy-selftest-")
    shutil.copytree(deploy_root, os.path.join(repository, "deploy"), ignore=shutil.ignore_patterns("__pycache__"))
    for shared in ("Themes", "tabi.yml"):
        os.symlink(os.path.join(os.path.dirname(deploy_root), shared), os.path.join(repository, shared))
    path = os.path.join(repository, "deploy", file)
    with open(path) as handle:
        text = handle.read()
    if text.count(old) != 1:
        shutil.rmtree(repository)
        raise AssertionError(f"the self-test cannot plant its defect: {old!r} is not once in {file}")
    with open(path, "w") as handle:
        handle.write(text.replace(old, new))
    return repository


def attempt(deploy_root, validate_script, defect, keep):
    """Validates one broken copy; returns (caught, the lines that say so)."""
    description, file, old, new, expected = defect
    repository = broken_copy(deploy_root, file, old, new)
    try:
        result = subprocess.run([sys.executable, validate_script, "--root", os.path.join(repository, "deploy")],
                                capture_output=True, text=True, timeout=300)
    finally:
        if not keep:
            shutil.rmtree(repository)
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    matching = [line for line in failures if expected in line]
    if result.returncode != 0 and matching:
        lines = [f"caught {description} ({file}): {matching[0]}"]
    else:
        lines = [f"MISSED {description} ({file})",
                 f"  expected a failure mentioning {expected!r}; exit {result.returncode}; it said:"]
        lines += ["  " + line for line in (result.stdout + result.stderr).splitlines()[-15:]]
    if keep:
        lines.append(f"  kept {repository}")
    return bool(matching) and result.returncode != 0, lines


def run(deploy_root, validate_script, keep=False):
    """Runs every planted defect (a few at once); returns the number the validator missed."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = pool.map(lambda defect: attempt(deploy_root, validate_script, defect, keep), DEFECTS)
        missed = 0
        for caught, lines in outcomes:
            print("\n".join(lines), flush=True)
            missed += not caught
    return missed
