"""AWS Batch JSON: botocore's own parameter validation for RegisterJobDefinition and SubmitJob
(unknown keys, wrong types, missing required members), the service model's enums, then Fargate's
and Batch's rules that no model carries, and how the three files fit tabi-press."""

import re

from .manifests import batch_worker, finalize_command, option_value, substitute_batch_parameters, tabi_arguments

OPERATIONS = {"job-definition.json": "RegisterJobDefinition",
              "submit-array.json": "SubmitJob",
              "submit-finalize.json": "SubmitJob"}
# Fargate's vCPU sizes and the memory (MiB) each allows.
FARGATE_MEMORY = {
    "0.25": [512, 1024, 2048], "0.5": list(range(1024, 4097, 1024)), "1": list(range(2048, 8193, 1024)),
    "2": list(range(4096, 16385, 1024)), "4": list(range(8192, 30721, 1024)),
    "8": list(range(16384, 61441, 4096)), "16": list(range(32768, 122881, 8192)),
}
ARRAY_JOB_PLACEHOLDER = "ARRAY_JOB_ID"
_client = None


def batch_model():
    global _client
    if _client is None:
        import botocore.session
        _client = botocore.session.get_session().create_client(
            "batch", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    return _client.meta.service_model


def botocore_problems(params, operation):
    """botocore's ParamValidator, exactly as a client call runs it, then the model's enums."""
    from botocore.validate import ParamValidator
    shape = batch_model().operation_model(operation).input_shape
    report = ParamValidator().validate(params, shape)
    problems = [line.strip() for line in report.generate_report().splitlines() if line.strip()] \
        if report.has_errors() else []
    return problems + enum_problems(params, shape, operation)


def enum_problems(value, shape, where):
    """Walks a value along its shape and names every string outside its shape's enum."""
    problems = []
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in value.items():
            if name in shape.members:
                problems += enum_problems(member, shape.members[name], f"{where}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            problems += enum_problems(item, shape.member, f"{where}[{index}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            problems += enum_problems(item, shape.value, f"{where}[{key}]")
    elif shape.type_name == "string" and getattr(shape, "enum", None) and isinstance(value, str):
        if value not in shape.enum:
            problems.append(f"{where}: {value!r} is not one of {', '.join(shape.enum)}")
    return problems


def definition_rules(definition):
    """Batch's and Fargate's rules for a job definition, as RegisterJobDefinition or the first
    job would enforce them."""
    problems = []
    container = definition.get("containerProperties", {})
    fargate = "FARGATE" in definition.get("platformCapabilities", [])
    resources = {r["type"]: r["value"] for r in container.get("resourceRequirements", [])}
    if fargate:
        if "executionRoleArn" not in container:
            problems.append("containerProperties.executionRoleArn: Fargate jobs need one (image pull, logs, secrets)")
        for legacy in ("vcpus", "memory"):
            if legacy in container:
                problems.append(f"containerProperties.{legacy}: Fargate takes resourceRequirements only")
        vcpu, memory = resources.get("VCPU"), resources.get("MEMORY")
        if vcpu not in FARGATE_MEMORY or not memory or not memory.isdigit() or int(memory) not in FARGATE_MEMORY[vcpu]:
            problems.append(f"resourceRequirements: VCPU {vcpu} with MEMORY {memory} MiB is not a Fargate size")
        size = container.get("ephemeralStorage", {}).get("sizeInGiB")
        if size is not None and not 21 <= size <= 200:
            problems.append("ephemeralStorage.sizeInGiB: Fargate takes 21 to 200")
        if "networkConfiguration" not in container:
            problems.append("networkConfiguration: Fargate jobs need one (assignPublicIp)")
        for volume in container.get("volumes", []):
            if "host" in volume and volume["host"].get("sourcePath"):
                problems.append(f"volumes[{volume['name']}]: Fargate has no host paths")
    volumes = {v["name"]: v for v in container.get("volumes", [])}
    for mount in container.get("mountPoints", []):
        if mount.get("sourceVolume") not in volumes:
            problems.append(f"mountPoints: {mount.get('sourceVolume')} is not a volume")
    for name, volume in volumes.items():
        efs = volume.get("efsVolumeConfiguration")
        if efs:
            auth = efs.get("authorizationConfig", {})
            if auth.get("accessPointId") and efs.get("rootDirectory", "/") != "/":
                problems.append(f"volumes[{name}]: with an access point, rootDirectory must be / or left out")
            if auth.get("iam") == "ENABLED" and efs.get("transitEncryption") != "ENABLED":
                problems.append(f"volumes[{name}]: IAM authorization needs transitEncryption ENABLED")
    names = [e["name"] for e in container.get("environment", [])] + [s["name"] for s in container.get("secrets", [])]
    if len(set(names)) != len(names):
        problems.append("environment and secrets: a name repeats")
    problems += [f"environment: {n} uses the prefix AWS_BATCH_, which Batch reserves" for n in names if n.startswith("AWS_BATCH_")]
    retry = definition.get("retryStrategy", {})
    if not 1 <= retry.get("attempts", 1) <= 10:
        problems.append("retryStrategy.attempts: 1 to 10")
    if len(retry.get("evaluateOnExit", [])) > 5:
        problems.append("retryStrategy.evaluateOnExit: at most 5 conditions")
    for condition in retry.get("evaluateOnExit", []):
        code = condition.get("onExitCode")
        if code is not None and not re.fullmatch(r"[0-9]{1,512}\*?|\*", code):
            problems.append(f"evaluateOnExit.onExitCode: {code!r} is digits, optionally ending in *")
    if definition.get("timeout", {}).get("attemptDurationSeconds", 60) < 60:
        problems.append("timeout.attemptDurationSeconds: at least 60")
    for argument in container.get("command", []):
        if argument.startswith("Ref::") and argument[5:] not in definition.get("parameters", {}):
            problems.append(f"command: {argument} has no default in parameters")
    return problems


def fit_problems(deploy, image):
    """How the definition and the two submissions fit each other, the image and tabi-press."""
    problems = []
    definition = deploy.batch("job-definition.json")
    array = deploy.batch("submit-array.json")
    finalize = deploy.batch("submit-finalize.json")
    container = definition["containerProperties"]
    for name, submission in (("submit-array.json", array), ("submit-finalize.json", finalize)):
        if submission.get("jobDefinition") != definition.get("jobDefinitionName"):
            problems.append(f"{name}: jobDefinition is not {definition.get('jobDefinitionName')}")
    if array.get("jobQueue") != finalize.get("jobQueue"):
        problems.append("submit-array.json and submit-finalize.json name different job queues")
    size = array.get("arrayProperties", {}).get("size")
    if not isinstance(size, int) or not 2 <= size <= 10000:
        problems.append(f"submit-array.json: arrayProperties.size {size!r}: Batch takes 2 to 10000")
    worker = batch_worker(deploy, "submit-array.json")
    arguments = tabi_arguments(substitute_batch_parameters(worker.argv_spec, worker.parameters))
    if option_value(arguments, "--shards") != str(size):
        problems.append(f"submit-array.json: --shards {option_value(arguments, '--shards')} is not arrayProperties.size {size}")
    if "--no-auto-finalize" not in arguments:
        problems.append("job-definition.json: the array's shards need --no-auto-finalize (a finalize job follows them)")
    mounts = {m["containerPath"]: m["sourceVolume"] for m in container.get("mountPoints", [])}
    volumes = {v["name"]: v for v in container.get("volumes", [])}
    content = option_value(arguments, "--content")
    if "efsVolumeConfiguration" not in volumes.get(mounts.get(content), {}):
        problems.append(f"job-definition.json: --content {content} is not an EFS mount")
    if container.get("readonlyRootFilesystem") and image.env.get("TMPDIR", "/tmp") not in mounts:
        problems.append("job-definition.json: a read-only root filesystem needs a volume at TMPDIR")
    if container.get("user", image.user) != image.user:
        problems.append(f"job-definition.json: user is not the image's {image.user}")
    if "DATABASE_URL" not in {s["name"] for s in container.get("secrets", [])}:
        problems.append("job-definition.json: DATABASE_URL does not come from Secrets Manager")
    if option_value(arguments, "--config") not in {destination for _, destination in image.copies}:
        problems.append("job-definition.json: --config is not a file the image carries (Fargate has no ConfigMap)")
    # The finalize job: after every shard, of the same run, the same command but --finalize.
    if {d.get("jobId") for d in finalize.get("dependsOn", [])} != {ARRAY_JOB_PLACEHOLDER}:
        problems.append(f"submit-finalize.json: dependsOn must be the array job ({ARRAY_JOB_PLACEHOLDER}, filled by submit)")
    run_id = {e["name"]: e["value"] for e in finalize.get("containerOverrides", {}).get("environment", [])}.get("TABI_RUN_ID")
    if run_id != ARRAY_JOB_PLACEHOLDER:
        problems.append(f"submit-finalize.json: TABI_RUN_ID must be the array job's id ({ARRAY_JOB_PLACEHOLDER})")
    expected = finalize_command(arguments)
    got = tabi_arguments(batch_worker(deploy, "submit-finalize.json").argv_spec)
    if got != expected:
        problems.append(f"submit-finalize.json: the command is not the shards' with --finalize: {got} != {expected}")
    return problems

