//! The generated CI's supply-chain rules, checked in memory on every combination: each
//! GitHub action is pinned to a full commit SHA with its release in a comment (a tag can be
//! moved to other code; a commit cannot), and each Dockerfile a project ships is built by
//! its CI. Line-based, because the release comment is lost when YAML is parsed; the parsed
//! YAML only confirms that no `uses:` hides in a form the lines do not show.

use std::collections::BTreeSet;

use serde_norway::Value;

/// One `uses:` line: `owner/repo[/path]@ref # comment`.
#[derive(Debug, PartialEq)]
pub struct Uses<'a> {
    pub action: &'a str,
    pub reference: &'a str,
    pub comment: Option<&'a str>,
}

/// Every `uses:` of a workflow, in order, read line by line.
pub fn uses(workflow: &str) -> Vec<Uses<'_>> {
    workflow
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
            line.strip_prefix("uses:")
        })
        .map(|rest| {
            let (target, comment) = match rest.split_once(" #") {
                Some((t, c)) => (t, Some(c.trim())),
                None => (rest, None),
            };
            let (action, reference) = target.trim().split_once('@').unwrap_or((target.trim(), ""));
            Uses {
                action,
                reference,
                comment,
            }
        })
        .collect()
}

/// What is wrong with one `uses:`, if anything.
pub fn pin_problem(u: &Uses) -> Option<String> {
    let sha = u.reference.len() == 40
        && u.reference
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !sha {
        return Some(format!(
            "{}@{} is not pinned to a full 40-hex commit SHA",
            u.action, u.reference
        ));
    }
    match u.comment {
        Some(c) if is_release(c) => None,
        _ => Some(format!(
            "{}@{} has no release comment (`# v1.2.3`)",
            u.action, u.reference
        )),
    }
}

/// `v1`, `v1.2`, `v1.2.3`.
fn is_release(comment: &str) -> bool {
    comment.strip_prefix('v').is_some_and(|v| {
        !v.is_empty()
            && v.split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// How many `uses` keys the parsed YAML holds, at any depth.
pub fn uses_keys(workflow: &str) -> Result<usize, String> {
    fn count(v: &Value) -> usize {
        match v {
            Value::Mapping(m) => m
                .iter()
                .map(|(k, v)| usize::from(k.as_str() == Some("uses")) + count(v))
                .sum(),
            Value::Sequence(s) => s.iter().map(count).sum(),
            _ => 0,
        }
    }
    serde_norway::from_str::<Value>(workflow)
        .map(|v| count(&v))
        .map_err(|e| e.to_string())
}

/// The Dockerfiles a CI file builds: the `--file` of each `docker build`.
pub fn docker_builds(ci: &str) -> BTreeSet<&str> {
    ci.lines()
        .filter_map(|line| line.split_once("docker build ").map(|(_, args)| args))
        .filter_map(|args| {
            let mut words = args.split_whitespace();
            words.find(|w| *w == "--file").and_then(|_| words.next())
        })
        .collect()
}

/// One `updates:` entry of dependabot.yml.
pub struct Update {
    pub ecosystem: String,
    pub directories: BTreeSet<String>,
    pub cooldown_days: Option<u64>,
}

/// The `updates:` of a dependabot.yml (`directory` and `directories` merged).
pub fn dependabot(text: &str) -> Result<Vec<Update>, String> {
    let doc: Value = serde_norway::from_str(text).map_err(|e| e.to_string())?;
    let updates = doc["updates"].as_sequence().ok_or("no `updates:` list")?;
    Ok(updates
        .iter()
        .map(|u| {
            let one = u["directory"].as_str().into_iter();
            let many = u["directories"].as_sequence().into_iter().flatten();
            Update {
                ecosystem: u["package-ecosystem"].as_str().unwrap_or("").to_owned(),
                directories: one
                    .chain(many.filter_map(Value::as_str))
                    .map(str::to_owned)
                    .collect(),
                cooldown_days: u["cooldown"]["default-days"].as_u64(),
            }
        })
        .collect())
}

/// The backend job of a CI file: from its `backend:` key (top level on GitLab, under
/// `jobs:` on GitHub) to the next key at the same indentation.
pub fn backend_job(ci: &str) -> Option<&str> {
    let (indent, start) = ["\n  backend:\n", "\nbackend:\n"].iter().find_map(|key| {
        ci.find(key)
            .map(|at| (key.len() - "backend:\n".len() - 1, at + 1))
    })?;
    let body = &ci[start..];
    let end = body.match_indices('\n').map(|(at, _)| at + 1).find(|&at| {
        let line = &body[at..];
        let width = line.len() - line.trim_start_matches(' ').len();
        width == indent && line[width..].starts_with(|c: char| c.is_ascii_alphanumeric())
    });
    Some(&body[..end.unwrap_or(body.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED: &str = "steps:\n  - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n    with:\n      persist-credentials: false\n";

    fn problems(workflow: &str) -> Vec<String> {
        uses(workflow).iter().filter_map(pin_problem).collect()
    }

    #[test]
    fn an_action_pinned_to_a_sha_with_its_release_passes() {
        assert_eq!(problems(PINNED), Vec::<String>::new());
        assert_eq!(uses(PINNED).len(), uses_keys(PINNED).unwrap());
    }

    #[test]
    fn an_action_pinned_to_a_tag_fails() {
        let p = problems("steps:\n  - uses: actions/checkout@v5\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("actions/checkout@v5"), "{p:?}");
    }

    #[test]
    fn a_short_or_uppercase_sha_fails() {
        assert_eq!(problems("- uses: a/b@08c6903 # v5.0.0\n").len(), 1);
        let upper = PINNED.replace("08c6903cd8", "08C6903CD8");
        assert_eq!(problems(&upper).len(), 1);
    }

    #[test]
    fn a_sha_without_a_release_comment_fails() {
        let bare = PINNED.replace(" # v5.0.0", "");
        assert!(problems(&bare)[0].contains("no release comment"));
        let vague = PINNED.replace("# v5.0.0", "# latest");
        assert_eq!(problems(&vague).len(), 1);
    }

    #[test]
    fn a_uses_the_lines_miss_still_counts_in_the_yaml() {
        let flow = "steps:\n  - {uses: actions/checkout@v5}\n";
        assert_eq!(uses(flow).len(), 0);
        assert_eq!(uses_keys(flow).unwrap(), 1);
    }

    #[test]
    fn docker_builds_reads_each_file_flag() {
        let ci = "  - run: docker build --file backend/Dockerfile --tag x backend\n    - docker build --secret id=a,src=b --file frontend/Dockerfile frontend\n";
        let built: Vec<_> = docker_builds(ci).into_iter().collect();
        assert_eq!(built, ["backend/Dockerfile", "frontend/Dockerfile"]);
    }

    #[test]
    fn backend_job_ends_at_the_next_job() {
        let github =
            "jobs:\n  backend:\n    steps:\n      - run: make test\n\n  frontend:\n    x: 1\n";
        assert_eq!(
            backend_job(github),
            Some("  backend:\n    steps:\n      - run: make test\n\n")
        );
        let gitlab = "stages: [test]\nbackend:\n  script:\n    - make test\nfrontend:\n  x: 1\n";
        assert_eq!(
            backend_job(gitlab),
            Some("backend:\n  script:\n    - make test\n")
        );
        assert_eq!(backend_job("jobs:\n  frontend:\n"), None);
    }
}
