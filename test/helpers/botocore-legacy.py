"""What botocore's OriginalEC2Provider (AWS_CREDENTIAL_FILE) and BotoProvider (BOTO_CONFIG) load
from each file, with botocore's own classes.

stdin: a JSON list of {"path": ..., "provider": "ec2-credentials-file" | "boto-config"}.
stdout: a JSON list, one item per file, in order:
  {"state": "none"} | {"state": "keys", "accessKeyId": ..., "secretAccessKey": ...}
  | {"state": "error", "error": "<exception class name>"}
Values that are not strings (a nested block under a key) are given as their JSON.
"""
import json
import sys

from botocore.credentials import BotoProvider, OriginalEC2Provider


def load(item):
    environ = {"AWS_CREDENTIAL_FILE": item["path"]} if item["provider"] == "ec2-credentials-file" else {"BOTO_CONFIG": item["path"]}
    provider = OriginalEC2Provider(environ=environ) if item["provider"] == "ec2-credentials-file" else BotoProvider(environ=environ)
    try:
        credentials = provider.load()
    except Exception as error:  # noqa: BLE001 - any refusal is a result here
        return {"state": "error", "error": type(error).__name__}
    if credentials is None:
        return {"state": "none"}
    as_text = lambda value: value if isinstance(value, str) else json.dumps(value)
    return {"state": "keys", "accessKeyId": as_text(credentials.access_key), "secretAccessKey": as_text(credentials.secret_key)}


print(json.dumps([load(item) for item in json.load(sys.stdin)]))
