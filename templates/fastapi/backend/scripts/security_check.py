"""`make security-check`: prove SECURITY_CHECKLIST.md's Part 1 and list what is left.

1. Runs exactly the tests Part 1 cites, in one pytest run (scripts/checklist_plugin.py
   selects them and records each outcome), and prints every item PASSED or FAILED. An item
   fails when one of its tests failed, was skipped or did not run at all: a renamed or
   removed test fails its item instead of silently dropping it.
2. Runs the local checks (scripts/local_checks.py).
3. Lists the Part 2 items not yet ticked, by level.

Exit status: 0 when every item and local check passed, 1 otherwise, 2 when the checklist
cannot be read. Like `make test`, it needs TEST_DATABASE_URL.
"""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from scripts import checklist_plugin
from scripts.checklist import LEVELS, ChecklistError, Item, cited_tests, parse
from scripts.local_checks import (
    Check,
    env_not_tracked,
    environment_name,
    no_placeholder_secrets,
    production_guard,
)

BACKEND = Path(__file__).resolve().parent.parent
ROOT = BACKEND.parent
CHECKLIST_NAME = "SECURITY_CHECKLIST.md"

# Runs the given node ids under `backend` and answers node id -> outcome.
Runner = Callable[[Sequence[str], Path], Mapping[str, str]]


def run_tests(test_ids: Sequence[str], backend: Path) -> dict[str, str]:
    """One pytest run over the files of `test_ids`, keeping only those ids."""
    files = sorted({test.split("::", 1)[0] for test in test_ids})
    existing = [path for path in files if (backend / path).is_file()]
    if not existing:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.json"
        env = {
            **os.environ,
            checklist_plugin.IDS_VARIABLE: "\n".join(test_ids),
            checklist_plugin.RESULTS_VARIABLE: str(results),
            "PYTHONPATH": _python_path(),
        }
        command = [sys.executable, "-m", "pytest", "-p", "scripts.checklist_plugin", "--no-cov"]
        command += ["-p", "no:cacheprovider", "-q", "--rootdir", str(backend), *existing]
        # This interpreter running pytest on the project's own test files.
        subprocess.run(command, cwd=backend, env=env, check=False)  # noqa: S603
        if not results.is_file():
            return {}
        outcomes: dict[str, str] = json.loads(results.read_text(encoding="utf-8"))
        return outcomes


def _python_path() -> str:
    """This backend first, so `-p scripts.checklist_plugin` imports whatever the cwd."""
    return os.pathsep.join(filter(None, [str(BACKEND), os.environ.get("PYTHONPATH")]))


def verdict_of(test_id: str, outcomes: Mapping[str, str]) -> str:
    """The verdict on a cited id over all its parameters: passed, failed, skipped, not run."""
    found = [
        outcome
        for nodeid, outcome in outcomes.items()
        if checklist_plugin.base_id(nodeid) == test_id
    ]
    if not found:
        return "not run"
    for bad in ("failed", "skipped"):
        if bad in found:
            return bad
    return "passed"


def item_problems(item: Item, outcomes: Mapping[str, str]) -> list[str]:
    """`test: verdict` for each of the item's tests that did not pass."""
    verdicts = {test: verdict_of(test, outcomes) for test in item.tests}
    return [f"{test}: {verdict}" for test, verdict in verdicts.items() if verdict != "passed"]


def report_part1(items: Sequence[Item], outcomes: Mapping[str, str]) -> int:
    """Prints every Part 1 item's verdict; answers how many failed."""
    tested = [item for item in items if item.part == 1]
    print(f"\nPart 1: what the code does ({len(tested)} items, {len(outcomes)} test runs)")
    failed = 0
    for item in tested:
        problems = item_problems(item, outcomes)
        failed += bool(problems)
        print(f"  {'FAILED' if problems else 'PASSED'}  {item.id} {item.title}")
        for problem in problems:
            print(f"            {problem}")
    return failed


def local_checks(root: Path, backend: Path, environ: Mapping[str, str]) -> list[Check]:
    environment = environment_name(root, environ)
    return [
        env_not_tracked(root),
        no_placeholder_secrets(root, environment),
        production_guard(backend, environ, environment),
    ]


def report_checks(checks: Sequence[Check]) -> int:
    """Prints the local checks; answers how many failed."""
    print("\nLocal checks")
    for check in checks:
        detail = f": {check.detail}" if check.detail else ""
        print(f"  {check.verdict:<7} {check.name}{detail}")
    return sum(check.verdict == "FAILED" for check in checks)


def report_open(items: Sequence[Item]) -> None:
    """Prints the Part 2 items not yet ticked, most urgent level first."""
    open_items = [item for item in items if item.part == 2 and not item.done]
    print(f"\nPart 2: open items for the owner ({len(open_items)}, see {CHECKLIST_NAME})")
    for level in LEVELS:
        for item in (item for item in open_items if item.level == level):
            print(f"  {level:<11} {item.id} {item.title}")


def main(
    root: Path = ROOT,
    backend: Path = BACKEND,
    runner: Runner = run_tests,
    environ: Mapping[str, str] = os.environ,
) -> int:
    try:
        items = parse((root / CHECKLIST_NAME).read_text(encoding="utf-8"))
    except (OSError, ChecklistError) as error:
        print(f"security-check: {CHECKLIST_NAME}: {error}", file=sys.stderr)
        return 2
    outcomes = runner(cited_tests(items), backend)
    failed_items = report_part1(items, outcomes)
    failed_checks = report_checks(local_checks(root, backend, environ))
    report_open(items)
    if failed_items or failed_checks:
        print(f"\nsecurity-check: FAILED ({failed_items} items, {failed_checks} local checks)")
        return 1
    print("\nsecurity-check: every item PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
