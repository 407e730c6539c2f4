#!/usr/bin/env python3
"""Issue 12's end-to-end checks of a generated project's docs and security checklist.

`cargo test` (tests/generated_docs.rs, tests/security_checklist.rs) checks every
combination in memory; these checks need what only a real tree has, so tests/e2e/run
calls them in each backend row:

- after `make migrate` (`after_migrate`): every Mermaid block of docs/ and README.md
  renders with mermaid-cli in apt Chromium (one browser per row, every block tried, each
  failure named by file and block); the ERD of docs/architecture.md has exactly the
  tables and columns of the migrated database; every relative link (and #anchor) of
  docs/ and README.md resolves on disk; every `make <target>` the docs show exists (read
  from make's database, nothing run), and two of them run for real: `make help` lists
  every root target the docs show, and `make dev-backend` serves /api/health with the
  status the quickstart prints.
- after `make security-check` (`checklist_ran`): the checklist read independently of the
  project's own parser (backend/scripts/checklist.py). security-check already proves that
  every test its parser finds ran and passed; this proves the parser dropped no item: each
  Part 1 item of the file is reported PASSED, and at least as many tests ran as it cites.

Mermaid: `@mermaid-js/mermaid-cli` pinned (11.x; 12 needs Node 22) is installed once into
target/e2e-tools with PUPPETEER_SKIP_DOWNLOAD=1 and drives /usr/bin/chromium with
--no-sandbox (the suite runs as root). mmdc itself takes one Markdown file and stops at
its first failing block without naming it, so a short Node script calls its
`renderMermaid` for every block in one browser and names each failure.

A failed check raises CheckFailed with what differs. Standard library only. By hand, on a
project kept with `tests/e2e/run --keep`:

    tests/e2e/docs_checks.py PROJECT DATABASE_URL
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MERMAID_CLI = "11.9.0"
TOOLS = REPO / "target" / "e2e-tools" / f"mermaid-cli-{MERMAID_CLI}"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PUPPETEER = {"executablePath": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}
# Every block in one browser, side by side as mmdc does; every failing block is named.
RENDER_JS = """\
import { readFileSync, writeFileSync } from 'node:fs'
import puppeteer from 'puppeteer'
import { renderMermaid } from '@mermaid-js/mermaid-cli'
const [blocks, config] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')))
const browser = await puppeteer.launch(config)
const results = await Promise.allSettled(blocks.map(async (block) =>
  writeFileSync(block.svg, (await renderMermaid(browser, block.code, 'svg')).data)))
await browser.close()
const failed = results.map((r, i) => [r.reason, blocks[i].name]).filter((_, i) => results[i].status === 'rejected')
for (const [reason, name] of failed) {
  console.log(`FAILED ${name}: ${String(reason?.message ?? reason).split('\\n').slice(0, 4).join(' | ')}`)
}
process.exit(failed.length ? 1 : 0)
"""
# What docs/quickstart.md says `curl localhost:8000/api/health` answers.
HEALTH = {"status": "ok", "database": "ok"}


# sha256 of every block this process rendered (rows run in threads of one process).
_RENDERED: set[str] = set()
_RENDERED_LOCK = threading.Lock()


class CheckFailed(Exception):
    pass


Check = tuple[str, Callable[[], None]]


def after_migrate(project: Path, env: dict[str, str], make_vars: dict[str, str], pg_bin: Path) -> list[Check]:
    """The checks of a backend row once DATABASE_URL (in env) is freshly migrated."""
    return [
        ("mermaid", lambda: mermaid_renders(project)),
        ("erd", lambda: erd_matches(project, env["DATABASE_URL"], pg_bin / "psql")),
        ("links", lambda: links_resolve(project)),
        ("doc commands", lambda: doc_commands_work(project, env, make_vars)),
    ]


# --- Mermaid -------------------------------------------------------------------------

def install_mermaid_cli() -> None:
    """npm install once per machine and version (staged, then renamed); the render script
    and the puppeteer config are rewritten on every run."""
    if not (TOOLS / "node_modules" / "@mermaid-js" / "mermaid-cli").is_dir():
        staged = TOOLS.with_name(TOOLS.name + ".tmp")
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir(parents=True)
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        proc = subprocess.run(["npm", "install", "--prefix", str(staged), "--no-audit", "--no-fund",
                               f"@mermaid-js/mermaid-cli@{MERMAID_CLI}"], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        if proc.returncode != 0:
            raise CheckFailed(f"npm install @mermaid-js/mermaid-cli@{MERMAID_CLI} failed:\n{proc.stdout[-2000:]}")
        shutil.rmtree(TOOLS, ignore_errors=True)
        staged.rename(TOOLS)
    (TOOLS / "puppeteer.json").write_text(json.dumps(PUPPETEER))
    (TOOLS / "render.mjs").write_text(RENDER_JS)


def docs_files(project: Path) -> list[Path]:
    return [project / "README.md", *sorted((project / "docs").rglob("*.md"))]


def mermaid_blocks(project: Path) -> Iterator[tuple[str, str]]:
    """(`docs/x.md block N (line L)`, code) for every ```mermaid fence."""
    for path in docs_files(project):
        lines = path.read_text(encoding="utf-8").splitlines()
        starts = [i for i, line in enumerate(lines) if line.strip() == "```mermaid"]
        for n, start in enumerate(starts, 1):
            end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "```")
            name = f"{path.relative_to(project)} block {n} (line {start + 1})"
            yield name, "\n".join(lines[start + 1:end]) + "\n"


