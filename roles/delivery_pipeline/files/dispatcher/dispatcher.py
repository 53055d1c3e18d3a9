"""The pipeline's scan stages: run the scanner host's SSM document for a CodePipeline job.

CodePipeline invokes the function with a job. On the first invocation the function sends the scan
document (SSM Run Command) to the scanner host with the repository URL and the commit, and answers
PutJobSuccessResult with a continuation token: CodePipeline invokes it again about every minute with
that token, so no Lambda waits for the scan. Each later invocation reads the command's invocation
(GetCommandInvocation) and either continues, or ends the job with PutJobSuccessResult (output
variable ReportsUri: where the host put the reports) or PutJobFailureResult with the reason: the
failed stages the document printed, a command that ended badly, or a host that did not answer in time.

The action's UserParameters (JSON) say what to send:
  documentName, instanceId, repositoryUrl, commit (the host checks it out itself), targetUrl, reportBucket,
  reportPrefix (default scans/), timeoutSeconds (default 7200: the document's own limit).
Standard library and boto3 only: the Lambda runtime has both.
"""

import json
import re
import time

import boto3
from botocore.exceptions import BotoCoreError, ClientError

RUNNING = {"Pending", "InProgress", "Delayed"}
# How much of the command's output goes into a failure message (CodePipeline keeps 5000 characters).
MESSAGE_TAIL = 1500
# A scan gets this long past its own timeout before the host is declared unanswering.
GRACE_SECONDS = 600


class JobError(Exception):
    """Ends the job with PutJobFailureResult; failure_type is CodePipeline's FailureType."""

    def __init__(self, message, failure_type="JobFailed"):
        super().__init__(message)
        self.failure_type = failure_type


def handler(event, _context):
    return dispatch(event, boto3.client("ssm"), boto3.client("codepipeline"), time.time())


def dispatch(event, ssm, codepipeline, now):
    """Handle one invocation of the job in `event`; returns what was reported to CodePipeline."""
    job = event["CodePipeline.job"]
    job_id = job["id"]
    try:
        params = user_parameters(job)
        token = job["data"].get("continuationToken")
        outcome = follow(ssm, params, json.loads(token), now) if token else send(ssm, params, job_id, now)
    except JobError as e:
        codepipeline.put_job_failure_result(
            jobId=job_id, failureDetails={"type": e.failure_type, "message": str(e)[:5000]}
        )
        return {"result": "failed", "message": str(e)}
    if "continuation" in outcome:
        codepipeline.put_job_success_result(jobId=job_id, continuationToken=json.dumps(outcome["continuation"]))
        return {"result": "continuing", **outcome}
    codepipeline.put_job_success_result(
        jobId=job_id,
        executionDetails={"summary": outcome["summary"][:2048]},
        outputVariables={"ReportsUri": outcome["reports"]},
    )
    return {"result": "succeeded", **outcome}


def user_parameters(job):
    text = job["data"]["actionConfiguration"]["configuration"].get("UserParameters", "")
    try:
        params = json.loads(text)
    except ValueError as e:
        raise JobError(f"UserParameters is not JSON: {e}", "ConfigurationError") from e
    missing = [
        key
        for key in ("documentName", "instanceId", "repositoryUrl", "commit", "targetUrl", "reportBucket")
        if not params.get(key)
    ]
    if missing:
        raise JobError(f"UserParameters lacks {', '.join(missing)}", "ConfigurationError")
    return dict({"reportPrefix": "scans/", "timeoutSeconds": 7200}, **params)


def reports_uri(params):
    # Where the document puts the reports: <prefix><repository with other characters as _>/<run id>/.
    key = re.sub(r"[^A-Za-z0-9_.:-]", "_", params["repositoryUrl"])
    return f"s3://{params['reportBucket']}/{params['reportPrefix']}{key}/{params['commit']}/"


def send(ssm, params, job_id, now):
    try:
        command = ssm.send_command(
            InstanceIds=[params["instanceId"]],
            DocumentName=params["documentName"],
            Comment=f"CodePipeline job {job_id}"[:100],
            TimeoutSeconds=int(params["timeoutSeconds"]),
            Parameters={
                "repository": [params["repositoryUrl"]],
                "sourceUrl": [params["repositoryUrl"]],
                "commit": [params["commit"]],
                "runId": [params["commit"]],
                "targetUrl": [params["targetUrl"]],
                "reportBucket": [params["reportBucket"]],
                "reportPrefix": [params["reportPrefix"]],
            },
        )["Command"]
    except (ClientError, BotoCoreError) as e:
        raise JobError(f"cannot send {params['documentName']} to the scanner host {params['instanceId']}: {e}") from e
    return {"continuation": {"commandId": command["CommandId"], "instanceId": params["instanceId"], "sentAt": int(now)}}


def follow(ssm, params, token, now):
    waited = int(now) - int(token["sentAt"])
    try:
        invocation = ssm.get_command_invocation(CommandId=token["commandId"], InstanceId=token["instanceId"])
        status = invocation["Status"]
    except ClientError as e:
        # Right after SendCommand the invocation may not exist yet.
        if e.response["Error"]["Code"] != "InvocationDoesNotExist":
            raise JobError(f"cannot read command {token['commandId']} on {token['instanceId']}: {e}") from e
        invocation, status = {}, "Pending"
    if status in RUNNING:
        if waited > int(params["timeoutSeconds"]) + GRACE_SECONDS:
            raise JobError(
                f"the scanner host {token['instanceId']} did not answer: command {token['commandId']} "
                f"still {status} after {waited} s"
            )
        return {"continuation": token}
    if status != "Success":
        output = (invocation.get("StandardOutputContent", "") + invocation.get("StandardErrorContent", "")).strip()
        failed = [line for line in output.splitlines() if line.startswith("failed stages:")]
        detail = failed[-1] if failed else output[-MESSAGE_TAIL:]
        raise JobError(
            f"scan {status} on {token['instanceId']} (command {token['commandId']}, "
            f"exit {invocation.get('ResponseCode', 'none')}): {detail or invocation.get('StatusDetails', status)}"
        )
    reports = reports_uri(params)
    return {"summary": f"scan of {params['commit']} done in {waited} s; reports in {reports}", "reports": reports}
