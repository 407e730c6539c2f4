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

/// The hostile pieces a text answer may still hold once validated: no control
/// characters, bidi overrides or line separators (those are refused, see bad_input.rs).
const PRINTABLE: [&str; 21] = [
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
    "</script>",
    "<!--",
    "é",
    "日本",
    "🚀",
    "`",
    "$HOME",
    "Café & Co <b>",
    "&amp;",
    " ",
    "Z9",
];

/// Brand text as validation lets it through: hostile, but one line of printable text.
fn brand_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PRINTABLE.to_vec()), 1..12).prop_map(|v| v.concat())
}

/// A description as typed: printable hostile text plus newlines and tabs, which
/// validation collapses to single spaces.
fn description_text() -> impl Strategy<Value = String> {
    let mut pieces = PRINTABLE.to_vec();
    pieces.extend(["\n", "\r\n", "\t", "\u{2028}", "  "]);
    prop::collection::vec(prop::sample::select(pieces), 1..12).prop_map(|v| v.concat())
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
    fn python_style_json_strings_are_ascii_and_parse_back(s in nasty()) {
        let lit = filters::json_ascii(&s);
        prop_assert!(lit.is_ascii());
        prop_assert_eq!(serde_json::from_str::<String>(&lit).unwrap(), s);
    }

    #[test]
    fn control_characters_and_bidi_overrides_never_reach_a_project(
        text in brand_text(),
        bad in prop::sample::select(vec!["\n", "\t", "\u{1b}", "\u{7f}", "\u{202e}", "\u{2066}", "\u{2028}"]),
    ) {
        let hostile = format!("b{text}{bad}c{text}");
        for key in ["brand.name", "brand.company"] {
            prop_assert!(Partial::default().set(key, hostile.as_str(), "test").is_err());
        }
        let mut p = Partial::default();
        let refused = p.set("description", hostile.as_str(), "test").is_err();
        let whitespace = bad.chars().all(char::is_whitespace);
        prop_assert_eq!(refused, !whitespace, "{:?}", bad);
        if whitespace {
            prop_assert!(!p.get(saasgen::keys::Key::Description).unwrap().contains(bad));
        }
    }

    #[test]
    fn yaml_scalars_parse_back_to_the_same_text(s in nasty()) {
        let doc: serde_norway::Value = serde_norway::from_str(&format!("k: {}\n", filters::yaml(&s))).unwrap();
        prop_assert_eq!(doc["k"].as_str().unwrap(), s.as_str());
    }

    #[test]
    fn rust_string_literals_stay_on_one_line_and_parse_back_to_the_same_text(s in nasty()) {
        let lit = filters::rs(&s);
        prop_assert!(!lit.contains('\n'));
        let parsed: syn::LitStr = syn::parse_str(&lit).unwrap();
        prop_assert_eq!(parsed.value(), s);
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
    fn generated_projects_keep_toml_json_and_yaml_valid(description in description_text(), brand in brand_text(), company in brand_text()) {
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
            serde_norway::from_str::<serde_norway::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        }
    }
}

/// Python has no parser in Rust: compile every generated .py in one python3 process.
#[test]
fn generated_python_compiles_with_hostile_free_text() {
    // The newline and U+2028 go in the description only: validation collapses them there
    // and refuses them in brand text.
    let nasty = "He said \"hi\" \\ {{x}} '''\"\"\" </script> # not a comment 🚀 Café & Co <b>";
    let description = format!("{nasty}\n# not a comment \u{2028} {nasty}");
    let mut sources = Vec::new();
    for tier in ["starter", "pro", "agency"] {
        let plan = plan_with(&description, nasty, nasty, tier);
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

/// Values that differ between JSON dialects: non-ASCII, `<`, `>`, `&`, emoji (a surrogate
/// pair in `\u` form), quotes, backslashes and every control character.
fn json_dialect_samples() -> Vec<String> {
    let mut samples: Vec<String> = [
        "Café & Co <b>",
        "O'Neil \"Quoted\" \\ back\\slash",
        "🚀 launch 日本 Ünïcode",
        "</script><!-- & &amp;",
        "\u{2028}\u{2029}\u{7f}\u{80}\u{ff}\u{fffd}\u{10ffff}",
        "{{ x }} {= y =} ${{ z }}",
    ]
    .map(String::from)
    .to_vec();
    samples.push((0u8..0x20).map(char::from).collect());
    samples
}

/// The frontend's openapi.json must be byte for byte what the backend's
/// `python -m app.openapi` writes (`json.dumps(doc, indent=2, sort_keys=True)` plus a
/// newline), or the generated CI's `make api-check` fails on its first run.
#[test]
fn json_ascii_matches_python_json_dumps() {
    let samples = json_dialect_samples();
    let out = python(
        "import json, sys\nprint(json.dumps([json.dumps(s) for s in json.load(sys.stdin)]))",
        &serde_json::to_vec(&samples).unwrap(),
    );
    let python: Vec<String> = serde_json::from_str(&out).unwrap();
    for (sample, want) in samples.iter().zip(python) {
        assert_eq!(filters::json_ascii(sample), want, "{sample:?}");
    }
}

#[test]
fn the_frontend_openapi_json_is_what_the_backend_would_dump() {
    let brand = "Café & Co <b> \"Q\" \\ 🚀";
    let description = "Tools & more <for> \"teams\" \\ 日本 🚀";
    for tier in ["starter", "pro"] {
        let plan = plan_with(description, brand, brand, tier);
        let file = plan
            .files
            .iter()
            .find(|f| f.path == "frontend/openapi.json")
            .expect("frontend/openapi.json");
        let redumped = python(
            "import json, sys\nsys.stdout.write(json.dumps(json.load(sys.stdin), indent=2, sort_keys=True) + '\\n')",
            &file.contents,
        );
        let ours = String::from_utf8(file.contents.clone()).unwrap();
        assert!(ours.contains("\"title\": \"bCaf\\u00e9 & Co <b>"), "{tier}");
        assert_eq!(
            ours, redumped,
            "{tier}: openapi.json differs from Python's dump"
        );
    }
}

/// Runs a Python snippet with `input` on stdin and returns its stdout.
fn python(code: &str, input: &[u8]) -> String {
    let Ok(mut child) = Command::new("python3")
        .args(["-c", code])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        panic!("python3 is needed for this test (apt-get install python3)");
    };
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
