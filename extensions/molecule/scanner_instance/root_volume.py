"""Print the volumes attached to an instance, as DescribeVolumes answers, in JSON.

    root_volume.py INSTANCE_ID REGION [ENDPOINT_URL]

amazon.aws.ec2_vol_info fails on the local endpoint (moto 5.2 leaves SnapshotId out of volumes made
by RunInstances, and the module indexes it), so verify.yml reads the volumes through boto3 directly.
Credentials come from the environment, or moto's dummy ones when an endpoint URL is given.
"""

import json
import sys

import boto3

instance_id, region = sys.argv[1], sys.argv[2]
endpoint = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
local = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"} if endpoint else {}
ec2 = boto3.client("ec2", region_name=region, endpoint_url=endpoint, **local)
volumes = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])["Volumes"]
print(json.dumps(volumes, default=str))
