"""Kubernetes manifests: the API's JSON schema (strict: unknown fields and wrong types fail), then
the API server's own rules for the fields used here, which no schema carries (enums, cross-field
rules, Pod Security "restricted"), then how the manifests fit together and fit tabi-press."""

import os
import re
import zoneinfo

import yaml

from .manifests import finalize_command, job_spec, option_value, pod_template, tabi_arguments, tabi_container

KUBERNETES_VERSION = "1.33"

QUANTITY = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$")
SUFFIX = {None: 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
          "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
FIELD_PATHS = re.compile(r"^(metadata\.(name|namespace|uid)|spec\.(nodeName|serviceAccountName)"
                         r"|status\.(hostIP|hostIPs|podIP|podIPs)|metadata\.(labels|annotations)\['[^']+'\])$")
CRON_FIELD = re.compile(r"^(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?)*$")
RUN_ID_PATH = "metadata.labels['batch.kubernetes.io/job-name']"


def schema_problems(document):
    """Validates against the Kubernetes API's JSON schema, strict."""
    import kubernetes_validate
    try:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        where = ".".join(str(p) for p in error.path) or "(top)"
        return [f"{where}: {error.message}"]
    except kubernetes_validate.SchemaNotFoundError as error:
        return [error.message]
    return []


def quantity(value):
    match = QUANTITY.match(str(value))
    return float(match.group(1)) * SUFFIX[match.group(2)] if match else None


def enum(problems, where, value, allowed):
    if value is not None and value not in allowed:
        problems.append(f"{where}: {value!r} is not one of {', '.join(allowed)}")


def pod_problems(spec, in_job):
    """The API server's rules for a pod spec, and Pod Security 'restricted'."""
    problems = []
    volumes = {v["name"] for v in spec.get("volumes", [])}
    if in_job:
        enum(problems, "restartPolicy", spec.get("restartPolicy"), ["Never", "OnFailure"])
        if "restartPolicy" not in spec:
            problems.append("restartPolicy: a Job's pods need Never or OnFailure (the default Always is refused)")
    pod_context = spec.get("securityContext", {})
    if pod_context.get("seccompProfile", {}).get("type") not in ("RuntimeDefault", "Localhost"):
        problems.append("securityContext.seccompProfile.type: restricted pods need RuntimeDefault or Localhost")
    names = [c["name"] for c in spec["containers"]]
    if len(set(names)) != len(names):
        problems.append("containers: names repeat")
    for container in spec["containers"]:
        where = f"containers[{container['name']}]"
        enum(problems, f"{where}.imagePullPolicy", container.get("imagePullPolicy"), ["Always", "Never", "IfNotPresent"])
        context = container.get("securityContext", {})
        if not (context.get("runAsNonRoot", pod_context.get("runAsNonRoot")) is True):
            problems.append(f"{where}: restricted pods need runAsNonRoot: true")
        if context.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{where}: restricted pods need allowPrivilegeEscalation: false")
        if "ALL" not in context.get("capabilities", {}).get("drop", []):
            problems.append(f"{where}: restricted pods drop ALL capabilities")
        for mount in container.get("volumeMounts", []):
            if mount["name"] not in volumes:
                problems.append(f"{where}.volumeMounts: {mount['name']} is not a volume of the pod")
        env_names = [e["name"] for e in container.get("env", [])]
        if len(set(env_names)) != len(env_names):
            problems.append(f"{where}.env: a name repeats")
        for entry in container.get("env", []):
            field = entry.get("valueFrom", {}).get("fieldRef")
            if field and not FIELD_PATHS.match(field["fieldPath"]):
                problems.append(f"{where}.env[{entry['name']}]: fieldPath {field['fieldPath']} is not one the API supports")
        resources = container.get("resources", {})
        for kind, amounts in list(resources.get("requests", {}).items()) + list(resources.get("limits", {}).items()):
            if quantity(amounts) is None:
                problems.append(f"{where}.resources: {kind}: {amounts!r} is not a quantity")
        for kind, limit in resources.get("limits", {}).items():
            request = resources.get("requests", {}).get(kind)
            if request is not None and None not in (quantity(request), quantity(limit)) and quantity(request) > quantity(limit):
                problems.append(f"{where}.resources: the {kind} request is above its limit")
    return problems


def job_problems(spec):
    """The API server's rules for a Job spec's completion mode, retries and failure policy."""
    problems = []
    mode = spec.get("completionMode", "NonIndexed")
    enum(problems, "completionMode", mode, ["NonIndexed", "Indexed"])
    if mode == "Indexed" and "completions" not in spec:
        problems.append("completionMode: Indexed needs completions")
    if "backoffLimitPerIndex" in spec and mode != "Indexed":
        problems.append("backoffLimitPerIndex: only with completionMode: Indexed")
    template = spec["template"]["spec"]
    containers = {c["name"] for c in template["containers"]}
    policy = spec.get("podFailurePolicy")
    if policy and template.get("restartPolicy") != "Never":
        problems.append("podFailurePolicy: only with the pods' restartPolicy: Never")
    for index, rule in enumerate((policy or {}).get("rules", [])):
        where = f"podFailurePolicy.rules[{index}]"
        enum(problems, f"{where}.action", rule.get("action"), ["FailJob", "FailIndex", "Ignore", "Count"])
        if rule.get("action") == "FailIndex" and "backoffLimitPerIndex" not in spec:
            problems.append(f"{where}: FailIndex needs backoffLimitPerIndex")
        if ("onExitCodes" in rule) == ("onPodConditions" in rule):
            problems.append(f"{where}: exactly one of onExitCodes and onPodConditions")
        codes = rule.get("onExitCodes")
        if codes:
            enum(problems, f"{where}.onExitCodes.operator", codes.get("operator"), ["In", "NotIn"])
            values = codes.get("values", [])
            if values != sorted(set(values)):
                problems.append(f"{where}.onExitCodes.values: must be sorted and unique")
            if codes.get("operator") == "In" and 0 in values:
                problems.append(f"{where}.onExitCodes.values: In cannot list 0")
            if codes.get("containerName") not in (None, *containers):
                problems.append(f"{where}.onExitCodes.containerName: no container {codes.get('containerName')}")
        for condition in rule.get("onPodConditions", []):
            enum(problems, f"{where}.onPodConditions.status", condition.get("status"), ["True", "False", "Unknown"])
    return problems


def cronjob_problems(document):
    problems = []
    spec = document["spec"]
    if len(document["metadata"]["name"]) > 52:
        problems.append("metadata.name: a CronJob's name is at most 52 characters")
    enum(problems, "concurrencyPolicy", spec.get("concurrencyPolicy"), ["Allow", "Forbid", "Replace"])
    fields = spec["schedule"].split()
    if len(fields) != 5 or not all(CRON_FIELD.match(f) for f in fields):
        problems.append(f"schedule: {spec['schedule']!r} is not five cron fields")
    if "timeZone" in spec:
        try:
            zoneinfo.ZoneInfo(spec["timeZone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(f"timeZone: {spec['timeZone']!r} is not a time zone")
    return problems


def api_rule_problems(document):
    """The server-side rules for one object, by kind."""
    kind = document.get("kind")
    problems = []
    if kind == "CronJob":
        problems += cronjob_problems(document)
    if kind in ("CronJob", "Job"):
        problems += job_problems(job_spec(document))
        problems += pod_problems(pod_template(document)["spec"], in_job=True)
    if kind == "PersistentVolumeClaim":
        for mode in document["spec"].get("accessModes", []):
            enum(problems, "accessModes", mode, ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"])
    return problems


def fit_problems(deploy, image):
    """How the manifests fit each other, the image and tabi-press's command line."""
    problems = []
    objects = {}
    namespaces = set()
    for file, document in deploy.kubernetes_documents():
        objects.setdefault(document["kind"], {})[document["metadata"].get("name")] = (file, document)
        if document["kind"] != "Namespace":
            namespaces.add(document["metadata"].get("namespace"))
    if namespaces - set(objects.get("Namespace", {})):
        problems.append(f"namespaces {sorted(map(str, namespaces))} are not all shipped in namespace.yaml")
    for file, document in deploy.kubernetes_documents():
        if document["kind"] not in ("CronJob", "Job"):
            continue
        name = os.path.relpath(file, deploy.root)
        pod = pod_template(document)["spec"]
        container = tabi_container(document)
        arguments = tabi_arguments(container.get("command", image.entrypoint) + container.get("args", []))
        env = {e["name"]: e for e in container.get("env", [])}
        mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        if pod.get("serviceAccountName") not in objects.get("ServiceAccount", {}):
            problems.append(f"{name}: serviceAccountName {pod.get('serviceAccountName')} is not shipped")
        uid = image.user.split(":")[0]
        if str(pod.get("securityContext", {}).get("runAsUser")) != uid:
            problems.append(f"{name}: runAsUser is not the image's user {uid}")
        content = option_value(arguments, "--content")
        claim = volumes.get(mounts.get(content, {}).get("name"), {}).get("persistentVolumeClaim", {}).get("claimName")
        pvc = objects.get("PersistentVolumeClaim", {}).get(claim)
        if not pvc:
            problems.append(f"{name}: --content {content} is not a mounted PersistentVolumeClaim that is shipped")
        elif "ReadWriteMany" not in pvc[1]["spec"]["accessModes"]:
            problems.append(f"{name}: the content volume {claim} is not ReadWriteMany")
        config = option_value(arguments, "--config")
        config_volume = volumes.get(mounts.get(os.path.dirname(config or ""), {}).get("name"), {}).get("configMap", {})
        config_map = objects.get("ConfigMap", {}).get(config_volume.get("name"))
        if not config_map or os.path.basename(config) not in config_map[1].get("data", {}):
            problems.append(f"{name}: --config {config} is not a key of a shipped ConfigMap mounted at its folder")
        else:
            settings = yaml.safe_load(config_map[1]["data"][os.path.basename(config)])
            theme = (settings or {}).get("theme", "default")
            if not os.path.isdir(os.path.join(os.path.dirname(deploy.root), "Themes", theme)):
                problems.append(f"{name}: the ConfigMap's theme {theme} is not in Themes/")
        if container.get("securityContext", {}).get("readOnlyRootFilesystem") and image.env.get("TMPDIR", "/tmp") not in mounts:
            problems.append(f"{name}: a read-only root filesystem needs a volume at TMPDIR {image.env.get('TMPDIR', '/tmp')}")
        if "DATABASE_URL" not in env or "secretKeyRef" not in env["DATABASE_URL"].get("valueFrom", {}):
            problems.append(f"{name}: DATABASE_URL does not come from a Secret")
        if document["kind"] == "CronJob":
            spec = job_spec(document)
            shards = option_value(arguments, "--shards")
            if not (str(spec.get("completions")) == str(spec.get("parallelism")) == shards):
                problems.append(f"{name}: completions {spec.get('completions')}, parallelism {spec.get('parallelism')} "
                                f"and --shards {shards} differ")
            if spec.get("completionMode") != "Indexed":
                problems.append(f"{name}: the shards need completionMode: Indexed (JOB_COMPLETION_INDEX)")
            if env.get("TABI_RUN_ID", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != RUN_ID_PATH:
                problems.append(f"{name}: TABI_RUN_ID must come from {RUN_ID_PATH}")
            if document["spec"].get("concurrencyPolicy") != "Forbid":
                problems.append(f"{name}: two nights must never run at once (concurrencyPolicy: Forbid)")
            if "--no-auto-finalize" in arguments or "--finalize" in arguments:
                problems.append(f"{name}: the CronJob's shards finalize themselves (no --no-auto-finalize, no --finalize)")
        else:
            cronjob = next((d for f, d in deploy.kubernetes_documents() if d["kind"] == "CronJob"), None)
            nightly = tabi_container(cronjob) if cronjob else {}
            expected = finalize_command(tabi_arguments(nightly.get("command", image.entrypoint) + nightly.get("args", [])))
            if arguments != expected:
                problems.append(f"{name}: the command is not the CronJob's with --finalize: {arguments} != {expected}")
            if "TABI_RUN_ID" not in env:
                problems.append(f"{name}: the finalize step needs TABI_RUN_ID (the night's Job name)")
    return problems
