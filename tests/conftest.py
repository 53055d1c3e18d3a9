"""Shared fixtures: the collection on sys.path and the local AWS endpoint."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.paths import import_collection  # noqa: E402

import_collection()

from tests.support.local_aws import MotoServer, reset  # noqa: E402


@pytest.fixture(scope="session")
def aws_endpoint(tmp_path_factory):
    """URL of the local AWS endpoint: AWS_ENDPOINT_URL when set, else a moto server we start."""
    if os.environ.get("AWS_ENDPOINT_URL"):
        yield os.environ["AWS_ENDPOINT_URL"]
        return
    server = MotoServer(log_path=tmp_path_factory.mktemp("moto") / "moto.log").start()
    yield server.url
    server.stop()


@pytest.fixture
def fresh_aws(aws_endpoint):
    """The endpoint emptied of every resource, as a new account would be."""
    reset(aws_endpoint)
    return aws_endpoint
