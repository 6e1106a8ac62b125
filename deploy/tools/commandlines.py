"""Every tabi-press command line the deploy files run, and the options they use: kept equal to
deploy/nightly-flags, and checked against `tabi-press nightly --help` when a binary is given."""

import re
import subprocess

from .manifests import batch_worker, kubernetes_worker, substitute_batch_parameters, tabi_arguments

FLAGS_FILE = "nightly-flags"


def command_lines(deploy):
    """(where, arguments after the executable) for each container the files start."""
    lines = []
    for relative, kind in (("cronjob.yaml", "CronJob"), ("optional/finalize-job.yaml", "Job")):
        worker = kubernetes_worker(deploy, relative, kind)
        lines.append((worker.source, tabi_arguments(worker.argv_spec)))
    for submit in ("submit-array.json", "submit-finalize.json"):
        worker = batch_worker(deploy, submit)
        lines.append((worker.source, tabi_arguments(substitute_batch_parameters(worker.argv_spec, worker.parameters))))
    return lines


def options(arguments):
    return [a.split("=", 1)[0] for a in arguments if a.startswith("-")]


def listed_flags(deploy):
    with open(deploy.path(FLAGS_FILE)) as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def flag_problems(deploy):
    problems = []
    used = set()
    for where, arguments in command_lines(deploy):
        if not arguments or arguments[0] != "nightly":
            problems.append(f"{where}: runs {arguments[:1]}, not tabi-press nightly")
        used.update(options(arguments))
    listed = listed_flags(deploy)
    if sorted(used) != listed:
        problems.append(f"{FLAGS_FILE} lists {listed} but the files use {sorted(used)}: update {FLAGS_FILE}")
    return problems


def binary_problems(deploy, binary, report):
    """Each listed option must appear in `binary nightly --help`. A binary without the nightly
    command yet (swift-argument-parser then prints the top-level help) is said so plainly, and
    checks nothing."""
    def run(*arguments):
        result = subprocess.run([binary, *arguments], capture_output=True, text=True, timeout=60)
        return result.returncode, result.stdout + result.stderr

    status, text = run("nightly", "--help")
    if not re.search(r"USAGE:\s*tabi-press nightly\b", text):
        _, top = run("--help")
        if re.search(r"^\s+nightly\s", top, re.M):
            return [f"{binary} has a nightly command but `nightly --help` (exit {status}) shows no usage: {text.strip()[:300]}"]
        report.note(f"{binary} has no nightly command yet: the options in {FLAGS_FILE} were not checked against it")
        return []
    return [f"tabi-press nightly --help does not mention {flag}" for flag in listed_flags(deploy)
            if not re.search(r"(^|[\s,\[(])" + re.escape(flag) + r"($|[\s,=\]<)])", text, re.M)]
