"""What the runtime image gives every container: read from deploy/Dockerfile's last stage."""

import json
import re
import shlex
from dataclasses import dataclass, field


@dataclass
class Image:
    """The parts of an image's config a container starts from."""
    entrypoint: list = field(default_factory=list)
    cmd: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    workdir: str = "/"
    user: str = "root"
    apt_packages: list = field(default_factory=list)
    copies: list = field(default_factory=list)


def instructions(text):
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined and
    comments (hadolint pragmas included) left out."""
    logical, pending = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    if pending:
        logical.append(pending)
    result = []
    for entry in logical:
        keyword, _, rest = entry.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def _exec_form(arguments):
    try:
        value = json.loads(arguments)
    except json.JSONDecodeError:
        return ["/bin/sh", "-c", arguments]
    return value if isinstance(value, list) else ["/bin/sh", "-c", arguments]


def parse(text):
    """The image the last stage of a Dockerfile builds (only what a container's start needs)."""
    image = Image()
    for keyword, arguments in instructions(text):
        if keyword == "FROM":
            image = Image()
        elif keyword == "ENTRYPOINT":
            image.entrypoint = _exec_form(arguments)
            image.cmd = []
        elif keyword == "CMD":
            image.cmd = _exec_form(arguments)
        elif keyword == "ENV":
            words = shlex.split(arguments)
            if words and "=" not in words[0]:
                image.env[words[0]] = " ".join(words[1:])
            else:
                for word in words:
                    name, _, value = word.partition("=")
                    image.env[name] = value
        elif keyword == "WORKDIR":
            image.workdir = arguments
        elif keyword == "USER":
            image.user = arguments
        elif keyword == "COPY":
            words = [w for w in shlex.split(arguments) if not w.startswith("--")]
            image.copies.append((words[:-1], words[-1]))
        elif keyword == "RUN":
            match = re.search(r"apt-get install ([^&;|]*)", arguments)
            if match:
                image.apt_packages += [w for w in match.group(1).split() if not w.startswith("-")]
    return image
