# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Modules that change state: check mode predicts, diff mode shows before and after. One that writes
    # without a diff (security_gate, securityhub_findings) says so in its own attributes, which win.
    DOCUMENTATION = r"""
attributes:
  check_mode:
    support: full
    description: Can run in check mode and return the changed status it predicts, writing nothing.
  diff_mode:
    support: full
    description: Returns the state before and after in diff mode.
"""

    # Modules that only read: check mode changes nothing about them, and there is nothing to diff.
    INFO = r"""
attributes:
  check_mode:
    support: full
    description: Reads in check mode too; it never changes anything.
  diff_mode:
    support: none
    description: Reads only; there is nothing to diff.
"""
