//! Random text through each escaping filter, and through whole generated projects,
//! still gives files that parse and values that round-trip (SPEC section 4).

use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use saasgen::filters;
use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};

/// Strings built to hurt: quotes, backslashes, template and JSX braces, newlines,
/// script tags, unicode line separators, emoji and control characters.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "'",
        "\\",
        "{{",
        "}}",
        "{=",
        "=}",
        "{%",
        "%}",
        "${{ x }}",
        "\n",
        "\r\n",
        "\t",
        "</script>",
        "<!--",
        "\u{2028}",
        "\u{2029}",
        "é",
        "日本",
        "🚀",
        "`",
        "$HOME",
        "#",
        "[x](y)",
        "&amp;",
        "\u{7f}",
        "\u{1b}",
        " ",
        "a",
        "Z9",
    ]);
    prop::collection::vec(pieces, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn toml_strings_parse_back_to_the_same_text(s in nasty()) {
        let doc: toml::Table = toml::from_str(&format!("k = {}", filters::toml(&s))).unwrap();
        prop_assert_eq!(doc["k"].as_str().unwrap(), s.as_str());
    }

    #[test]
    fn json_strings_parse_back_and_cannot_close_a_script(s in nasty()) {
        let lit = filters::json(&s);
        prop_assert!(!lit.contains("</"));
        prop_assert_eq!(serde_json::from_str::<String>(&lit).unwrap(), s);
    }

    #[test]
    fn yaml_scalars_parse_back_to_the_same_text(s in nasty()) {
        let doc: serde_yaml::Value = serde_yaml::from_str(&format!("k: {}\n", filters::yaml(&s))).unwrap();
        prop_assert_eq!(doc["k"].as_str().unwrap(), s.as_str());
    }

    #[test]
    fn rust_string_literals_stay_on_one_line_and_are_closed(s in nasty()) {
        let lit = filters::rs(&s);
        prop_assert!(!lit.contains('\n'));
        prop_assert!(lit.ends_with('"') && !lit.ends_with("\\\"") || lit.ends_with("\\\\\""));
    }

    #[test]
    fn html_text_contains_no_markup(s in nasty()) {
        let out = filters::html(&s);
        prop_assert!(!out.contains('<') && !out.contains('>') && !out.contains('"') && !out.contains('\''));
    }

    #[test]
    fn markdown_text_is_one_line_with_every_special_character_escaped(s in nasty()) {
        let out = filters::md(&s);
        prop_assert!(!out.contains('\n') && !out.contains('\r'));
        let mut chars = out.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                continue;
            }
            prop_assert!(!"`*_{}[]()<>#|!".contains(c), "unescaped {c:?} in {out:?}");
        }
    }

    #[test]
    fn generated_projects_keep_toml_json_and_yaml_valid(description in nasty(), brand in nasty(), company in nasty()) {
        let plan = plan_with(&description, &brand, &company, "pro");
        check_structured_files(&plan);
    }
}

fn plan_with(description: &str, brand: &str, company: &str, tier: &str) -> Plan {
    let mut p = Partial::default();
    p.set("name", "nasty", "test").unwrap();
    p.set("tier", tier, "test").unwrap();
    // Free text is trimmed-empty-checked; keep at least one visible character.
    p.set("description", format!("d{description}"), "test")
        .unwrap();
    p.set("brand.name", format!("b{brand}"), "test").unwrap();
    p.set("brand.company", format!("c{company}"), "test")
        .unwrap();
    plan::plan(&p.build().unwrap()).unwrap()
}

fn check_structured_files(plan: &Plan) {
    for f in &plan.files {
        let text = String::from_utf8(f.contents.clone()).unwrap_or_default();
        let name = f.path.rsplit('/').next().unwrap();
        if f.path.ends_with(".toml") {
            toml::from_str::<toml::Table>(&text).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        } else if f.path.ends_with(".json") && !name.starts_with("tsconfig") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        } else if f.path.ends_with(".yml") || f.path.ends_with(".yaml") {
            serde_yaml::from_str::<serde_yaml::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        }
    }
}

/// Python has no parser in Rust: compile every generated .py in one python3 process.
#[test]
fn generated_python_compiles_with_hostile_free_text() {
    let nasty = "He said \"hi\" \\ {{x}} '''\"\"\" </script>\n# not a comment \u{2028} 🚀";
    let mut sources = Vec::new();
    for tier in ["starter", "pro", "agency"] {
        let plan = plan_with(nasty, nasty, nasty, tier);
        check_structured_files(&plan);
        sources.extend(
            plan.files
                .into_iter()
                .filter(|f| f.path.ends_with(".py"))
                .map(|f| (format!("{tier}:{}", f.path), f.contents)),
        );
    }
    let Ok(mut child) = Command::new("python3")
        .args(["-c", PY_CHECK])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        panic!("python3 is needed for this test (apt-get install python3)");
    };
    let payload = serde_json::to_vec(
        &sources
            .iter()
            .map(|(p, c)| (p.clone(), String::from_utf8_lossy(c).into_owned()))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    child.stdin.take().unwrap().write_all(&payload).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        sources.len().to_string()
    );
}

const PY_CHECK: &str = r#"
import json, sys
files = json.load(sys.stdin)
for path, src in files:
    compile(src, path, "exec")
print(len(files))
"#;
