"""The binary the image carries needs only what the image installs: each shared library it
links directly must belong to a Debian package the Dockerfile installs, one they depend on, or
one debian:12-slim already has. A Swift runtime library (libswiftCore.so, libFoundation.so) means
the binary was not built with --static-swift-stdlib."""

import os
import re
import subprocess

# Packages debian:12-slim has before any install (apt itself needs them).
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6"}


def needed(binary):
    """The sonames the binary names directly (DT_NEEDED)."""
    output = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", output)


def resolved(binary):
    """soname → the file the loader finds, as ldd prints it."""
    output = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    found = {m.group(1): m.group(2) for m in re.finditer(r"^\s*(\S+) => (\S+)", output, re.M)}
    # The dynamic loader is listed by its path alone.
    found.update({os.path.basename(m.group(1)): m.group(1) for m in re.finditer(r"^\s*(/\S+) \(", output, re.M)})
    return found


def package_of(path):
    for candidate in (path, os.path.realpath(path)):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    return None


def closure(packages):
    """The packages apt installs for `packages` (Depends and Pre-Depends, nothing recommended)."""
    output = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
                             "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *packages],
                            capture_output=True, text=True, check=True).stdout
    return {line.split(":")[0] for line in output.splitlines() if line and not line.startswith(" ")}


def runtime_library_problems(binary, image):
    problems = []
    available = closure(image.apt_packages) | BASE_PACKAGES
    paths = resolved(binary)
    for soname in needed(binary):
        path = paths.get(soname)
        if soname.startswith(("libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime")):
            problems.append(f"{soname}: a Swift runtime library; build with --static-swift-stdlib")
        elif path is None or path == "not":
            problems.append(f"{soname}: not found on this machine")
        elif package_of(path) is None:
            problems.append(f"{soname} ({path}): belongs to no Debian package")
        elif package_of(path) not in available:
            problems.append(f"{soname}: from {package_of(path)}, which the Dockerfile does not install")
    return problems
