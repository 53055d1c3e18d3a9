# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test support for the molecule scenarios, not part of the collection's plugins: molecule's check
# and side-effect steps report nothing a later step can assert, so this callback writes each run's
# totals where the next step (last_run_changed.yml, last_run_unchanged.yml) reads them.

DOCUMENTATION = r"""
name: run_summary
type: aggregate
short_description: Write the playbook run's totals to the molecule scenario's ephemeral directory
description:
  - At the end of each playbook run, writes C({"ok", "changed", "failures", "unreachable", "skipped"})
    summed over all hosts to C($MOLECULE_EPHEMERAL_DIRECTORY/last-run.json).
  - Does nothing outside molecule (no C(MOLECULE_EPHEMERAL_DIRECTORY)).
requirements:
  - enabled in the scenario's ansible.cfg (C(callbacks_enabled))
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "run_summary"
    CALLBACK_NEEDS_ENABLED = True

    def v2_playbook_on_stats(self, stats):
        directory = os.environ.get("MOLECULE_EPHEMERAL_DIRECTORY")
        if not directory:
            return
        # AggregateStats keeps unreachable hosts in `dark`.
        counters = {"ok": stats.ok, "changed": stats.changed, "failures": stats.failures, "unreachable": stats.dark, "skipped": stats.skipped}
        totals = {name: sum(counter.values()) for name, counter in counters.items()}
        with open(os.path.join(directory, "last-run.json"), "w", encoding="utf-8") as out:
            json.dump(totals, out)
