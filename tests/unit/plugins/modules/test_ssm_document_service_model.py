"""ssm_document's requests checked against the SSM service model (moto accepts more than AWS does)."""

import json

from ansible_collections.devsecops.aws.plugins.modules import ssm_document

from tests.support.service_model import ServiceModelStub, run_module

NAME = "devsecops-scan"
OLD = {"schemaVersion": "2.2", "mainSteps": [{"action": "aws:runShellScript", "name": "a", "inputs": {"runCommand": ["true"]}}]}
NEW = {"schemaVersion": "2.2", "mainSteps": [{"action": "aws:runShellScript", "name": "a", "inputs": {"runCommand": ["false"]}}]}
ARGS = {"region": "us-east-1", "name": NAME, "target_type": "/AWS::EC2::Instance"}


def description(default="1", latest="1"):
    return {
        "Document": {
            "Name": NAME,
            "DocumentType": "Command",
            "SchemaVersion": "2.2",
            "DefaultVersion": default,
            "LatestVersion": latest,
            "TargetType": "/AWS::EC2::Instance",
        }
    }


def content(document, version):
    return {"Name": NAME, "DocumentVersion": version, "Content": json.dumps(document), "DocumentFormat": "JSON"}


def test_new_content_is_a_new_version_made_default(capsys):
    with ServiceModelStub("ssm") as ssm:
        ssm.expect("describe_document", {"Name": NAME}, description())
        ssm.expect("get_document", {"Name": NAME, "DocumentVersion": "1", "DocumentFormat": "JSON"}, content(OLD, "1"))
        ssm.expect("list_tags_for_resource", {"ResourceType": "Document", "ResourceId": NAME}, {"TagList": []})
        ssm.expect(
            "update_document",
            {
                "Name": NAME,
                "Content": json.dumps(NEW),
                "DocumentVersion": "$LATEST",
                "DocumentFormat": "JSON",
                "TargetType": "/AWS::EC2::Instance",
            },
            {"DocumentDescription": {"Name": NAME, "DocumentVersion": "2"}},
        )
        ssm.expect("update_document_default_version", {"Name": NAME, "DocumentVersion": "2"}, {})
        result = run_module(capsys, ssm_document, dict(ARGS, content=NEW), clients=[ssm])
    assert result["changed"] is True
    assert result["document"]["default_version"] == "2"


def test_a_new_document_is_created_with_its_tags(capsys):
    with ServiceModelStub("ssm") as ssm:
        ssm.expect_error("describe_document", "InvalidDocument", "The specified document does not exist.", {"Name": NAME})
        ssm.expect(
            "create_document",
            {
                "Name": NAME,
                "Content": json.dumps(OLD),
                "DocumentType": "Command",
                "DocumentFormat": "JSON",
                "TargetType": "/AWS::EC2::Instance",
                "Tags": [{"Key": "devsecops:component", "Value": "scanner"}],
            },
            {"DocumentDescription": {"Name": NAME, "DefaultVersion": "1", "LatestVersion": "1"}},
        )
        result = run_module(
            capsys, ssm_document, dict(ARGS, content=OLD, tags={"devsecops:component": "scanner"}), clients=[ssm]
        )
    assert result["changed"] is True
    assert result["document"]["tags"] == {"devsecops:component": "scanner"}


def test_a_throttled_read_is_retried(capsys):
    with ServiceModelStub("ssm") as ssm:
        ssm.expect_error("describe_document", "ThrottlingException", "Rate exceeded", {"Name": NAME})
        ssm.expect("describe_document", {"Name": NAME}, description())
        ssm.expect("get_document", {"Name": NAME, "DocumentVersion": "1", "DocumentFormat": "JSON"}, content(OLD, "1"))
        ssm.expect("list_tags_for_resource", {"ResourceType": "Document", "ResourceId": NAME}, {"TagList": []})
        result = run_module(capsys, ssm_document, dict(ARGS, content=OLD), clients=[ssm])
    assert result["changed"] is False
