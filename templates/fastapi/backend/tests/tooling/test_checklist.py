"""The line format of SECURITY_CHECKLIST.md as `make security-check` reads it."""

import pytest

from scripts.checklist import ChecklistError, cited_tests, parse

SAMPLE = """# Security checklist

Intro text with a stray `backend/tests/test_x.py::test_not_an_item` reference.

## Part 1: what the code does

- [x] **C01** Tokens are checked.
  Tests: `backend/tests/core/test_auth.py::test_a`, `backend/tests/core/test_auth.py::test_b`

- [x] **C02** Bodies are checked.
  Tests: `backend/tests/test_bodies.py::TestBodies::test_c`,
  Tests: `backend/tests/core/test_auth.py::test_a`

## Part 2: what you must do before launch

- [ ] **O01** CRITICAL: Harden the database.
  Do: `CREATE ROLE ...`
- [x] **O02** HIGH: Back up.
- [ ] **O03** RECOMMENDED: Watch the health check.
"""


def test_items_are_read_with_their_part_level_state_and_tests() -> None:
    items = parse(SAMPLE)

    assert [(i.id, i.part, i.level, i.done) for i in items] == [
        ("C01", 1, None, True),
        ("C02", 1, None, True),
        ("O01", 2, "CRITICAL", False),
        ("O02", 2, "HIGH", True),
        ("O03", 2, "RECOMMENDED", False),
    ]
    assert items[0].title == "Tokens are checked."
    assert items[0].tests == ["tests/core/test_auth.py::test_a", "tests/core/test_auth.py::test_b"]
    assert items[1].tests[0] == "tests/test_bodies.py::TestBodies::test_c"


def test_cited_tests_are_listed_once_in_checklist_order() -> None:
    assert cited_tests(parse(SAMPLE)) == [
        "tests/core/test_auth.py::test_a",
        "tests/core/test_auth.py::test_b",
        "tests/test_bodies.py::TestBodies::test_c",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- [x] **C01** Early.\n## Part 1\n", "line 1: item C01 comes before `## Part 1`"),
        ("## Part 1\n- [x] **C01** No tests.\n", "C01 is in Part 1 but names no test"),
        (
            "## Part 1\n- [x] **C01** A.\n  Tests: none here\n",
            "line 3: no `backend/tests/...::test_name` id found",
        ),
        (
            "## Part 1\n- [x] **C01** A.\n  Tests: `backend/tests/t.py::test_a`\n"
            "## Part 2\n- [ ] **O01** Do it.\n",
            "O01 is in Part 2 but has no level",
        ),
        (
            "## Part 1\n- [x] **C01** A.\n  Tests: `backend/tests/t.py::test_a`\n"
            "- [x] **C01** Again.\n  Tests: `backend/tests/t.py::test_b`\n",
            "C01 appears twice",
        ),
        (
            "## Part 2\n- [ ] **O01** HIGH: Do.\n  Tests: `backend/tests/t.py::test_a`\n",
            "line 3: a `Tests:` line belongs under a Part 1 item",
        ),
        ("# Nothing\n", "no Part 1 item found"),
    ],
)
def test_a_broken_format_is_an_error_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(ChecklistError, match="^" + message.replace("(", r"\(")):
        parse(text)
