# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

IAM OpenID Connect identity providers (what IRSA trusts): one small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class OIDCErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NoSuchEntity")


def provider_host(url):
    """The issuer as IAM names it in the provider's ARN: the URL without its scheme."""
    return url.split("://", 1)[-1].rstrip("/")


@OIDCErrorHandler.common_error_handler("list the IAM OIDC providers")
def list_provider_arns(client):
    return [item["Arn"] for item in client.list_open_id_connect_providers(aws_retry=True)["OpenIDConnectProviderList"]]


@OIDCErrorHandler.list_error_handler("read the IAM OIDC provider")
def get_provider(client, arn):
    return client.get_open_id_connect_provider(OpenIDConnectProviderArn=arn, aws_retry=True)


def find_provider(client, url):
    """(ARN, GetOpenIDConnectProvider response) of the provider for `url`, or (None, None)."""
    suffix = ":oidc-provider/" + provider_host(url)
    for arn in list_provider_arns(client):
        if arn.endswith(suffix):
            return arn, get_provider(client, arn)
    return None, None


@OIDCErrorHandler.common_error_handler("create the IAM OIDC provider")
def create_provider(client, **request):
    return client.create_open_id_connect_provider(aws_retry=True, **request)["OpenIDConnectProviderArn"]


@OIDCErrorHandler.common_error_handler("add a client id to the IAM OIDC provider")
def add_client_id(client, arn, client_id):
    return client.add_client_id_to_open_id_connect_provider(
        OpenIDConnectProviderArn=arn, ClientID=client_id, aws_retry=True
    )


@OIDCErrorHandler.common_error_handler("remove a client id from the IAM OIDC provider")
def remove_client_id(client, arn, client_id):
    return client.remove_client_id_from_open_id_connect_provider(
        OpenIDConnectProviderArn=arn, ClientID=client_id, aws_retry=True
    )


@OIDCErrorHandler.common_error_handler("update the IAM OIDC provider's thumbprints")
def update_thumbprints(client, arn, thumbprints):
    return client.update_open_id_connect_provider_thumbprint(
        OpenIDConnectProviderArn=arn, ThumbprintList=thumbprints, aws_retry=True
    )


@OIDCErrorHandler.common_error_handler("tag the IAM OIDC provider")
def tag_provider(client, arn, tags):
    return client.tag_open_id_connect_provider(
        OpenIDConnectProviderArn=arn, Tags=ansible_dict_to_boto3_tag_list(tags), aws_retry=True
    )


@OIDCErrorHandler.common_error_handler("untag the IAM OIDC provider")
def untag_provider(client, arn, keys):
    return client.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=keys, aws_retry=True)


@OIDCErrorHandler.deletion_error_handler("delete the IAM OIDC provider")
def delete_provider(client, arn):
    return client.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn, aws_retry=True)
