#!/usr/bin/env python3
"""Do two OpenAPI documents describe the same API surface?

    tests/contract/openapi_diff.py FASTAPI.json AXUM.json

Two backends generated from the same answers must list the same paths, methods,
parameters (name, location, required) and response status codes; schemas and texts may
be worded differently. Prints one line per difference and exits 1, or exits 0 silently.
Standard library only, so any Python 3.11 runs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def surface(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each operation, keyed by (METHOD, path), with its parameters and status codes."""
    operations: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        shared = item.get("parameters") or []
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            params = {(p.get("in", ""), p.get("name", "")): bool(p.get("required", False))
                      for p in [*shared, *(op.get("parameters") or [])] if "$ref" not in p}
            operations[(method.upper(), path)] = {
                "parameters": params,
                "statuses": {str(code) for code in (op.get("responses") or {})},
            }
    return operations


def differences(left: dict[str, Any], right: dict[str, Any], names: tuple[str, str] = ("left", "right")) -> list[str]:
    """What one document lists and the other does not, one line each."""
    a, b = surface(left), surface(right)
    lines = [f"{method} {path}: only in {names[0]}" for method, path in sorted(a.keys() - b.keys())]
    lines += [f"{method} {path}: only in {names[1]}" for method, path in sorted(b.keys() - a.keys())]
    for key in sorted(a.keys() & b.keys()):
        lines += _operation_differences(f"{key[0]} {key[1]}", a[key], b[key], names)
    return lines


def _operation_differences(label: str, a: dict[str, Any], b: dict[str, Any], names: tuple[str, str]) -> list[str]:
    lines = []
    for where, name in sorted(a["parameters"].keys() - b["parameters"].keys()):
        lines.append(f"{label}: parameter {where} `{name}` only in {names[0]}")
    for where, name in sorted(b["parameters"].keys() - a["parameters"].keys()):
        lines.append(f"{label}: parameter {where} `{name}` only in {names[1]}")
    for param in sorted(a["parameters"].keys() & b["parameters"].keys()):
        if a["parameters"][param] != b["parameters"][param]:
            lines.append(f"{label}: parameter {param[0]} `{param[1]}` required in "
                         f"{names[0] if a['parameters'][param] else names[1]} only")
    for code in sorted(a["statuses"] - b["statuses"]):
        lines.append(f"{label}: status {code} only in {names[0]}")
    for code in sorted(b["statuses"] - a["statuses"]):
        lines.append(f"{label}: status {code} only in {names[1]}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    docs = [json.loads(Path(arg).read_text()) for arg in argv[1:]]
    lines = differences(docs[0], docs[1], (argv[1], argv[2]))
    for line in lines:
        print(line)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
