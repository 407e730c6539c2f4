//! `@/` imports of the generated frontend, resolved against the planned files the way
//! tsconfig's `paths` resolves them, so a dangling import fails here rather than in `tsc`.

use std::collections::HashMap;

use super::corpus::{Combo, Corpus};

const TSCONFIG: &str = "frontend/tsconfig.json";
/// What TypeScript tries after the path, in order (moduleResolution "bundler").
const SUFFIXES: [&str; 5] = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
/// What may stand before a module specifier: `import x from`, `export { y } from`,
/// `import "..."`, `import("...")`, `vi.mock("...")`.
const LEADS: [&str; 4] = ["from", "import", "import(", "mock("];

/// The `@/` specifiers of each distinct TypeScript text of the frontend.
pub fn imports(corpus: &Corpus) -> HashMap<usize, Vec<&str>> {
    corpus
        .distinct(|path| path.starts_with("frontend/") && is_typescript(path))
        .into_keys()
        .map(|id| (id, specifiers(corpus.text(id))))
        .collect()
}

/// Every dangling `@/` import of one project, as `path: specifier` lines.
pub fn dangling(
    corpus: &Corpus,
    imports: &HashMap<usize, Vec<&str>>,
    combo: &Combo,
) -> Vec<String> {
    let Some(base) = alias_base(corpus, combo) else {
        return if combo.files.contains_key(TSCONFIG) {
            vec![format!("{TSCONFIG} maps no `@/*` path")]
        } else {
            Vec::new()
        };
    };
    let mut out = Vec::new();
    for (path, id) in &combo.files {
        for spec in imports.get(id).into_iter().flatten() {
            let target = format!("{base}{}", &spec[2..]);
            if !SUFFIXES
                .iter()
                .any(|s| combo.files.contains_key(&format!("{target}{s}")))
            {
                out.push(format!("{path}: {spec}"));
            }
        }
    }
    out
}

fn is_typescript(path: &str) -> bool {
    [".ts", ".tsx", ".mts"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// `frontend/src/` from `"paths": {"@/*": ["./src/*"]}`.
fn alias_base(corpus: &Corpus, combo: &Combo) -> Option<String> {
    let config: serde_json::Value =
        serde_json::from_str(corpus.text(*combo.files.get(TSCONFIG)?)).ok()?;
    let target = config["compilerOptions"]["paths"]["@/*"][0].as_str()?;
    let dir = target
        .strip_prefix("./")
        .unwrap_or(target)
        .strip_suffix('*')?;
    Some(format!("frontend/{dir}"))
}

/// The `@/...` module specifiers of a source text.
fn specifiers(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (at, quote) in text.match_indices(['"', '\'']) {
        let rest = &text[at + 1..];
        if !rest.starts_with("@/") || !LEADS.iter().any(|l| text[..at].trim_end().ends_with(l)) {
            continue;
        }
        if let Some(end) = rest.find(quote) {
            out.push(&rest[..end]);
        }
    }
    out
}

#[test]
fn specifiers_are_found_in_every_import_form() {
    let text = "import { a } from \"@/lib/a\";\nexport * from '@/lib/b';\nimport \"@/c\";\n\
                const d = await import(\"@/d\");\nvi.mock(\"@/e\", () => ({}));\n\
                const f = \"@/not-an-import\";\nimport {\n  g,\n} from \"@/g\";";
    assert_eq!(
        specifiers(text),
        ["@/lib/a", "@/lib/b", "@/c", "@/d", "@/e", "@/g"]
    );
}
