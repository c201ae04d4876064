"""Computes the AWS CLI cache key botocore itself would use for profiles of config files.

stdin: a JSON list of {"config": path, "credentials": path, "profile": name,
       "provider": "assume-role" | "assume-role-with-web-identity" | "sso", "env": {name: value}}.
stdout: a JSON list, one item per entry: {"key": "<40 hex>"} or {"key": null, "error": "<class>"}
when the provider yields no credentials or refuses the profile. Nothing is fetched: botocore's
providers return deferred credentials, whose fetcher computes the key from the loaded config.
"""
import json
import os
import sys

import botocore.session
from botocore.credentials import create_credential_resolver


def fetcher_of(credentials):
    refresh = credentials._refresh_using
    if hasattr(refresh, "_refresh"):  # the MFA wrapper
        refresh = refresh._refresh
    return refresh.__self__


# One session for every case (creating one costs tens of milliseconds): each case points it at its
# own files and drops the config it loaded before.
SESSION = botocore.session.Session()


def key_of(item):
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(
            {
                "AWS_CONFIG_FILE": item["config"],
                "AWS_SHARED_CREDENTIALS_FILE": item["credentials"],
                "AWS_EC2_METADATA_DISABLED": "true",
                **item.get("env", {}),
            }
        )
        session = SESSION
        session.set_config_variable("config_file", item["config"])
        session.set_config_variable("credentials_file", item["credentials"])
        session.set_config_variable("profile", item["profile"])
        session._config = None
        provider = create_credential_resolver(session).get_provider(item["provider"])
        credentials = provider.load()
        if credentials is None:
            return {"key": None, "error": "NoCredentials"}
        return {"key": fetcher_of(credentials)._create_cache_key()}
    except Exception as error:  # noqa: BLE001 - a refusal is a result here
        return {"key": None, "error": type(error).__name__}
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main():
    items = json.load(sys.stdin)
    json.dump([key_of(item) for item in items], sys.stdout)


main()
