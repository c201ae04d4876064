"""Reads AWS config/credentials files with botocore's own loader and prints what it sees as JSON.

stdin: a JSON list of {"path": ..., "kind": "config" | "credentials"}.
stdout: a JSON list, one item per file, in order:
  {"ok": true, "sections": {header: {key: value | {nested key: value}}}, "profiles": {...},
   "defaults": {key: value | {nested key: value} | null when botocore could not parse it}}
  {"ok": false, "error": "<exception class name>"}
"profiles" is botocore's profile map: load_config's for a config file; for a credentials file
the sections themselves, as SharedCredentialProvider reads them. Errors carry no file content.
"""
import configparser
import json
import sys

from botocore.configloader import _parse_nested, build_profile_map, raw_config_parse


def read(item):
    try:
        sections = raw_config_parse(item["path"])
    except Exception as error:  # noqa: BLE001 - any refusal is a result here
        return {"ok": False, "error": type(error).__name__}
    profiles = build_profile_map(sections)["profiles"] if item["kind"] == "config" else sections
    return {"ok": True, "sections": sections, "profiles": profiles, "defaults": defaults(item["path"])}


def defaults(path):
    """The [DEFAULT] keys every section inherits, parsed as raw_config_parse parses a section's."""
    parser = configparser.RawConfigParser()
    parser.read([path])
    result = {}
    for key, value in parser.defaults().items():
        try:
            result[key] = _parse_nested(value) if value.startswith("\n") else value
        except ValueError:
            result[key] = None
    return result


def main():
    items = json.load(sys.stdin)
    json.dump([read(item) for item in items], sys.stdout)


main()
