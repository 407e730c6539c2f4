"""The `update` part of the end-to-end suite: switching answers on a living project.

A Starter/Stripe API-only FastAPI project is generated and edited by its owner (a line in
a generated module, a line in the README, a test of their own), then
`saasgen update --tier pro --billing paddle` runs on it. It must end without conflicts,
keep every owner edit, remove Stripe's files and add Pro's and Paddle's, and leave no
staging folder or journal beside the project; then
tests/e2e/run drives the updated project through the backend row's steps (setup, lint,
types, migrations, docs checks, the whole test suite, the security checklist), which
must pass as for a freshly generated Pro/Paddle project.

Standard library only; tests/e2e/run lends `run` and its failure type.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

# The project before the update, and the answers the update switches to.
ANSWERS = {"backend": "fastapi", "frontend": "none", "ci": "github", "tier": "starter",
           "auth": "clerk", "billing": "stripe"}
SWITCH = ["--tier", "pro", "--billing", "paddle"]

MAIN_LINE = "# owner: our own note, kept across saasgen update\n"
README_LINE = "\nOur team's notes: deploys go through the ops channel.\n"
OWNER_TEST = "backend/tests/test_owner.py"
OWNER_TEST_TEXT = '''"""The owner's own test: saasgen update never touches it."""


def test_the_owner_test_still_runs() -> None:
    assert sum([1, 2]) == 3
'''


def edit(project: Path) -> None:
    """The owner's edits, made before the update (the row's `prepare`)."""
    with (project / "backend/app/main.py").open("a") as f:
        f.write(MAIN_LINE)
    with (project / "README.md").open("a") as f:
        f.write(README_LINE)
    (project / OWNER_TEST).write_text(OWNER_TEST_TEXT)


Run = Callable[..., subprocess.CompletedProcess[str]]


def update(binary: Path, project: Path, run: Run, failed: type[Exception]) -> None:
    """Runs the update and checks what it did to the owner's and saasgen's files."""
    proc = run([str(binary), "update", *SWITCH], cwd=project, check=False)
    if proc.returncode != 0:
        raise failed(f"`saasgen update {' '.join(SWITCH)}` exited {proc.returncode}:\n{proc.stdout[-3000:]}")
    problems = []
    if not (project / "backend/app/main.py").read_text().endswith(MAIN_LINE):
        problems.append("the owner's line in backend/app/main.py is gone")
    if README_LINE.strip() not in (project / "README.md").read_text():
        problems.append("the owner's README line is gone")
    if (project / OWNER_TEST).read_text() != OWNER_TEST_TEXT:
        problems.append(f"{OWNER_TEST} changed")
    if (project / "backend/app/services/billing/stripe.py").exists():
        problems.append("Stripe's adapter is still there")
    for added in ("backend/app/services/billing/paddle.py", "backend/app/models/organization.py"):
        if not (project / added).exists():
            problems.append(f"{added} was not added")
    answers = (project / ".saasgen.toml").read_text()
    if 'billing = "paddle"' not in answers or 'tier = "pro"' not in answers:
        problems.append(".saasgen.toml does not record the new answers")
    leftovers = sorted(p.name for p in project.parent.glob(f".{project.name}.saasgen-update-*"))
    if leftovers:
        problems.append(f"the update's staging folder or journal was left beside the project: {leftovers}")
    if problems:
        raise failed("; ".join(problems) + f"\n{proc.stdout[-2000:]}")
