# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

How our state modules report: `changed` comes from comparing the normalised state found with the
normalised state wanted (or reached), never from whether an API was called; diff mode shows both.
Tags follow amazon.aws's convention (its `tags` doc fragment): unset leaves them alone.
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags


def report(module, before, after, **result):
    """The module result for a resource that went from `before` to `after` (normalised dicts)."""
    result["changed"] = before != after
    if module._diff:
        result["diff"] = {"before": before, "after": after}
    return result


def wanted_tags(found, tags, purge):
    """The tags a resource should end with: unchanged without `tags`, else `tags` plus the others
    found unless purging (AWS's own `aws:` tags always stay)."""
    if tags is None:
        return dict(found)
    kept = {key: value for key, value in found.items() if key.startswith("aws:") or not purge}
    return dict(kept, **tags)


def apply_tags(found, wanted, tag, untag):
    """Call `untag(keys)` and `tag(tags)` for what takes the `found` tags to the `wanted` ones."""
    to_set, to_remove = compare_aws_tags(found, wanted, purge_tags=True)
    if to_remove:
        untag(sorted(to_remove))
    if to_set:
        tag(to_set)
