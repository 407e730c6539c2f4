//! "Tests shipped" in the Agency client handoff (docs/handoff.md).
//!
//! How many tests a project ships depends on every answer (providers, tier, backend), so
//! the number is counted from the rendered test files rather than kept by hand. The
//! handoff template writes a marker per suite; [`fill`] replaces it with the count of
//! test functions in that suite's files. Parametrized tests (`pytest.mark.parametrize`,
//! `it.each`) count once here and run more cases, so the handoff also names the command
//! whose summary is the number of cases run.

use std::collections::BTreeMap;

use crate::plan::PlannedFile;

/// The file the markers are in.
const HANDOFF: &str = "docs/handoff.md";

/// A suite: the marker the handoff template writes, and what a test function is in it.
struct Suite {
    marker: &'static str,
    /// Whether a path (relative to the project root) holds this suite's tests.
    holds: fn(&str) -> bool,
    /// Whether a line (leading whitespace removed) starts a test function.
    starts_test: fn(&str) -> bool,
}

const SUITES: [Suite; 3] = [
    Suite {
        marker: "[tests-shipped:backend-python]",
        holds: |p| p.starts_with("backend/tests/") && p.ends_with(".py"),
        starts_test: |l| l.starts_with("def test_") || l.starts_with("async def test_"),
    },
    Suite {
        marker: "[tests-shipped:backend-rust]",
        holds: |p| p.starts_with("backend/") && p.ends_with(".rs"),
        starts_test: |l| l == "#[test]" || l.starts_with("#[tokio::test"),
    },
    Suite {
        marker: "[tests-shipped:frontend]",
        holds: |p| p.starts_with("frontend/tests/") && p.contains(".test.ts"),
        starts_test: |l| l.starts_with("it(") || l.starts_with("it.each") || l.starts_with("test("),
    },
];

/// The number of test functions in the files `suite` holds.
fn count(suite: &Suite, files: &BTreeMap<String, PlannedFile>) -> usize {
    files
        .values()
        .filter(|f| (suite.holds)(&f.path))
        .map(|f| {
            String::from_utf8_lossy(&f.contents)
                .lines()
                .filter(|line| (suite.starts_test)(line.trim_start()))
                .count()
        })
        .sum()
}

/// Replaces each suite's marker in docs/handoff.md (when the project has one) with its count.
pub fn fill(files: &mut BTreeMap<String, PlannedFile>) {
    let Some(handoff) = files.get(HANDOFF) else {
        return;
    };
    let mut text = String::from_utf8_lossy(&handoff.contents).into_owned();
    for suite in &SUITES {
        if text.contains(suite.marker) {
            text = text.replace(suite.marker, &count(suite, files).to_string());
        }
    }
    if let Some(handoff) = files.get_mut(HANDOFF) {
        handoff.contents = text.into_bytes();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> (String, PlannedFile) {
        let planned = PlannedFile {
            path: path.into(),
            contents: contents.as_bytes().to_vec(),
            executable: false,
            layer: "t".into(),
        };
        (path.into(), planned)
    }

    #[test]
    fn each_marker_becomes_the_number_of_test_functions_of_its_suite() {
        let mut files: BTreeMap<String, PlannedFile> = [
            file(
                HANDOFF,
                "py [tests-shipped:backend-python], ts [tests-shipped:frontend]",
            ),
            file(
                "backend/tests/test_a.py",
                "def test_a():\n    pass\n\nasync def test_b():\n    pass\n\ndef helper():\n    pass\n",
            ),
            file(
                "backend/tests/api/test_c.py",
                "class TestX:\n    def test_c(self):\n        pass\n",
            ),
            file("backend/app/main.py", "def test_not_a_test():\n    pass\n"),
            file(
                "frontend/tests/lib/a.test.ts",
                "describe('x', () => {\n  it('a', () => {})\n  it.each([1, 2])('b', () => {})\n})\n",
            ),
        ]
        .into_iter()
        .collect();
        fill(&mut files);
        assert_eq!(files[HANDOFF].contents, b"py 3, ts 2");
    }

    #[test]
    fn rust_tests_count_plain_and_tokio_attributes() {
        let mut files: BTreeMap<String, PlannedFile> = [
            file(HANDOFF, "[tests-shipped:backend-rust]"),
            file(
                "backend/tests/api/a.rs",
                "#[tokio::test]\nasync fn a() {}\n#[tokio::test(flavor = \"multi_thread\")]\nasync fn b() {}\n",
            ),
            file(
                "backend/src/users.rs",
                "#[cfg(test)]\nmod tests {\n    #[test]\n    fn c() {}\n}\n",
            ),
        ]
        .into_iter()
        .collect();
        fill(&mut files);
        assert_eq!(files[HANDOFF].contents, b"3");
    }
}
