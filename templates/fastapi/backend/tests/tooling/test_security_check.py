"""`make security-check`: one pytest run over the cited ids, and a verdict per item."""

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from scripts.security_check import Runner, main, run_tests, verdict_of

CHECKLIST = """## Part 1: what the code does

- [x] **C01** Tokens are checked.
  Tests: `backend/tests/test_a.py::test_one`, `backend/tests/test_a.py::test_two`

- [x] **C02** Bodies are checked.
  Tests: `backend/tests/test_b.py::test_three`

## Part 2: what you must do before launch

- [ ] **O01** RECOMMENDED: Watch the health check.
- [x] **O02** CRITICAL: Already done.
- [ ] **O03** CRITICAL: Harden the database.
"""

ALL_PASSED = {
    "tests/test_a.py::test_one": "passed",
    "tests/test_a.py::test_two[x]": "passed",
    "tests/test_a.py::test_two[y]": "passed",
    "tests/test_b.py::test_three": "passed",
}


def _project(tmp_path: Path, checklist: str = CHECKLIST) -> Path:
    (tmp_path / "SECURITY_CHECKLIST.md").write_text(checklist, encoding="utf-8")
    (tmp_path / "backend").mkdir()
    return tmp_path


def _runner(outcomes: Mapping[str, str], asked: list[list[str]]) -> Runner:
    def run(test_ids: Sequence[str], backend: Path) -> Mapping[str, str]:
        asked.append(list(test_ids))
        return outcomes

    return run


@pytest.mark.parametrize(
    ("outcomes", "verdict"),
    [
        ({"t.py::test_a": "passed"}, "passed"),
        ({"t.py::test_a[1]": "passed", "t.py::test_a[2]": "passed"}, "passed"),
        ({"t.py::test_a[1]": "passed", "t.py::test_a[2]": "failed"}, "failed"),
        ({"t.py::test_a": "skipped"}, "skipped"),
        ({"t.py::test_ab": "passed", "t.py::test_b": "passed"}, "not run"),
        ({}, "not run"),
    ],
)
def test_a_cited_id_passes_only_when_every_parameter_passed(
    outcomes: dict[str, str], verdict: str
) -> None:
    assert verdict_of("t.py::test_a", outcomes) == verdict


def test_every_item_passes_and_open_items_are_listed_by_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    asked: list[list[str]] = []

    status = main(root, root / "backend", _runner(ALL_PASSED, asked), {})

    out = capsys.readouterr().out
    assert status == 0
    assert asked == [
        ["tests/test_a.py::test_one", "tests/test_a.py::test_two", "tests/test_b.py::test_three"]
    ]
    assert "  PASSED  C01 Tokens are checked." in out
    assert "  PASSED  C02 Bodies are checked." in out
    part2 = out.split("Part 2")[1]
    assert part2.index("O03") < part2.index("O01")
    assert "O02" not in part2
    assert "security-check: every item PASSED" in out


def test_a_renamed_test_fails_its_item_as_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    outcomes = {k: v for k, v in ALL_PASSED.items() if "test_three" not in k}
    outcomes["tests/test_b.py::test_three_renamed"] = "passed"

    status = main(root, root / "backend", _runner(outcomes, []), {})

    out = capsys.readouterr().out
    assert status == 1
    assert "  PASSED  C01 Tokens are checked." in out
    assert "  FAILED  C02 Bodies are checked." in out
    assert "tests/test_b.py::test_three: not run" in out
    assert "security-check: FAILED (1 items, 0 local checks)" in out


def test_a_failing_parameter_fails_its_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    outcomes = {**ALL_PASSED, "tests/test_a.py::test_two[y]": "failed"}

    status = main(root, root / "backend", _runner(outcomes, []), {})

    assert status == 1
    assert "tests/test_a.py::test_two: failed" in capsys.readouterr().out


def test_a_missing_or_broken_checklist_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(tmp_path, tmp_path, _runner({}, []), {}) == 2
    root = _project(tmp_path, "## Part 1\n- [x] **C01** No tests.\n")
    assert main(root, root / "backend", _runner({}, []), {}) == 2
    assert "C01 is in Part 1 but names no test" in capsys.readouterr().err


def test_one_pytest_run_keeps_only_the_cited_ids_and_records_outcomes(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_sample.py").write_text(
        "import pytest\n\n\n"
        "def test_kept():\n    pass\n\n\n"
        "def test_failing():\n    raise AssertionError\n\n\n"
        "@pytest.mark.parametrize('n', [1, 2])\n"
        "def test_params(n):\n    pass\n\n\n"
        "def test_not_cited():\n    raise AssertionError\n",
        encoding="utf-8",
    )
    cited = [
        "tests/test_sample.py::test_kept",
        "tests/test_sample.py::test_failing",
        "tests/test_sample.py::test_params",
        "tests/test_sample.py::test_renamed_away",
        "tests/test_gone.py::test_whole_file_removed",
    ]

    outcomes = run_tests(cited, tmp_path)

    assert outcomes == {
        "tests/test_sample.py::test_kept": "passed",
        "tests/test_sample.py::test_failing": "failed",
        "tests/test_sample.py::test_params[1]": "passed",
        "tests/test_sample.py::test_params[2]": "passed",
    }


def test_no_existing_file_means_no_run(tmp_path: Path) -> None:
    assert run_tests(["tests/test_gone.py::test_a"], tmp_path) == {}