def mermaid_renders(project: Path) -> None:
    """Every block to SVG under PROJECT/.e2e/diagrams, one browser for all of them. Rows of
    one run share many diagrams: a block this process already rendered (same text, same
    pinned mermaid-cli) is not rendered again."""
    out = project / ".e2e" / "diagrams"
    out.mkdir(parents=True, exist_ok=True)
    blocks = [{"name": name, "code": code, "svg": str(out / f"{i:02}.svg")}
              for i, (name, code) in enumerate(mermaid_blocks(project), 1)]
    if not blocks:
        raise CheckFailed("no ```mermaid block in docs/ or README.md")
    with _RENDERED_LOCK:
        todo = [b for b in blocks if _digest(b["code"]) not in _RENDERED]
    if todo:
        render(todo, out / "blocks.json")
    with _RENDERED_LOCK:
        _RENDERED.update(_digest(b["code"]) for b in todo)


def render(blocks: list[dict[str, str]], listing: Path) -> None:
    listing.write_text(json.dumps(blocks))
    proc = subprocess.run(["node", str(TOOLS / "render.mjs"), str(listing), str(TOOLS / "puppeteer.json")],
                          cwd=TOOLS, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if proc.returncode != 0:
        raise CheckFailed(f"mermaid-cli {MERMAID_CLI}: {proc.stdout.strip() or proc.stderr[-2000:]}")
    missing = [b["name"] for b in blocks if not Path(b["svg"]).is_file() or not Path(b["svg"]).stat().st_size]
    if missing:
        raise CheckFailed(f"mermaid-cli {MERMAID_CLI} wrote no SVG for {missing}")


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


# --- ERD -----------------------------------------------------------------------------

def erd_columns(architecture: str) -> set[str]:
    """`table.column` of every entity attribute of the erDiagram block."""
    block = re.search(r"^```mermaid\n\s*erDiagram\n(.*?)^```", architecture, re.M | re.S)
    if not block:
        raise CheckFailed("docs/architecture.md has no erDiagram block")
    columns: set[str] = set()
    for entity, body in re.findall(r"^\s*(\w+)\s*\{\n(.*?)^\s*\}", block[1], re.M | re.S):
        columns |= {f"{entity}.{m[1]}" for m in re.finditer(r"^\s*\S+\s+(\w+)", body, re.M)}
    return columns


def schema_columns(database_url: str, psql: Path) -> set[str]:
    """`table.column` of every base table in the public schema, the migration tools' own
    tables excluded (alembic_version: FastAPI; _sqlx_migrations: Axum)."""
    query = ("SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c "
             "JOIN information_schema.tables t USING (table_schema, table_name) "
             "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
             "AND c.table_name NOT IN ('alembic_version', '_sqlx_migrations')")
    proc = subprocess.run([str(psql), "-X", "-At", "-d", database_url, "-c", query], text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    if proc.returncode != 0:
        raise CheckFailed(f"psql: {proc.stdout}")
    return set(proc.stdout.split())


def erd_matches(project: Path, database_url: str, psql: Path) -> None:
    erd = erd_columns((project / "docs" / "architecture.md").read_text(encoding="utf-8"))
    schema = schema_columns(database_url, psql)
    if erd != schema:
        raise CheckFailed("the ERD in docs/architecture.md differs from the migrated schema:\n"
                          f"  only in the ERD:    {sorted(erd - schema)}\n"
                          f"  only in the schema: {sorted(schema - erd)}")


# --- links ---------------------------------------------------------------------------

def prose(markdown: str) -> str:
    """Markdown without fenced blocks and code spans (as tests/generated_docs.rs reads it)."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            out.append("".join(line.split("`")[::2]))
    return "\n".join(out)


def anchors(markdown: str) -> set[str]:
    """GitHub's anchors of the file's headings."""
    titles = (line.lstrip("#").strip().lower() for line in prose(markdown).splitlines() if line.startswith("#"))
    return {"".join("-" if c == " " else c for c in t if c.isalnum() or c in " -_") for t in titles}


def broken_links(project: Path) -> list[str]:
    broken = []
    for path in docs_files(project):
        text = prose(path.read_text(encoding="utf-8"))
        targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"^\[[^\]]+\]:\s*(\S+)", text, re.M)
        for target in targets:
            if "://" in target or target.startswith("mailto:"):
                continue
            file, _, anchor = target.partition("#")
            resolved = (path.parent / file).resolve() if file else path
            ok = resolved.exists() and resolved.is_relative_to(project.resolve())
            if ok and anchor:
                ok = resolved.is_file() and anchor in anchors(resolved.read_text(encoding="utf-8"))
            if not ok:
                broken.append(f"{path.relative_to(project)} -> {target}")
    return broken


def links_resolve(project: Path) -> None:
    if broken := broken_links(project):
        raise CheckFailed("relative links that do not resolve on disk:\n  " + "\n  ".join(broken))


# --- the docs' commands --------------------------------------------------------------

def documented_make_targets(project: Path) -> set[tuple[str, str]]:
    """(folder, target) of every `make ...` command the docs show: fenced lines and code
    spans that start with `make` (prose like "make sure" is not a command)."""
    commands: list[str] = []
    for path in docs_files(project):
        fenced = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif fenced:
                commands.append(line.split("#")[0].strip().removeprefix("$ "))
            else:
                commands += line.split("`")[1::2]
    found = set()
    for command in (c for c in commands if c.startswith("make ")):
        words, folder = command.split()[1:], "."
        while words and words[0].startswith("-"):
            flag = words.pop(0)
            if flag == "-C" and words:
                folder = words.pop(0)
        found |= {(folder, w) for w in words if re.fullmatch(r"[a-z][a-z0-9-]*", w)}
    return found


def makefile_targets(folder: Path) -> set[str]:
    """Targets of a Makefile from make's own database (`make -pq`), nothing executed."""
    proc = subprocess.run(["make", "-pq", "-C", str(folder), "-f", "Makefile", ".e2e-no-such-target"],
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          env={**os.environ, "LC_ALL": "C"}, timeout=60)
    return set(re.findall(r"^([a-zA-Z0-9][\w.-]*):(?!=)", proc.stdout, re.M))


def doc_commands_work(project: Path, env: dict[str, str], make_vars: dict[str, str]) -> None:
    documented = documented_make_targets(project)
    missing = [f"make -C {d} {t}" if d != "." else f"make {t}" for d, t in sorted(documented)
               if t not in makefile_targets(project / d)]
    if missing:
        raise CheckFailed(f"the docs show targets the Makefile lacks: {missing}")
    # The quickstart: "`make help` lists every task".
    help_text = make_output(project, env, ["help"])
    unlisted = sorted(t for d, t in documented if d == "." and not re.search(rf"make {t}\s", help_text))
    if unlisted:
        raise CheckFailed(f"`make help` does not list {unlisted}:\n{help_text}")
    health_answers(project, env, make_vars)


def make_output(project: Path, env: dict[str, str], args: list[str]) -> str:
    proc = subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    if proc.returncode != 0:
        raise CheckFailed(f"`make {' '.join(args)}` exited {proc.returncode}:\n{proc.stdout[-2000:]}")
    return proc.stdout


def health_answers(project: Path, env: dict[str, str], make_vars: dict[str, str]) -> None:
    """The quickstart: `make dev-backend`, then /api/health answers status and database ok."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = project / ".e2e" / "dev-backend.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = ["make", "--no-print-directory", "dev-backend", f"PORT={port}", *(f"{k}={v}" for k, v in make_vars.items())]
    with log.open("w") as out:
        server = subprocess.Popen(args, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        body = poll_json(f"http://127.0.0.1:{port}/api/health", 60)
    except CheckFailed as e:
        raise CheckFailed(f"{e}\n{log.read_text()[-2000:]}") from e
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
    if {k: body.get(k) for k in HEALTH} != HEALTH:
        raise CheckFailed(f"/api/health answered {body}, the quickstart says {HEALTH}")


def poll_json(url: str, seconds: int) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - a local URL
                return dict(json.load(r))
        except urllib.error.HTTPError as e:  # the server is up and refused: its body says why
            return {"http_status": e.code, **json.load(e)}
        except OSError:
            time.sleep(0.5)
    raise CheckFailed(f"{url} did not answer within {seconds}s")


# --- the checklist -------------------------------------------------------------------

def checklist_ran(project: Path, security_check_output: str) -> None:
    """Each Part 1 item of SECURITY_CHECKLIST.md, read here with a looser pattern than the
    project's parser, is reported PASSED, and at least as many tests ran as Part 1 cites."""
    text = (project / "SECURITY_CHECKLIST.md").read_text(encoding="utf-8")
    part1 = text.split("## Part 1", 1)[-1].split("\n## Part 2", 1)[0]
    items = re.findall(r"^\s*[-*] \[.\]\s+\*\*(\w+)\*\*", part1, re.M)
    cited = set(re.findall(r"`backend/(tests/[^`]+::[^`]+)`", part1))
    passed = set(re.findall(r"^\s+PASSED\s+(\w+)\s", security_check_output, re.M))
    runs = re.search(r"Part 1: .*?\((\d+) items, (\d+) test runs\)", security_check_output)
    problems = [f"{item} is not reported PASSED" for item in items if item not in passed]
    if not items or not cited:
        problems.append(f"no Part 1 item or no cited test found ({len(items)} items, {len(cited)} tests)")
    if not runs or int(runs[1]) != len(items) or int(runs[2]) < len(cited):
        problems.append(f"security-check reports {runs[0] if runs else 'no Part 1 line'}; the file has "
                        f"{len(items)} items citing {len(cited)} tests")
    if problems:
        raise CheckFailed("SECURITY_CHECKLIST.md vs `make security-check`:\n  " + "\n  ".join(problems))


def main() -> int:
    """Runs the after-migrate checks on a kept project (see the module doc)."""
    project, database_url = Path(sys.argv[1]).resolve(), sys.argv[2]
    install_mermaid_cli()
    env = {**os.environ, "DATABASE_URL": database_url, "UV_PYTHON_DOWNLOADS": "never"}
    pg_bin = Path(shutil.which("psql") or "/usr/bin/psql").parent
    failed = 0
    for label, check in after_migrate(project, env, {"UV_RUN": "uv run --no-sync"}, pg_bin):
        t = time.monotonic()
        try:
            check()
            print(f"ok     {label} ({time.monotonic() - t:.1f}s)")
        except CheckFailed as e:
            failed += 1
            print(f"FAILED {label} ({time.monotonic() - t:.1f}s): {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
