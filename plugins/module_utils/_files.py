# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Report files written only when their content changes, and never left half-written.
"""

import os
import tempfile


def current_text(path):
    """The file's text, or None when there is no such file."""
    try:
        with open(path, encoding="utf-8") as existing:
            return existing.read()
    except FileNotFoundError:
        return None


def write_atomically(path, text):
    """Write `text` to `path` through a temporary file beside it, so a reader sees the old file or the new one."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=os.path.dirname(path) or ".", delete=False) as temporary:
        temporary.write(text)
    os.replace(temporary.name, path)
