"""inspector2 through the Inspector2 service model: what moto does not model (transitional states, failedAccounts)."""

from ansible_collections.devsecops.aws.plugins.modules import inspector2

from tests.support.service_model import ServiceModelStub, run_module

ACCOUNT = "123456789012"
ARGS = {"region": "us-east-1", "account_ids": [ACCOUNT], "resource_types": ["EC2", "ECR", "LAMBDA"]}


def state(status):
    # The model requires errorCode and errorMessage in every state, failed or not.
    code = {"ENABLED": "ALREADY_ENABLED", "ENABLING": "ENABLE_IN_PROGRESS"}.get(status, "RESOURCE_NOT_FOUND")
    return {"status": status, "errorCode": code, "errorMessage": code.replace("_", " ").lower()}


def status(ec2="DISABLED", ecr="DISABLED", lambda_="DISABLED"):
    return {
        "accounts": [
            {
                "accountId": ACCOUNT,
                "state": state("ENABLED"),
                "resourceState": {"ec2": state(ec2), "ecr": state(ecr), "lambda": state(lambda_)},
            }
        ],
        "failedAccounts": [],
    }


def test_types_being_enabled_count_as_on(capsys):
    with ServiceModelStub("inspector2") as inspector:
        inspector.expect(
            "batch_get_account_status", {"accountIds": [ACCOUNT]}, status("ENABLED", "ENABLING", "DISABLED")
        )
        inspector.expect(
            "enable",
            {"accountIds": [ACCOUNT], "resourceTypes": ["LAMBDA"]},
            {
                "accounts": [
                    {
                        "accountId": ACCOUNT,
                        "status": "ENABLING",
                        "resourceStatus": {"ec2": "ENABLED", "ecr": "ENABLING"},
                    }
                ],
                "failedAccounts": [],
            },
        )
        result = run_module(capsys, inspector2, ARGS, clients=[inspector])
    assert result["changed"] is True
    assert result["resource_types"] == {ACCOUNT: ["EC2", "ECR", "LAMBDA"]}


def test_an_account_inspector_could_not_enable_fails_the_task(capsys):
    with ServiceModelStub("inspector2") as inspector:
        inspector.expect("batch_get_account_status", {"accountIds": [ACCOUNT]}, status())
        inspector.expect(
            "enable",
            {"accountIds": [ACCOUNT], "resourceTypes": ["EC2", "ECR", "LAMBDA"]},
            {
                "accounts": [],
                "failedAccounts": [
                    {
                        "accountId": ACCOUNT,
                        "errorCode": "ACCESS_DENIED",
                        "errorMessage": "not the delegated administrator",
                    }
                ],
            },
        )
        result = run_module(capsys, inspector2, ARGS, clients=[inspector])
    assert result["failed"] is True
    assert (
        result["msg"]
        == f"Failed to enable Inspector scanning of {ACCOUNT}: ACCESS_DENIED not the delegated administrator"
    )
