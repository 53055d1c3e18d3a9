# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

How our state modules report: `changed` comes from comparing the normalised state found with the
normalised state wanted (or reached), never from whether an API was called; diff mode shows both.
"""


def report(module, before, after, **result):
    """The module result for a resource that went from `before` to `after` (normalised dicts)."""
    result["changed"] = before != after
    if module._diff:
        result["diff"] = {"before": before, "after": after}
    return result
