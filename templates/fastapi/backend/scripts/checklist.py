"""SECURITY_CHECKLIST.md's line format, parsed for `make security-check`.

The checklist is the one place that says which test proves which item, so the runner reads
the ids from it instead of keeping a second list that could drift. An item is one line,
`- [ ] **ID** LEVEL: title` (LEVEL only in Part 2), followed by indented lines; a Part 1
item names its tests on a `  Tests:` line as backquoted node ids from the project root
(`backend/tests/...::test_name`). Anything that breaks the format is an error, never a
silently dropped item.
"""

import re
from dataclasses import dataclass, field

LEVELS = ("CRITICAL", "HIGH", "RECOMMENDED")

_PART = re.compile(r"^## Part (?P<part>[12])\b")
_ITEM = re.compile(
    r"^- \[(?P<mark>[ xX])\] \*\*(?P<id>[A-Z]\d{2})\*\* "
    r"(?:(?P<level>CRITICAL|HIGH|RECOMMENDED): )?(?P<title>\S.*)$"
)
_TESTS = re.compile(r"^  Tests: (?P<ids>.+)$")
_TEST_ID = re.compile(r"`backend/(?P<id>tests/[^`\s]+\.py::[^`\s]+)`")


class ChecklistError(ValueError):
    """The checklist does not follow its line format."""


@dataclass
class Item:
    id: str
    title: str
    part: int
    level: str | None = None
    done: bool = False
    # Node ids relative to backend/, as pytest names them there.
    tests: list[str] = field(default_factory=list)


def parse(text: str) -> list[Item]:
    """Every item of the checklist, in order; ChecklistError names the offending line."""
    items: list[Item] = []
    part = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if heading := _PART.match(line):
            part = int(heading["part"])
        elif item := _ITEM.match(line):
            items.append(_item(item, part, number))
        elif tests := _TESTS.match(line):
            _add_tests(items, tests["ids"], number)
    _validate(items)
    return items


def cited_tests(items: list[Item]) -> list[str]:
    """Every node id Part 1 cites, once each, in checklist order."""
    return list(dict.fromkeys(test for item in items if item.part == 1 for test in item.tests))


def _item(match: re.Match[str], part: int, number: int) -> Item:
    if part == 0:
        raise ChecklistError(f"line {number}: item {match['id']} comes before `## Part 1`")
    return Item(
        id=match["id"],
        title=match["title"],
        part=part,
        level=match["level"],
        done=match["mark"] != " ",
    )


def _add_tests(items: list[Item], ids: str, number: int) -> None:
    if not items or items[-1].part != 1:
        raise ChecklistError(f"line {number}: a `Tests:` line belongs under a Part 1 item")
    found = [match["id"] for match in _TEST_ID.finditer(ids)]
    if not found:
        raise ChecklistError(f"line {number}: no `backend/tests/...::test_name` id found")
    items[-1].tests.extend(found)


def _validate(items: list[Item]) -> None:
    if not any(item.part == 1 for item in items):
        raise ChecklistError("no Part 1 item found")
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ChecklistError(f"{item.id} appears twice")
        seen.add(item.id)
        if item.part == 1 and not item.tests:
            raise ChecklistError(f"{item.id} is in Part 1 but names no test")
        if item.part == 2 and item.level is None:
            raise ChecklistError(f"{item.id} is in Part 2 but has no level ({', '.join(LEVELS)})")
