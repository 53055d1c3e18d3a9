# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Tags as the amazon.aws modules treat them: `tags` unset leaves a resource's tags alone; set, they are
added or updated, and with `purge_tags` the others are removed.
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags


def tags_after(current, desired, purge):
    """The tags a resource holding `current` will hold once `desired` is applied."""
    to_set, to_remove = compare_aws_tags(current, desired, purge)
    after = {key: value for key, value in current.items() if key not in to_remove}
    after.update(to_set)
    return after


def apply_tags(current, after, tag, untag):
    """Call untag(keys) and tag(dict) so that a resource holding `current` holds `after`."""
    to_set, to_remove = compare_aws_tags(current, after, purge_tags=True)
    if to_remove:
        untag(to_remove)
    if to_set:
        tag(to_set)
