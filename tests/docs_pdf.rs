//! `make docs-pdf` in Agency projects: the target, its script, the branded Typst template
//! and the ignored tool and output folders. The e2e Agency row renders the PDFs for real
//! (tests/e2e/agency_checks.py); these check what saasgen writes, in every tier.

mod common;

use std::path::Path;

use common::generate;

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_pdf_template_carries_the_brand_as_typst_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(
        tmp.path(),
        "agency",
        &[
            "--set",
            "brand.name=Globex \"Portal\" \\ 100%",
            "--set",
            "brand.company=Globex Corp",
            "--set",
            "brand.primary_color=#facc15",
        ],
    );
    let template = read(&root, "docs/pdf-template.typ");
    for expected in [
        r#"name: "Globex \"Portal\" \\ 100%","#,
        r#"company: "Globex Corp","#,
        r##"primary: rgb("#facc15"),"##,
        r##"on-primary: rgb("#0f172a"),"##,
        "#let doc(title: \"\", source: \"\", logo: none, body)",
        "show heading: set text(fill: accent)",
    ] {
        assert!(
            template.contains(expected),
            "no `{expected}` in\n{template}"
        );
    }
}

#[test]
fn agency_projects_have_make_docs_pdf_with_ignored_tools_and_output() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(tmp.path(), "agency", &[]);
    let makefile = read(&root, "Makefile");
    assert!(
        makefile.contains("docs-pdf: ## render docs/*.md, the handoff and the checklist")
            && makefile.contains("\tpython3 scripts/docs_pdf.py\n"),
        "{makefile}"
    );
    let script = read(&root, "scripts/docs_pdf.py");
    for pin in [
        "pypandoc-binary==1.17",
        "typst==0.15.2",
        "@mermaid-js/mermaid-cli@11.9.0",
    ] {
        assert!(script.contains(pin), "scripts/docs_pdf.py: no {pin}");
    }
    let ignored = read(&root, ".gitignore");
    assert!(
        ignored.contains("\n.tools/\n") && ignored.contains("\ndocs/pdf/\n"),
        "{ignored}"
    );
}

#[test]
fn starter_and_pro_projects_have_no_docs_pdf() {
    for tier in ["starter", "pro"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = generate(tmp.path(), tier, &[]);
        assert!(!read(&root, "Makefile").contains("docs-pdf"), "{tier}");
        assert!(!read(&root, ".gitignore").contains("docs/pdf/"), "{tier}");
        assert!(!root.join("scripts/docs_pdf.py").exists(), "{tier}");
        assert!(!root.join("docs/pdf-template.typ").exists(), "{tier}");
    }
}
