# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The lambda_function scenario's function: the role deploys it, nothing invokes it."""


def handler(event, _context):
    return {"received": sorted(event)}
