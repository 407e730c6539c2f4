//! Agency white-label answers reach every place a client sees, and unusable values are
//! clear errors before anything is written.

mod common;

use std::path::Path;

use common::saasgen;
use predicates::prelude::*;

/// A 1x1 PNG: signature, IHDR, IDAT, IEND.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 10, b'I', b'D', b'A', b'T',
    0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, b'I', b'E', b'N',
    b'D', 0xae, 0x42, 0x60, 0x82,
];

fn generate(dir: &Path, extra: &[&str]) {
    saasgen()
        .current_dir(dir)
        .args([
            "new",
            "acme",
            "--preset",
            "agency",
            "--no-input",
            "--no-git",
            "-q",
        ])
        .args([
            "--set",
            "brand.name=Globex Portal",
            "--set",
            "brand.domain=portal.globex.io",
            "--set",
            "brand.primary_color=#facc15",
        ])
        .args(extra)
        .assert()
        .success();
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn brand_answers_reach_every_place_a_client_sees() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), &[]);
    let root = tmp.path().join("acme");
    let places = [
        ("frontend/src/lib/site.ts", "name: \"Globex Portal\""),
        ("frontend/src/lib/site.ts", "primaryForeground: \"#0f172a\""),
        ("frontend/src/app/globals.css", "--brand-primary: #facc15;"),
        (
            "frontend/src/app/globals.css",
            "--brand-primary-foreground: #0f172a;",
        ),
        ("frontend/src/app/icon.svg", "fill=\"#facc15\""),
        ("frontend/src/app/opengraph-image.tsx", "site.name"),
        ("frontend/src/lib/metadata.ts", "siteName: site.name"),
        ("frontend/public/logo.svg", "aria-label=\"Globex Portal\""),
        ("frontend/public/logo.svg", "fill=\"#0f172a\""),
        ("backend/app/site.json", "\"name\": \"Globex Portal\""),
        (
            "SECURITY_CHECKLIST.md",
            "# Globex Portal security checklist",
        ),
        ("docs/README.md", "Globex Portal"),
        ("README.md", "https://portal.globex.io"),
        ("deploy/nginx.conf", "server_name portal.globex.io;"),
        ("deploy/k8s/base/ingress.yaml", "host: portal.globex.io"),
    ];
    for (path, expected) in places {
        assert!(
            read(&root, path).contains(expected),
            "{path}: no `{expected}`"
        );
    }
}

#[test]
fn a_png_logo_is_copied_and_replaces_the_drawn_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("client.png"), PNG).unwrap();
    generate(tmp.path(), &["--set", "brand.logo=client.png"]);
    let root = tmp.path().join("acme");
    assert_eq!(
        std::fs::read(root.join("frontend/public/logo.png")).unwrap(),
        PNG
    );
    assert!(!root.join("frontend/public/logo.svg").exists());
    let logo = read(&root, "frontend/src/components/brand/brand-logo.tsx");
    assert!(logo.contains("src=\"/logo.png\""), "{logo}");
    // Stored absolute: a replay from another folder copies the same file.
    let stored = read(&root, ".saasgen.toml");
    let abs = std::fs::canonicalize(tmp.path().join("client.png")).unwrap();
    assert!(
        stored.contains(&format!("logo = \"{}\"", abs.display())),
        "{stored}"
    );
}

#[test]
fn unusable_brand_values_are_clear_errors_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("evil.svg"), "<svg onload=\"alert(1)\"/>").unwrap();
    let cases = [
        (
            "brand.primary_color=blue",
            "`blue` is not a colour for `brand.primary_color`",
        ),
        ("brand.primary_color=#12345", "is not a colour"),
        ("brand.logo=missing.svg", "cannot read it"),
        ("brand.logo=logo.gif", "must end in .svg or .png"),
        (
            "brand.logo=evil.svg",
            "contains a script or an event handler",
        ),
    ];
    for (set, message) in cases {
        saasgen()
            .current_dir(tmp.path())
            .args([
                "new",
                "acme",
                "--tier",
                "agency",
                "--no-input",
                "--no-git",
                "--set",
                set,
            ])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
        assert!(!tmp.path().join("acme").exists(), "{set} wrote a project");
    }
}

#[test]
fn the_handoff_and_white_label_guide_carry_the_brand_providers_and_owners() {
    let tmp = tempfile::tempdir().unwrap();
    generate(
        tmp.path(),
        &[
            "--billing",
            "paddle",
            "--set",
            "owners.billing=@globex/payments",
        ],
    );
    let root = tmp.path().join("acme");
    let handoff = read(&root, "docs/handoff.md");
    for expected in [
        "# Globex Portal: client handoff",
        "| Payments | Paddle |",
        "| Sign-in | Auth0 |",
        "https://portal.globex.io/api/webhooks/paddle",
        "| billing | @globex/payments |",
        "| users | @acme/users |",
        "the Paddle API key and webhook secret",
    ] {
        assert!(
            handoff.contains(expected),
            "handoff: no `{expected}`\n{handoff}"
        );
    }
    let guide = read(&root, "docs/white-label.md");
    assert!(
        guide.contains("`brand.primary_color` = `#facc15`"),
        "{guide}"
    );
    assert!(guide.contains("saasgen picked `#0f172a`"), "{guide}");
}
