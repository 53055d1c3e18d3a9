# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

AWS Config: the recorder's status, managed rules and conformance packs. One small function per API call.
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler, paginate


class ConfigErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(
            ["NoSuchConfigurationRecorderException", "NoSuchConfigRuleException", "NoSuchConformancePackException"]
        )


def input_parameters(rule):
    """A Config rule's InputParameters (a JSON text) as a dict."""
    return json.loads(rule.get("InputParameters") or "{}")


def pack_input_parameters(pack):
    """A conformance pack's input parameters as {name: value}."""
    return {p["ParameterName"]: p["ParameterValue"] for p in pack.get("ConformancePackInputParameters", [])}


@ConfigErrorHandler.list_error_handler("read the configuration recorder status")
def get_recorder_status(client, name):
    statuses = client.describe_configuration_recorder_status(ConfigurationRecorderNames=[name], aws_retry=True)
    return next(iter(statuses["ConfigurationRecordersStatus"]), None)


@ConfigErrorHandler.common_error_handler("start the configuration recorder")
def start_recorder(client, name):
    return client.start_configuration_recorder(ConfigurationRecorderName=name, aws_retry=True)


@ConfigErrorHandler.common_error_handler("stop the configuration recorder")
def stop_recorder(client, name):
    return client.stop_configuration_recorder(ConfigurationRecorderName=name, aws_retry=True)


# moto 5.2 answers an unknown name with [] where AWS raises NoSuchConfigRuleException: both mean None.
@ConfigErrorHandler.list_error_handler("read the Config rule")
def get_config_rule(client, name):
    rules = client.describe_config_rules(ConfigRuleNames=[name], aws_retry=True)["ConfigRules"]
    return next(iter(rules), None)


@ConfigErrorHandler.common_error_handler("put the Config rule")
def put_config_rule(client, rule):
    return client.put_config_rule(ConfigRule=rule, aws_retry=True)


@ConfigErrorHandler.deletion_error_handler("delete the Config rule")
def delete_config_rule(client, name):
    return client.delete_config_rule(ConfigRuleName=name, aws_retry=True)


@ConfigErrorHandler.list_error_handler("read the conformance pack")
def get_conformance_pack(client, name):
    packs = client.describe_conformance_packs(ConformancePackNames=[name], aws_retry=True)["ConformancePackDetails"]
    return next(iter(packs), None)


@ConfigErrorHandler.list_error_handler("list the conformance pack's tags", [])
def list_tags(client, arn):
    return paginate(client, "list_tags_for_resource", ResourceArn=arn)["Tags"]


@ConfigErrorHandler.common_error_handler("put the conformance pack")
def put_conformance_pack(client, **settings):
    return client.put_conformance_pack(aws_retry=True, **settings)["ConformancePackArn"]


@ConfigErrorHandler.common_error_handler("tag the conformance pack")
def tag_resource(client, arn, tags):
    return client.tag_resource(ResourceArn=arn, Tags=tags, aws_retry=True)


@ConfigErrorHandler.deletion_error_handler("delete the conformance pack")
def delete_conformance_pack(client, name):
    return client.delete_conformance_pack(ConformancePackName=name, aws_retry=True)


# PutConformancePack takes at most 51,200 bytes inline; larger templates go through S3.
@ConfigErrorHandler.common_error_handler("upload the conformance pack template to S3")
def upload_template(s3_client, bucket, key, body):
    return s3_client.put_object(Bucket=bucket, Key=key, Body=body.encode("utf-8"), aws_retry=True)


@ConfigErrorHandler.list_error_handler("read the configuration recorder")
def get_recorder(client, name):
    recorders = client.describe_configuration_recorders(ConfigurationRecorderNames=[name], aws_retry=True)
    return next(iter(recorders["ConfigurationRecorders"]), None)


@ConfigErrorHandler.common_error_handler("put the configuration recorder")
def put_recorder(client, recorder):
    return client.put_configuration_recorder(ConfigurationRecorder=recorder, aws_retry=True)


@ConfigErrorHandler.deletion_error_handler("delete the configuration recorder")
def delete_recorder(client, name):
    return client.delete_configuration_recorder(ConfigurationRecorderName=name, aws_retry=True)


# Reads of everything in the region, for the _info modules


@ConfigErrorHandler.common_error_handler("list the configuration recorders")
def describe_recorders(client):
    return client.describe_configuration_recorders(aws_retry=True)["ConfigurationRecorders"]


@ConfigErrorHandler.common_error_handler("read the configuration recorders' status")
def describe_recorder_statuses(client):
    return client.describe_configuration_recorder_status(aws_retry=True)["ConfigurationRecordersStatus"]


@ConfigErrorHandler.common_error_handler("list the delivery channels")
def describe_delivery_channels(client):
    return client.describe_delivery_channels(aws_retry=True)["DeliveryChannels"]


@ConfigErrorHandler.common_error_handler("list the Config rules")
def list_config_rules(client):
    return paginate(client, "describe_config_rules")["ConfigRules"]


@ConfigErrorHandler.common_error_handler("list the conformance packs")
def list_conformance_packs(client):
    return paginate(client, "describe_conformance_packs")["ConformancePackDetails"]


# A pack deleted since it was listed has no rules left.
@ConfigErrorHandler.list_error_handler("list the conformance pack's rules", [])
def conformance_pack_rule_names(client, name):
    compliance = paginate(client, "describe_conformance_pack_compliance", ConformancePackName=name)
    return sorted(rule["ConfigRuleName"] for rule in compliance["ConformancePackRuleComplianceList"])
