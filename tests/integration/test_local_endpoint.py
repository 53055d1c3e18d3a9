"""scripts/local_endpoint.py: the local AWS endpoint a user starts and stops."""

import urllib.request

import pytest

from tests.support.local_aws import client


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    import local_endpoint

    monkeypatch.setattr(local_endpoint, "STATE_DIR", tmp_path)
    monkeypatch.setattr(local_endpoint, "URL_FILE", tmp_path / "endpoint.url")
    monkeypatch.setattr(local_endpoint, "PID_FILE", tmp_path / "endpoint.pid")
    yield local_endpoint
    local_endpoint.cmd_stop(None)


def test_start_serves_aws_on_loopback_and_stop_ends_it(state_dir, capsys):
    assert state_dir.cmd_start(None) == 0
    url = state_dir.URL_FILE.read_text().strip()
    assert url.startswith("http://127.0.0.1:")
    hub = client(url, "securityhub")
    hub.enable_security_hub(EnableDefaultStandards=False)
    assert hub.describe_hub()["HubArn"].endswith(":hub/default")

    assert state_dir.cmd_start(None) == 0  # a second start reuses the running endpoint
    assert capsys.readouterr().out.split() == [url, url]

    state_dir.cmd_stop(None)
    assert not state_dir.URL_FILE.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/moto-api/", timeout=2)


def test_url_without_a_running_endpoint_says_how_to_start_one(state_dir, capsys):
    assert state_dir.cmd_url(None) == 1
    assert "scripts/local_endpoint.py start" in capsys.readouterr().err
