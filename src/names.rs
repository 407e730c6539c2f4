//! The project name, the identifiers derived from it, and the checks on both.
//!
//! A name lands in a directory, a Python distribution, an npm package, a Rust crate and
//! a Docker image, so it must be valid for all of them at once. Derived names are
//! computed once here and shown to the user before anything is written.

use serde::Serialize;

use crate::error::{Error, Result};

pub const MAX_NAME_LEN: usize = 50;

/// Identifiers derived from a project name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Names {
    /// kebab-case: directories, npm, Docker, URLs.
    pub slug: String,
    /// snake_case: the Python distribution and the Rust crate.
    pub module_name: String,
    pub npm_name: String,
    pub crate_name: String,
    /// Title Case, the default brand name.
    pub display_name: String,
}

impl Names {
    pub fn derive(name: &str) -> Self {
        let words = words(name);
        let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        let slug = lower.join("-");
        let module_name = lower.join("_");
        Self {
            npm_name: slug.clone(),
            crate_name: module_name.clone(),
            display_name: title_case(name),
            slug,
            module_name,
        }
    }
}

/// Splits an identifier into words at separators and lower-to-upper case changes.
pub fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower_or_digit = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower_or_digit = false;
            continue;
        }
        if c.is_uppercase() && prev_lower_or_digit && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower_or_digit = c.is_lowercase() || c.is_numeric();
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn title_case(s: &str) -> String {
    words(s)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

const PYTHON_KEYWORDS: &[&str] = &[
    "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

const RUST_KEYWORDS: &[&str] = &[
    "abstract", "become", "box", "const", "crate", "do", "dyn", "enum", "extern", "final", "fn",
    "impl", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "self", "static", "struct", "super", "trait", "type", "typeof", "unsafe", "unsized",
    "use", "virtual", "where",
];

/// Names the generated project itself uses for its own folders and tools.
const RESERVED: &[&str] = &[
    "node_modules",
    "favicon",
    "test",
    "tests",
    "app",
    "backend",
    "frontend",
    "docs",
];

/// Checks a project name; the error says which rule failed and how to fix it.
pub fn validate_name(name: &str) -> Result<()> {
    let hint = "use letters, digits and `-` or `_`, starting with a letter, e.g. `acme-cloud`";
    let fail = |msg: String| Err(Error::user(msg).with_hint(hint));
    if name.is_empty() {
        return fail("the project name is empty".into());
    }
    if name == "." || name == ".." {
        return fail(format!("`{name}` is not a project name"));
    }
    if name.contains('/') || name.contains('\\') {
        return Err(Error::user(format!(
            "the project name `{name}` contains a path separator"
        ))
        .with_hint("pass a plain name, and --output DIR to choose where the project goes"));
    }
    if !name.is_ascii() {
        return fail(format!(
            "the project name `{name}` has non-ASCII characters, which Python and npm package names cannot take"
        ));
    }
    if name.len() > MAX_NAME_LEN {
        return fail(format!(
            "the project name is {} characters long; the limit is {MAX_NAME_LEN}",
            name.len()
        ));
    }
    let first = name.chars().next().expect("not empty");
    if first.is_ascii_digit() {
        return fail(format!(
            "the project name `{name}` starts with a digit, which Python modules cannot"
        ));
    }
    if !first.is_ascii_alphabetic() {
        return fail(format!(
            "the project name `{name}` must start with a letter"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return fail(format!("the project name `{name}` contains `{bad}`"));
    }
    if name.ends_with(['-', '_']) {
        return fail(format!(
            "the project name `{name}` must end with a letter or digit"
        ));
    }
    let names = Names::derive(name);
    let module = names.module_name.as_str();
    if WINDOWS_RESERVED.contains(&module) {
        return fail(format!("`{name}` is a reserved device name on Windows"));
    }
    if PYTHON_KEYWORDS.contains(&module) {
        return fail(format!(
            "`{name}` is a Python keyword and cannot name a Python package"
        ));
    }
    if RUST_KEYWORDS.contains(&module) {
        return fail(format!(
            "`{name}` is a Rust keyword and cannot name a crate"
        ));
    }
    if RESERVED.contains(&module) || RESERVED.contains(&names.slug.as_str()) {
        return fail(format!(
            "`{name}` is reserved: the generated project uses it for its own folders or tools"
        ));
    }
    Ok(())
}

/// A host name such as `app.example.com`: lowercase labels of letters, digits and `-`.
pub fn validate_domain(domain: &str) -> Result<()> {
    let ok = !domain.is_empty()
        && domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::user(format!(
            "`{domain}` is not a valid domain for `brand.domain`"
        ))
        .with_hint("use a lowercase host name such as `app.example.com`"))
    }
}

pub fn validate_email(email: &str) -> Result<()> {
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
            && validate_domain(domain).is_ok()
    });
    if valid {
        Ok(())
    } else {
        Err(Error::user(format!(
            "`{email}` is not a valid e-mail address for `brand.support_email`"
        ))
        .with_hint("use an address such as `support@example.com`"))
    }
}

