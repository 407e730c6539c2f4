//! One snapshot per built-in preset: the generated tree (path, mode, size, content hash),
//! plus the full text of the project-level files saasgen owns (README, Makefile, CI,
//! answers file). A template change shows up here as a reviewed diff.

use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};
use saasgen::presets;

fn plan_for(preset: &str) -> Plan {
    let mut p = presets::load(preset).unwrap();
    let mut name = Partial::default();
    name.set("name", "snapshot-app", "test").unwrap();
    p.overlay(&name);
    plan::plan(&p.build().unwrap()).unwrap()
}

/// FNV-1a: stable across platforms and releases, unlike `DefaultHasher`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn listing(plan: &Plan) -> String {
    plan.files
        .iter()
        .map(|f| {
            format!(
                "{} {:>7} {:016x} {}",
                if f.executable { "x" } else { "-" },
                f.contents.len(),
                fnv(&f.contents),
                f.path
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const OWNED: &[&str] = &[
    ".saasgen.toml",
    "Makefile",
    "README.md",
    ".gitignore",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
];

fn owned_files(plan: &Plan) -> String {
    let mut out = String::new();
    for f in plan
        .files
        .iter()
        .filter(|f| OWNED.contains(&f.path.as_str()))
    {
        // Versions are filtered so that a release does not rewrite every snapshot.
        let text = String::from_utf8_lossy(&f.contents).replace(saasgen::VERSION, "[VERSION]");
        out.push_str(&format!("===== {} =====\n{text}\n", f.path));
    }
    out
}

#[test]
fn preset_trees() {
    for preset in presets::builtins() {
        let plan = plan_for(preset.name);
        insta::assert_snapshot!(format!("tree_{}", preset.name), listing(&plan));
        insta::assert_snapshot!(format!("files_{}", preset.name), owned_files(&plan));
    }
}
