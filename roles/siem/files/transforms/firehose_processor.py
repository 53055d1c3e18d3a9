"""The Firehose data-transformation contract, shared by the SIEM's transform functions.

Firehose invokes the function with a batch of records, each base64 data under a recordId, and expects
every recordId back with a result: `Ok` and the transformed data (base64), or `ProcessingFailed`,
which Firehose writes to the S3 backup bucket under processing-failed/. One bad record must never fail the
batch: it is marked ProcessingFailed with its original data, and the others go on.

Standard library only, as the Lambda runtime ships it.
"""

import base64
import json
import logging

LOGGER = logging.getLogger()
LOGGER.setLevel(logging.INFO)


class Rejected(ValueError):
    """A record that is not what the transform reads (its reason is logged, its content never)."""


def encode(document):
    return base64.b64encode(json.dumps(document, separators=(",", ":"), sort_keys=True).encode("utf-8")).decode("ascii")


def process(event, transform):
    """Firehose's response for `event`: each record's decoded JSON through `transform` (which returns the document)."""
    results, failed = [], 0
    for record in event.get("records", []):
        try:
            decoded = json.loads(base64.b64decode(record["data"], validate=True).decode("utf-8"))
            document = transform(decoded)
        except Exception as e:  # noqa: BLE001  one bad record goes to S3 as ProcessingFailed; the batch goes on
            failed += 1
            LOGGER.warning("record %s failed: %s: %s", record.get("recordId"), type(e).__name__, e)
            results.append({"recordId": record.get("recordId"), "result": "ProcessingFailed", "data": record.get("data", "")})
            continue
        results.append({"recordId": record["recordId"], "result": "Ok", "data": encode(document)})
    LOGGER.info("transformed %d records, %d failed", len(results) - failed, failed)
    return {"records": results}
