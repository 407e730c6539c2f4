//! The property of `saasgen update` that matters most: an owner's edit is never lost.
//! Random owner edits (lines added, changed and deleted; files added and deleted) on a
//! generated project, then an update to changed answers, decided by `merge::decide` and
//! applied in memory: every edit survives or sits in a reported conflict.

use std::collections::BTreeMap;

use proptest::prelude::*;
use saasgen::keys::Partial;
use saasgen::merge::{self, Action, Current, Outcome};
use saasgen::plan::{self, Plan};
use saasgen::pristine::{Base, RECORD_FILE};

const TIERS: [&str; 3] = ["starter", "pro", "agency"];
const BILLINGS: [&str; 4] = ["stripe", "lemonsqueezy", "paddle", "none"];
const AUTHS: [&str; 3] = ["clerk", "auth0", "supabase"];

fn render(tier: usize, billing: usize, auth: usize) -> Plan {
    let mut p = Partial::default();
    p.set("name", "acme", "test").unwrap();
    p.set("tier", TIERS[tier], "test").unwrap();
    p.set("billing", BILLINGS[billing], "test").unwrap();
    p.set("auth", AUTHS[auth], "test").unwrap();
    plan::plan(&p.build().unwrap()).unwrap()
}

/// A small deterministic generator, so one proptest seed replays one scenario.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What the owner did, to check afterwards.
#[derive(Default)]
struct Edits {
    /// Lines the owner wrote, by file: each must be in the file after the update.
    markers: Vec<(String, String)>,
    /// Lines the owner deleted (unique in the base and the new file), by file.
    deleted_lines: Vec<(String, String)>,
    deleted_files: Vec<String>,
    added_files: Vec<(String, Vec<u8>)>,
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .split_inclusive('\n')
        .map(str::to_owned)
        .collect()
}

fn count(bytes: &[u8], line: &str) -> usize {
    lines(bytes).iter().filter(|l| *l == line).count()
}

fn edit(old: &Plan, new: &Plan, rng: &mut Rng) -> (BTreeMap<String, Current>, Edits) {
    let mut tree: BTreeMap<String, Current> = old
        .files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                Current {
                    contents: f.contents.clone(),
                    executable: f.executable,
                },
            )
        })
        .collect();
    let mut edits = Edits::default();
    let texts: Vec<&str> = old
        .files
        .iter()
        .filter(|f| f.path != RECORD_FILE && std::str::from_utf8(&f.contents).is_ok())
        .map(|f| f.path.as_str())
        .collect();
    for n in 0..(3 + rng.below(12)) {
        let path = texts[rng.below(texts.len())].to_owned();
        let Some(file) = tree.get_mut(&path) else {
            continue;
        };
        let mut body = lines(&file.contents);
        let at = rng.below(body.len() + 1);
        match rng.below(5) {
            0 | 1 => {
                let marker = format!("owner edit {n} in {path}\n");
                body.insert(at, marker.clone());
                edits.markers.push((path.clone(), marker));
            }
            2 if at < body.len() => {
                let marker = format!("owner change {n} in {path}\n");
                body[at] = marker.clone();
                edits.markers.push((path.clone(), marker));
            }
            3 if at < body.len() => {
                let line = body[at].clone();
                let theirs = new.get(&path).map_or(&[][..], |f| &f.contents[..]);
                let unique = line.trim().len() > 3
                    && count(&file.contents, &line) == 1
                    && count(theirs, &line) <= 1;
                if unique && !edits.markers.iter().any(|(p, _)| *p == path) {
                    body.remove(at);
                    edits.deleted_lines.push((path.clone(), line));
                }
            }
            _ if !edits.markers.iter().any(|(p, _)| *p == path) => {
                tree.remove(&path);
                edits.deleted_files.push(path);
                continue;
            }
            _ => {}
        }
        file.contents = body.concat().into_bytes();
    }
    let added = (
        format!("owner/notes-{}.md", rng.below(1000)),
        b"mine\n".to_vec(),
    );
    tree.insert(
        added.0.clone(),
        Current {
            contents: added.1.clone(),
            executable: false,
        },
    );
    edits.added_files.push(added);
    (tree, edits)
}

fn apply(
    mut tree: BTreeMap<String, Current>,
    changes: &[merge::Change],
) -> BTreeMap<String, Current> {
    for c in changes {
        match &c.action {
            Action::Write {
                contents,
                executable,
            } => {
                tree.insert(
                    c.path.clone(),
                    Current {
                        contents: contents.clone(),
                        executable: *executable,
                    },
                );
            }
            Action::Delete => {
                tree.remove(&c.path);
            }
            Action::Nothing => {}
        }
    }
    tree
}

