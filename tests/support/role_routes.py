"""The routes of a role's tasks/main.yml: its import_tasks entries, inside blocks too (a helper role's
plain tasks are no routes), in the order the role runs them."""

import yaml

from tests.support.paths import ROOT


def _imports(tasks):
    for task in tasks:
        if "ansible.builtin.import_tasks" in task:
            yield task
        yield from _imports(task.get("block", []))


def routes(role):
    return list(_imports(yaml.safe_load((ROOT / "roles" / role / "tasks" / "main.yml").read_text())))
