"""Shared fixtures: the collection on sys.path, the local AWS endpoint, the Kubernetes emulator."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.paths import import_collection  # noqa: E402

import_collection()

from tests.support.k8s import K8sEmulatorServer, write_kubeconfig  # noqa: E402
from tests.support.k8s import reset as reset_k8s  # noqa: E402
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


@pytest.fixture(scope="session")
def k8s_emulator(tmp_path_factory):
    """URL and kubeconfig of a Kubernetes API emulator we start (scripts/k8s_emulator.py)."""
    workdir = tmp_path_factory.mktemp("k8s")
    server = K8sEmulatorServer(log_path=workdir / "k8s_emulator.log").start()
    kubeconfig = workdir / "kubeconfig"
    write_kubeconfig(kubeconfig, server.url)
    yield server.url, kubeconfig
    server.stop()


@pytest.fixture
def fresh_k8s(k8s_emulator):
    """The kubeconfig of the emulator emptied of every object, as a new cluster would be."""
    url, kubeconfig = k8s_emulator
    reset_k8s(url)
    return kubeconfig
