"""Each role's tasks/main.yml routes every feature to a tag of its own, and the README's Tags table lists them.

A route tagged with the role's name only cannot be run alone, and its resources would appear only
in a full run (test_role_tags would see a full converge after the tags alone change something).
"""

import re

import pytest

from tests.support.paths import ROOT
from tests.support.role_routes import routes

ROLES = sorted(path.parent.parent.name for path in ROOT.glob("roles/*/tasks/main.yml"))


def documented_tags(role):
    readme = (ROOT / "roles" / role / "README.md").read_text()
    table = readme.split("## Tags", 1)[1].split("\n## ", 1)[0] if "## Tags" in readme else ""
    return set(re.findall(r"^\| `([a-z0-9_]+)` \|", table, re.M))


@pytest.mark.parametrize("role", ROLES)
def test_every_route_has_a_tag_of_its_own(role):
    untagged = [
        route["name"]
        for route in routes(role)
        if "always" not in route.get("tags", []) and not set(route.get("tags", [])) - {role}
    ]
    assert not untagged, f"{role}: routes with no tag but the role's: {untagged}"


@pytest.mark.parametrize("role", ROLES)
def test_the_readme_lists_every_tag(role):
    tags = {tag for route in routes(role) for tag in route.get("tags", []) if tag != "always"}
    assert tags <= documented_tags(role), f"{role}: tags missing from the README's Tags table: {sorted(tags - documented_tags(role))}"
