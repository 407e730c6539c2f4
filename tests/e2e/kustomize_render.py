#!/usr/bin/env python3
"""Renders a generated project's kustomize overlay without the kustomize binary.

    kustomize_render.py OVERLAY_DIR > rendered.yaml

saasgen's e2e suite validates the rendered manifests (kubernetes-validate); the machines
it runs on have no kustomize. This covers exactly the kustomization fields the generated
overlays use, with kustomize's semantics for them, and refuses any other field, so a
template that starts using one fails here instead of being rendered wrong:
- `resources`: files (one or more YAML documents) and directories (their kustomization);
- `patches` with `path`: strategic-merge patches, matched by kind and name; maps merge,
  lists of maps with a `name` (containers, env, ports, volumes) merge by name, any other
  value or list is replaced;
- `namespace`: set on every resource;
- `images`: `name` -> `newName`/`newTag` on every container image of that name.
Needs PyYAML (a dependency of kubernetes-validate, which validates the output).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

SUPPORTED = {"apiVersion", "kind", "resources", "patches", "namespace", "images"}


class RenderError(Exception):
    pass


def load_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def build(directory: Path) -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise RenderError(f"{directory}/kustomization.yaml: unsupported fields {sorted(unknown)}")
    resources: list[dict[str, Any]] = []
    for entry in kustomization.get("resources", []):
        path = directory / entry
        resources += build(path) if path.is_dir() else load_documents(path)
    for patch in kustomization.get("patches", []):
        if set(patch) != {"path"}:
            raise RenderError(f"{directory}: only `patches: - path:` is supported, got {patch}")
        for doc in load_documents(directory / patch["path"]):
            merge(find(resources, doc, directory / patch["path"]), doc)
    if "namespace" in kustomization:
        for resource in resources:
            resource.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
    for image in kustomization.get("images", []):
        retag(resources, image)
    return resources


def find(resources: list[dict[str, Any]], patch: dict[str, Any], origin: Path) -> dict[str, Any]:
    key = (patch.get("kind"), patch.get("metadata", {}).get("name"))
    for resource in resources:
        if (resource.get("kind"), resource.get("metadata", {}).get("name")) == key:
            return resource
    raise RenderError(f"{origin}: the patch's target {key} is not a resource")


def merge(base: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            merge(current, value)
        elif isinstance(current, list) and isinstance(value, list) and named(current) and named(value):
            by_name = {item["name"]: item for item in current}
            for item in value:
                if item["name"] in by_name:
                    merge(by_name[item["name"]], item)
                else:
                    current.append(item)
        else:
            base[key] = value


def named(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "name" in item for item in items)


def containers(resource: dict[str, Any]) -> list[dict[str, Any]]:
    spec = resource.get("spec", {}).get("template", {}).get("spec", {})
    return list(spec.get("containers", [])) + list(spec.get("initContainers", []))


def retag(resources: list[dict[str, Any]], image: dict[str, str]) -> None:
    for resource in resources:
        for container in containers(resource):
            name, _, tag = container.get("image", "").partition(":")
            if name == image["name"]:
                new_tag = image.get("newTag", tag)
                container["image"] = image.get("newName", name) + (f":{new_tag}" if new_tag else "")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        resources = build(Path(sys.argv[1]))
    except (RenderError, OSError, yaml.YAMLError) as e:
        print(f"kustomize_render: {e}", file=sys.stderr)
        return 1
    yaml.safe_dump_all(resources, sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
