"""scripts/local_endpoint.py: the local AWS endpoint a user starts and stops."""

import urllib.request

import pytest

from tests.support.local_aws import client


@pytest.fixture
def state(tmp_path):
    import local_endpoint

    state = local_endpoint.StateDir(tmp_path / "endpoint")
    yield state
    local_endpoint.cmd_stop(state)


def test_start_serves_aws_on_loopback_and_stop_ends_it(state, capsys):
    import local_endpoint

    assert local_endpoint.cmd_start(state) == 0
    url = state.url_file.read_text().strip()
    assert url.startswith("http://127.0.0.1:")
    hub = client(url, "securityhub")
    hub.enable_security_hub(EnableDefaultStandards=False)
    assert hub.describe_hub()["HubArn"].endswith(":hub/default")

    assert local_endpoint.cmd_start(state) == 0  # a second start reuses the running endpoint
    assert capsys.readouterr().out.split() == [url, url]

    local_endpoint.cmd_stop(state)
    assert not state.url_file.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/moto-api/", timeout=2)


def test_url_without_a_running_endpoint_says_how_to_start_one(state, capsys):
    import local_endpoint

    assert local_endpoint.cmd_url(state) == 1
    assert "scripts/local_endpoint.py start" in capsys.readouterr().err
