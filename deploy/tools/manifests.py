"""The shipped deploy files, loaded, and the tabi-press container each one starts."""

import json
import os
from dataclasses import dataclass, field

import yaml

from . import image as image_module

DEPLOY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Deploy:
    """Every file under one copy of deploy/ (the shipped one, or a test's broken copy)."""
    root: str

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def relative(self, path):
        return os.path.relpath(path, self.root)

    def kubernetes_files(self):
        """Every Kubernetes manifest: kubernetes/*.yaml and kubernetes/optional/*.yaml."""
        found = []
        for folder, _, names in sorted(os.walk(self.path("kubernetes"))):
            found += [os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
        return found

    def kubernetes_documents(self):
        """(file, document) for every YAML document of every manifest."""
        for file in self.kubernetes_files():
            with open(file) as handle:
                for document in yaml.safe_load_all(handle):
                    if document is not None:
                        yield file, document

    def kubernetes_object(self, kind, relative):
        for file, document in self.kubernetes_documents():
            if document.get("kind") == kind and file == self.path("kubernetes", relative):
                return document
        raise LookupError(f"no {kind} in kubernetes/{relative}")

    def batch(self, name):
        """One of aws-batch/*.json."""
        with open(self.path("aws-batch", name)) as handle:
            return json.load(handle)

    def image(self):
        with open(self.path("Dockerfile")) as handle:
            return image_module.parse(handle.read())


@dataclass
class Worker:
    """One tabi-press container as an engine starts it: its command line and the environment
    its spec sets (before the engine's own variables and the image's)."""
    source: str
    argv_spec: list
    env_spec: list = field(default_factory=list)
    parameters: dict = field(default_factory=dict)


def pod_template(document):
    """The pod template of a CronJob or Job."""
    if document["kind"] == "CronJob":
        return document["spec"]["jobTemplate"]["spec"]["template"]
    return document["spec"]["template"]


def job_spec(document):
    if document["kind"] == "CronJob":
        return document["spec"]["jobTemplate"]["spec"]
    return document["spec"]


def tabi_container(document):
    for container in pod_template(document)["spec"]["containers"]:
        if container["name"] == "tabi-press":
            return container
    raise LookupError(f"{document['kind']} {document['metadata'].get('name')} has no container named tabi-press")


def kubernetes_worker(deploy, relative="cronjob.yaml", kind="CronJob"):
    document = deploy.kubernetes_object(kind, relative)
    container = tabi_container(document)
    image = deploy.image()
    argv = container.get("command", image.entrypoint) + container.get("args", [] if "command" in container else image.cmd)
    return Worker(source=f"kubernetes/{relative}", argv_spec=argv, env_spec=container.get("env", []))


def batch_worker(deploy, submit="submit-array.json"):
    """The container a Batch SubmitJob starts: the job definition with the submission's overrides."""
    definition = deploy.batch("job-definition.json")
    submission = deploy.batch(submit)
    container = definition["containerProperties"]
    overrides = submission.get("containerOverrides", {})
    image = deploy.image()
    # Batch's command replaces the image's CMD, never its ENTRYPOINT.
    command = overrides.get("command", container.get("command", image.cmd))
    parameters = dict(definition.get("parameters", {}))
    parameters.update(submission.get("parameters", {}))
    env = list(container.get("environment", []))
    names = {entry["name"] for entry in overrides.get("environment", [])}
    env = [entry for entry in env if entry["name"] not in names] + list(overrides.get("environment", []))
    env += [{"name": s["name"], "secretFrom": s["valueFrom"]} for s in container.get("secrets", [])]
    return Worker(source=f"aws-batch/{submit}", argv_spec=image.entrypoint + command, env_spec=env,
                  parameters=parameters)


def substitute_batch_parameters(argv, parameters):
    """Batch replaces an argument that is exactly Ref::name with the parameter's value."""
    return [parameters.get(a[5:], a) if a.startswith("Ref::") else a for a in argv]


def tabi_arguments(argv):
    """The arguments after the tabi-press executable."""
    return argv[1:] if argv and os.path.basename(argv[0]) == "tabi-press" else argv


def option_value(arguments, name):
    """The value given to --name in a command line, or None."""
    for index, argument in enumerate(arguments):
        if argument == name and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith(name + "="):
            return argument[len(name) + 1:]
    return None


def finalize_command(worker_arguments):
    """A shard's command line turned into the finalize step's: no shard options, --finalize."""
    result, skip = [], False
    for argument in worker_arguments:
        if skip:
            skip = False
        elif argument == "--shards":
            skip = True
        elif argument != "--no-auto-finalize":
            result.append(argument)
    return result + ["--finalize"]
