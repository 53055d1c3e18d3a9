"""Print, as JSON, what AWS holds of the delivery pipeline (read through boto3: no *_info module reads
CodeCommit, CodeBuild or CodePipeline). verify.yml and verify_absent.yml assert on it.

    python read_state.py <endpoint URL or ""> <region> <account>
"""

import json
import sys

import boto3
from botocore.exceptions import ClientError


def main(endpoint, region, account):
    def client(service):
        return boto3.client(service, region_name=region, endpoint_url=endpoint or None)

    def missing_as_none(call, *codes):
        try:
            return call()
        except ClientError as e:
            if e.response["Error"]["Code"] in codes:
                return None
            raise

    codecommit, ecr, codebuild, pipeline = client("codecommit"), client("ecr"), client("codebuild"), client("codepipeline")
    iam, lambda_, events, logs = client("iam"), client("lambda"), client("events"), client("logs")
    roles = {}
    for name in ("devsecops-build", "devsecops-gate", "devsecops-deploy", "devsecops-dispatcher", "devsecops-pipeline", "devsecops-pipeline-events"):
        role = missing_as_none(lambda name=name: iam.get_role(RoleName=name)["Role"], "NoSuchEntity")
        if role:
            arn = f"arn:aws:iam::{account}:policy/{name}"
            version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
            role["Policy"] = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
            role["Attached"] = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]]
        roles[name] = role
    repository = missing_as_none(lambda: ecr.describe_repositories(repositoryNames=["webgoat"])["repositories"][0], "RepositoryNotFoundException")
    state = {
        "codecommit": missing_as_none(lambda: codecommit.get_repository(repositoryName="webgoat")["repositoryMetadata"], "RepositoryDoesNotExistException"),
        "ecr": repository,
        "ecr_lifecycle": repository
        and json.loads(ecr.get_lifecycle_policy(repositoryName="webgoat")["lifecyclePolicyText"]),
        "projects": codebuild.batch_get_projects(names=["devsecops-build", "devsecops-gate", "devsecops-deploy"])["projects"],
        "pipeline": missing_as_none(lambda: pipeline.get_pipeline(name="devsecops")["pipeline"], "PipelineNotFoundException"),
        "roles": roles,
        "function": missing_as_none(lambda: lambda_.get_function_configuration(FunctionName="devsecops-dispatcher"), "ResourceNotFoundException"),
        "rule_targets": missing_as_none(lambda: events.list_targets_by_rule(Rule="devsecops-commits")["Targets"], "ResourceNotFoundException"),
        "log_groups": {
            group["logGroupName"]: group
            for prefix in ("/aws/codebuild/devsecops-", "/aws/lambda/devsecops-dispatcher")
            for group in logs.describe_log_groups(logGroupNamePrefix=prefix)["logGroups"]
        },
    }
    print(json.dumps(state, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:4])
