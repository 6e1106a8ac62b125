"""The exact environment and command line each engine gives one tabi-press container, built from
the shipped files: the image's ENV, what the platform adds (EKS Pod Identity, Fargate's task
metadata), what the engine adds (JOB_COMPLETION_INDEX, AWS_BATCH_*), then the manifest's own
variables, with secrets and field references given test values. A test runs N processes with
these to stand in for N shards."""

import re

from .manifests import batch_worker, kubernetes_worker, substitute_batch_parameters, tabi_arguments, option_value

# The PATH every Debian image's config carries.
DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_JOB_NAME = "tabi-nightly-29000000"
DEFAULT_JOB_ID = "0f5c2a8e-4b1d-4c3e-9a7f-2d6e8b1c0a01"
DEFAULT_FINALIZE_JOB_ID = "0f5c2a8e-4b1d-4c3e-9a7f-2d6e8b1c0a02"
REGION = "us-east-1"


def kubernetes_platform(job_name, index, indexed):
    """What the kubelet, the Job controller and EKS Pod Identity set in an EKS pod."""
    service = "10.100.0.1"
    env = {
        "HOSTNAME": f"{job_name}-{index}" if indexed else f"{job_name}-x7k2p",
        "KUBERNETES_SERVICE_HOST": service, "KUBERNETES_SERVICE_PORT": "443",
        "KUBERNETES_SERVICE_PORT_HTTPS": "443", "KUBERNETES_PORT": f"tcp://{service}:443",
        "KUBERNETES_PORT_443_TCP": f"tcp://{service}:443", "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
        "KUBERNETES_PORT_443_TCP_PORT": "443", "KUBERNETES_PORT_443_TCP_ADDR": service,
        # EKS Pod Identity's webhook, for a service account with an association; it leaves a
        # variable the pod sets itself alone.
        "AWS_STS_REGIONAL_ENDPOINTS": "regional", "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE":
            "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token",
    }
    engine = {"JOB_COMPLETION_INDEX": str(index)} if indexed else {}
    return env, engine


def batch_platform(job_id, own_id, index, size, attempt, queue):
    """What Fargate (the ECS agent) and AWS Batch set in a job's container."""
    task = "3c4d5e6f7a8b4c9d8e7f6a5b4c3d2e1f-1234567890"
    env = {
        "HOSTNAME": "ip-10-0-12-34.ec2.internal",
        "AWS_EXECUTION_ENV": "AWS_ECS_FARGATE", "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
        "ECS_AGENT_URI": f"http://169.254.170.2/api/{task}",
        "ECS_CONTAINER_METADATA_URI": f"http://169.254.170.2/v3/{task}",
        "ECS_CONTAINER_METADATA_URI_V4": f"http://169.254.170.2/v4/{task}",
    }
    engine = {"AWS_BATCH_CE_NAME": "tabi-fargate", "AWS_BATCH_JQ_NAME": queue,
              "AWS_BATCH_JOB_ATTEMPT": str(attempt)}
    if index is None:
        engine["AWS_BATCH_JOB_ID"] = own_id
    else:
        engine.update({"AWS_BATCH_JOB_ID": f"{job_id}:{index}", "AWS_BATCH_JOB_ARRAY_INDEX": str(index),
                       "AWS_BATCH_JOB_ARRAY_SIZE": str(size)})
    return env, engine


def expand_kubernetes(text, env):
    """Kubernetes' $(VAR) expansion in env values and args ($$ escapes, unknown names stay)."""
    return re.sub(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                  lambda m: "$" if m.group(0) == "$$" else env.get(m.group(1), m.group(0)), text)


def describe(deploy, engine, role="shard", index=0, job_name=DEFAULT_JOB_NAME, job_id=DEFAULT_JOB_ID,
             attempt=1, settings=(), unset=(), maps=()):
    """The container engine `engine` starts for `role` (shard K, or the finalize step)."""
    image = deploy.image()
    environment = {"PATH": DEBIAN_PATH, **image.env}
    origin = {name: "image" for name in environment}

    def put(name, value, source):
        environment[name] = value
        origin[name] = source

    if engine == "kubernetes":
        relative, kind = ("cronjob.yaml", "CronJob") if role == "shard" else ("optional/finalize-job.yaml", "Job")
        worker = kubernetes_worker(deploy, relative, kind)
        shards = int(option_value(tabi_arguments(worker.argv_spec), "--shards") or 1)
        platform, engine_env = kubernetes_platform(job_name, index, role == "shard")
        own = {e["name"] for e in worker.env_spec}
        for name, value in platform.items():
            if name not in own:
                put(name, value, "platform")
        for name, value in engine_env.items():
            put(name, value, "engine")
        for entry in worker.env_spec:
            source = entry.get("valueFrom", {})
            if "value" in entry:
                value = expand_kubernetes(entry["value"], environment)
                if role == "finalize" and entry["name"] == "TABI_RUN_ID":
                    value = job_name  # optional/finalize-job.yaml's placeholder: the night's Job name
                put(entry["name"], value, "manifest")
            elif "fieldRef" in source:
                path = source["fieldRef"]["fieldPath"]
                if path != "metadata.labels['batch.kubernetes.io/job-name']":
                    raise ValueError(f"{worker.source}: engine-env knows no test value for fieldRef {path}")
                put(entry["name"], job_name, "fieldRef")
            elif "secretKeyRef" in source:
                ref = source["secretKeyRef"]
                put(entry["name"], f"<secret {ref['name']}/{ref['key']}>", "secret")
            else:
                raise ValueError(f"{worker.source}: engine-env cannot give {entry['name']} a value")
        argv = [expand_kubernetes(a, environment) for a in worker.argv_spec]
    else:
        submit = "submit-array.json" if role == "shard" else "submit-finalize.json"
        worker = batch_worker(deploy, submit)
        queue = deploy.batch(submit)["jobQueue"]
        shards = int(deploy.batch("submit-array.json")["arrayProperties"]["size"])
        platform, engine_env = batch_platform(job_id, DEFAULT_FINALIZE_JOB_ID, index if role == "shard" else None,
                                              shards, attempt, queue)
        for name, value in {**platform, **engine_env}.items():
            put(name, value, "platform" if name in platform else "engine")
        for entry in worker.env_spec:
            if "secretFrom" in entry:
                put(entry["name"], f"<secret {entry['secretFrom']}>", "secret")
            else:
                put(entry["name"], entry["value"].replace("ARRAY_JOB_ID", job_id), "manifest")
        argv = substitute_batch_parameters(worker.argv_spec, worker.parameters)
    if role == "shard" and not 0 <= index < shards:
        raise ValueError(f"--index {index} is not a shard of {shards} (0 to {shards - 1})")
    for name in unset:
        environment.pop(name, None)
        origin.pop(name, None)
    for setting in settings:
        name, _, value = setting.partition("=")
        put(name, value, "set")

    # FROM=TO path rewrites, longest FROM first: the container's paths to a test's folders.
    rewrites = sorted((tuple(m.split("=", 1)) for m in maps), key=lambda pair: -len(pair[0]))

    def mapped(text):
        for source, target in rewrites:
            if text == source or text.startswith(source.rstrip("/") + "/"):
                return target + text[len(source):]
        return text

    return {
        "engine": engine, "role": role, "index": index if role == "shard" else None, "shards": shards,
        "source": worker.source,
        "argv": [mapped(a) for a in argv],
        "workingDirectory": mapped(image.workdir),
        "user": image.user,
        "environment": {k: mapped(v) for k, v in sorted(environment.items())},
        "origin": dict(sorted(origin.items())),
    }