fn check_scenario(seed: u64, from: (usize, usize, usize), to: (usize, usize, usize)) {
    let old = render(from.0, from.1, from.2);
    let new = render(to.0, to.1, to.2);
    let mut rng = Rng(seed | 1);
    let (owner, edits) = edit(&old, &new, &mut rng);
    let changes = merge::decide(&Base::from_plan(&old), &owner, &new);
    let outcome = |path: &str| changes.iter().find(|c| c.path == path).map(|c| c.outcome);
    let after = apply(owner.clone(), &changes);

    for (path, marker) in &edits.markers {
        let file = after
            .get(path)
            .unwrap_or_else(|| panic!("{path} with an owner edit was removed"));
        assert!(
            count(&file.contents, marker) >= 1,
            "lost `{}` in {path} ({:?})",
            marker.trim(),
            outcome(path)
        );
    }
    for (path, line) in &edits.deleted_lines {
        let out = outcome(path);
        if out != Some(Outcome::Conflicted) && !edits.deleted_files.contains(path) {
            let file = &after[path];
            assert_eq!(
                count(&file.contents, line),
                0,
                "deleted line `{}` is back in {path} ({out:?})",
                line.trim()
            );
        }
    }
    for path in &edits.deleted_files {
        assert!(
            !after.contains_key(path),
            "{path}, deleted by the owner, came back ({:?})",
            outcome(path)
        );
    }
    for (path, contents) in &edits.added_files {
        assert_eq!(&after[path].contents, contents, "owner file {path} touched");
    }
    for f in &new.files {
        let edited =
            owner.get(&f.path).map(|c| &c.contents) != old.get(&f.path).map(|o| &o.contents);
        if let Some(file) = after.get(&f.path) {
            assert_eq!(file.executable, f.executable, "mode of {}", f.path);
            if !edited {
                assert_eq!(
                    file.contents, f.contents,
                    "untouched {} takes the new content",
                    f.path
                );
            }
        }
        let template_kept_it = old.get(&f.path).is_some_and(|o| o.contents == f.contents);
        if edited && template_kept_it {
            assert_ne!(
                outcome(&f.path),
                Some(Outcome::Conflicted),
                "{}: only the owner changed it",
                f.path
            );
        }
    }
    for c in changes.iter().filter(|c| c.outcome == Outcome::Conflicted) {
        if let Action::Write { contents, .. } = &c.action {
            assert!(
                String::from_utf8_lossy(contents).contains("<<<<<<< yours (working tree)\n"),
                "{} has no markers",
                c.path
            );
        }
    }
    for f in &old.files {
        if new.get(&f.path).is_none()
            && owner.get(&f.path).is_some_and(|c| c.contents == f.contents)
        {
            assert!(
                !after.contains_key(&f.path),
                "{} is no longer produced and was untouched",
                f.path
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn owner_edits_survive_an_update_to_changed_answers_or_are_reported_conflicts(
        seed in any::<u64>(),
        from in (0..3usize, 0..4usize, 0..3usize),
        to in (0..3usize, 0..4usize, 0..3usize),
    ) {
        check_scenario(seed, from, to);
    }
}

#[test]
fn an_edit_next_to_a_template_change_is_a_conflict_and_one_far_away_merges() {
    let base = "a\nb\nc\nd\ne\nf\ng\nh\n";
    let theirs = "a\nB\nc\nd\ne\nf\ng\nh\n";
    let plan_of = |text: &str| Plan {
        files: vec![plan::PlannedFile {
            path: "f".into(),
            contents: text.as_bytes().to_vec(),
            executable: false,
            layer: "t".into(),
        }],
    };
    let decide = |ours: &str| {
        let owner = BTreeMap::from([(
            "f".to_owned(),
            Current {
                contents: ours.into(),
                executable: false,
            },
        )]);
        merge::decide(&Base::from_plan(&plan_of(base)), &owner, &plan_of(theirs)).remove(0)
    };
    let near = decide("a\nmine\nc\nd\ne\nf\ng\nh\n");
    assert_eq!(near.outcome, Outcome::Conflicted);
    let labelled = format!(
        "a\n<<<<<<< yours (working tree)\nmine\n=======\nB\n>>>>>>> saasgen {}\nc\nd\ne\nf\ng\nh\n",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        near.action,
        Action::Write {
            contents: labelled.into_bytes(),
            executable: false
        }
    );
    // A conflict the owner committed unresolved: their marker lines stay as they are.
    let unresolved = "a\n<<<<<<< ours\nmine\n=======\nb\n>>>>>>> theirs\nc\nd\ne\nf\ng\nh\n";
    let again = decide(unresolved);
    assert_eq!(again.outcome, Outcome::Conflicted);
    let Action::Write { contents, .. } = &again.action else {
        panic!("{again:?}")
    };
    let text = String::from_utf8_lossy(contents);
    assert!(
        text.contains("<<<<<<< ours\nmine\n=======\nb\n>>>>>>> theirs\n"),
        "{text}"
    );
    assert!(!text.contains("yours (working tree)"), "{text}");
    let far = decide("a\nb\nc\nd\ne\nf\ng\nmine\n");
    assert_eq!(far.outcome, Outcome::Merged);
    assert_eq!(
        far.action,
        Action::Write {
            contents: b"a\nB\nc\nd\ne\nf\ng\nmine\n".to_vec(),
            executable: false
        }
    );
}
