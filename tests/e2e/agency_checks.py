"""Agency rows: the module boundaries bite, and `make docs-pdf` writes branded PDFs (issue 14).

`make lint` runs import-linter with the contracts in backend/pyproject.toml. This adds an
import the contracts forbid (the audit log importing the users module), expects
`make lint-backend` to fail naming the broken contract, removes it and expects success.

`make docs-pdf` renders every docs/*.md (and the checklist) to docs/pdf/. The check reads
the handoff PDF with poppler-utils (apt; `ensure_tools`): more than one page (the title
page, then the text), the brand name in its text, and the Mermaid diagrams of
architecture.md as images, not source text. It reuses the e2e suite's mermaid-cli
(MERMAID_TOOLS) rather than installing it again into each project.
Standard library only; `run` calls `checks` after its own lint step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import docs_checks

FORBIDDEN = "\n\nfrom app.services import users as _users  # noqa: E402, F401\n"
CONTRACT = "The audit log is a leaf: it imports no other domain module"


class CheckFailed(Exception):
    pass


def checks(project: Path, lint: Callable[[], object]) -> list[tuple[str, Callable[[], None]]]:
    """The steps for this project: none unless it is an Agency project (boundaries: FastAPI)."""
    steps: list[tuple[str, Callable[[], None]]] = []
    pyproject = project / "backend" / "pyproject.toml"
    if pyproject.exists() and CONTRACT in pyproject.read_text(encoding="utf-8"):
        steps.append(("boundaries bite", lambda: boundaries_bite(project, lint)))
    if (project / "scripts" / "docs_pdf.py").exists():
        steps.append(("docs pdf", lambda: docs_pdf(project)))
    return steps


def ensure_tools(log: Callable[[str], None]) -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdfimages") is None:
        log("installing poppler-utils (apt)")
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                       "poppler-utils", shell=True, check=False, timeout=1200)


def output(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, check=False, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=900)
    if proc.returncode != 0:
        raise CheckFailed(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}")
    return proc.stdout


def docs_pdf(project: Path) -> None:
    env = {**os.environ, "MERMAID_TOOLS": str(docs_checks.TOOLS), "CHROMIUM_PATH": docs_checks.CHROMIUM}
    log = output(["make", "docs-pdf"], project, env)
    brand = tomllib.loads((project / ".saasgen.toml").read_text())["answers"]["brand"]["name"]
    pdf = project / "docs" / "pdf" / "handoff.pdf"
    pages = int(next(line.split()[-1] for line in output(["pdfinfo", str(pdf)], project).splitlines()
                     if line.startswith("Pages:")))
    if pages < 2:
        raise CheckFailed(f"docs/pdf/handoff.pdf has {pages} page(s), expected a title page and text")
    if brand not in output(["pdftotext", "-layout", str(pdf), "-"], project):
        raise CheckFailed(f"docs/pdf/handoff.pdf does not name the brand {brand!r}")
    missing = [md.stem for md in (project / "docs").glob("*.md") if not (pdf.parent / f"{md.stem}.pdf").exists()]
    if missing:
        raise CheckFailed(f"make docs-pdf wrote no PDF for docs/{missing}.md:\n{log}")
    diagrams = (project / "docs" / "architecture.md").read_text().count("```mermaid")
    images = output(["pdfimages", "-list", str(pdf.parent / "architecture.pdf")], project).splitlines()[2:]
    if len(images) < diagrams:
        raise CheckFailed(f"docs/pdf/architecture.pdf has {len(images)} images for {diagrams} Mermaid diagrams:\n{log}")


def boundaries_bite(project: Path, lint: Callable[[], object]) -> None:
    target = project / "backend" / "app" / "services" / "audit.py"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + FORBIDDEN, encoding="utf-8")
    try:
        try:
            lint()
        except Exception as e:
            if CONTRACT not in str(e) or "broken" not in str(e).lower():
                raise CheckFailed(f"make lint failed, but not on the boundary:\n{e}") from e
        else:
            raise CheckFailed("make lint passed with app.services.audit importing app.services.users")
    finally:
        target.write_text(original, encoding="utf-8")
    lint()