pub fn validate_color(color: &str) -> Result<()> {
    let valid = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    if valid {
        Ok(())
    } else {
        Err(Error::user(format!(
            "`{color}` is not a colour for `brand.primary_color`"
        ))
        .with_hint("use a hex colour such as `#4f46e5`"))
    }
}

/// Free text (description, brand name, company): one line of printable text, bounded
/// length. Escaping for each file format happens in the templates, not here; what no
/// escaping makes safe is refused: control characters (newlines, tabs, NUL, ESC...) and
/// the bidirectional overrides and isolates that make a source or licence read differently
/// from what it is (U+202A..U+202E, U+2066..U+2069), as well as line and paragraph
/// separators (U+2028, U+2029), which end JavaScript string literals in older engines.
pub fn validate_text(key: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(
            Error::user(format!("`{key}` is empty")).with_hint(format!("pass --set {key}=..."))
        );
    }
    if let Some(c) = value.chars().find(|c| is_unsafe_in_text(*c)) {
        let what = if c.is_control() {
            "a control character"
        } else if matches!(c, '\u{2028}' | '\u{2029}') {
            "a line separator"
        } else {
            "a bidirectional override"
        };
        return Err(Error::user(format!(
            "`{key}` contains {what} (U+{:04X}): `{}`",
            c as u32,
            value.escape_debug()
        ))
        .with_hint(format!(
            "remove it; `{key}` is one line of plain text (newlines, tabs and direction \
             overrides are not allowed)"
        )));
    }
    if value.chars().count() > max {
        return Err(Error::user(format!(
            "`{key}` is longer than {max} characters"
        )));
    }
    Ok(())
}

/// Characters refused in free text: see [`validate_text`].
fn is_unsafe_in_text(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_every_identifier_from_one_name() {
        let n = Names::derive("AcmeCloud_v2");
        assert_eq!(n.slug, "acme-cloud-v2");
        assert_eq!(n.module_name, "acme_cloud_v2");
        assert_eq!(n.npm_name, "acme-cloud-v2");
        assert_eq!(n.display_name, "Acme Cloud V2");
    }

    #[test]
    fn accepts_ordinary_names() {
        for name in ["myapp", "my-app", "my_app", "App2", "a"] {
            validate_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn rejects_every_bad_name_with_a_reason() {
        let cases = [
            ("", "empty"),
            ("..", "not a project name"),
            ("a/b", "path separator"),
            ("con", "Windows"),
            ("CON", "Windows"),
            ("class", "Python keyword"),
            ("fn", "Rust keyword"),
            ("1app", "starts with a digit"),
            ("café", "non-ASCII"),
            ("my app", "contains ` `"),
            ("app-", "must end"),
            ("node_modules", "reserved"),
        ];
        for (name, why) in cases {
            let err = validate_name(name).expect_err(name);
            assert!(err.message.contains(why), "{name}: {}", err.message);
        }
        assert!(
            validate_name(&"a".repeat(MAX_NAME_LEN + 1))
                .unwrap_err()
                .message
                .contains("limit")
        );
    }

    #[test]
    fn validates_brand_fields() {
        assert!(validate_domain("app.example.com").is_ok());
        assert!(validate_domain("Example.com").is_err());
        assert!(validate_domain("-x.com").is_err());
        assert!(validate_email("help@acme.io").is_ok());
        assert!(validate_email("help@acme").is_err());
        assert!(validate_color("#4F46e5").is_ok());
        assert!(validate_color("blue").is_err());
        assert!(validate_text("description", "  ", 10).is_err());
    }
}
