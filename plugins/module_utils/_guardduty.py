# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

GuardDuty detectors (one a region per account) and their findings export. One small function
per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler, paginate


class GuardDutyErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        # GuardDuty answers a detector id it does not know with BadRequestException.
        return is_boto3_error_code(["BadRequestException", "ResourceNotFoundException"])


@GuardDutyErrorHandler.common_error_handler("list the GuardDuty detectors")
def list_detectors(client):
    return paginate(client, "list_detectors")["DetectorIds"]


@GuardDutyErrorHandler.list_error_handler("read the GuardDuty detector")
def get_detector(client, detector_id):
    return client.get_detector(DetectorId=detector_id, aws_retry=True)


@GuardDutyErrorHandler.common_error_handler("create the GuardDuty detector")
def create_detector(client, **settings):
    return client.create_detector(aws_retry=True, **settings)["DetectorId"]


@GuardDutyErrorHandler.common_error_handler("update the GuardDuty detector")
def update_detector(client, detector_id, **settings):
    return client.update_detector(DetectorId=detector_id, aws_retry=True, **settings)


@GuardDutyErrorHandler.deletion_error_handler("delete the GuardDuty detector")
def delete_detector(client, detector_id):
    return client.delete_detector(DetectorId=detector_id, aws_retry=True)


def find_detector(client):
    """(detector id, GetDetector response) of the region's detector, or (None, None)."""
    for detector_id in list_detectors(client):
        detector = get_detector(client, detector_id)
        if detector is not None:
            return detector_id, detector
    return None, None


@GuardDutyErrorHandler.list_error_handler("list the GuardDuty publishing destinations", [])
def list_publishing_destinations(client, detector_id):
    # No paginator in botocore for this one; a detector has at most a few destinations.
    destinations, token = [], {}
    while True:
        page = client.list_publishing_destinations(DetectorId=detector_id, aws_retry=True, **token)
        destinations.extend(page["Destinations"])
        if not page.get("NextToken"):
            return destinations
        token = {"NextToken": page["NextToken"]}


@GuardDutyErrorHandler.common_error_handler("read the GuardDuty publishing destination")
def describe_publishing_destination(client, detector_id, destination_id):
    return client.describe_publishing_destination(DetectorId=detector_id, DestinationId=destination_id, aws_retry=True)


def destination_properties(described):
    """{destination_arn, kms_key_arn} of a DescribePublishingDestination answer."""
    properties = described["DestinationProperties"]
    return {"destination_arn": properties.get("DestinationArn"), "kms_key_arn": properties.get("KmsKeyArn")}


def publishing_destinations(client, detector_id):
    """DescribePublishingDestination of each of the detector's destinations."""
    return [
        describe_publishing_destination(client, detector_id, destination["DestinationId"])
        for destination in list_publishing_destinations(client, detector_id)
    ]


@GuardDutyErrorHandler.common_error_handler("create the GuardDuty publishing destination")
def create_publishing_destination(client, detector_id, properties):
    return client.create_publishing_destination(
        DetectorId=detector_id, DestinationType="S3", DestinationProperties=properties, aws_retry=True
    )["DestinationId"]


@GuardDutyErrorHandler.common_error_handler("update the GuardDuty publishing destination")
def update_publishing_destination(client, detector_id, destination_id, properties):
    return client.update_publishing_destination(
        DetectorId=detector_id, DestinationId=destination_id, DestinationProperties=properties, aws_retry=True
    )


@GuardDutyErrorHandler.deletion_error_handler("delete the GuardDuty publishing destination")
def delete_publishing_destination(client, detector_id, destination_id):
    return client.delete_publishing_destination(DetectorId=detector_id, DestinationId=destination_id, aws_retry=True)
