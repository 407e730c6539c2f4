//! Escaping and case filters for templates.
//!
//! Free text the user typed (a description, a brand name) may hold quotes, backslashes,
//! `{{`, newlines or `</script>`. Each format filter returns something that is valid at
//! its spot in that format: a complete string literal for TOML, JSON, YAML, Python,
//! TypeScript and Rust; escaped text for Markdown and HTML; a quoted word for shell.
//! Property tests check that random strings survive each format's parser.

use crate::names;

/// A double-quoted literal with backslash escapes, the shape TOML, JSON, YAML, Python,
/// JavaScript and Rust share. Control characters and the `also` characters become
/// `unicode(code point)`; quote, backslash, `\n`, `\t`, `\r` use their short escapes.
fn quoted(s: &str, unicode: fn(u32) -> String, also: &[char]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || also.contains(&c) => out.push_str(&unicode(c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn u4(code: u32) -> String {
    format!("\\u{code:04x}")
}

/// A TOML basic string, quotes included.
pub fn toml(s: &str) -> String {
    quoted(s, u4, &[])
}

/// A JSON string, quotes included, safe inside an HTML `<script>`: `<`, `>` and `&` and
/// the JavaScript line separators become `\u` escapes.
pub fn json(s: &str) -> String {
    quoted(s, u4, &['<', '>', '&', '\u{2028}', '\u{2029}'])
}

/// A JSON string exactly as Python's `json.dumps` writes it with its default
/// `ensure_ascii=True`: only `"`, `\\`, `\n`, `\r`, `\t`, `\b` and `\f` have short escapes;
/// every other character outside printable ASCII becomes a lowercase `\u` escape (a
/// surrogate pair above U+FFFF), and `<`, `>`, `&` stay as they are. For files a Python
/// program also writes, such as the frontend's `openapi.json` (the backend's
/// `python -m app.openapi` dump), so the two agree byte for byte.
pub fn json_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&u4(u32::from(*unit)));
                }
            }
        }
    }
    out.push('"');
    out
}

/// A YAML double-quoted scalar. JSON strings are valid YAML double-quoted scalars, and
/// the escapes `json` produces are all YAML escapes.
pub fn yaml(s: &str) -> String {
    json(s)
}

/// A TypeScript/JavaScript string literal, safe inside `<script>`.
pub fn ts(s: &str) -> String {
    json(s)
}

/// A Python string literal (double-quoted, UTF-8 source).
pub fn py(s: &str) -> String {
    quoted(s, u4, &['\u{2028}', '\u{2029}'])
}

/// A Rust string literal.
pub fn rs(s: &str) -> String {
    quoted(s, |code| format!("\\u{{{code:x}}}"), &[])
}

/// A Typst string literal: Typst reads the same escapes as Rust (`\u{1f600}` included).
pub fn typst(s: &str) -> String {
    rs(s)
}

/// Markdown inline text on one line: every character with a Markdown meaning is
/// backslash-escaped, so a description cannot open a link, a heading or raw HTML.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '+'
            | '-' | '.' | '!' | '|' | '~' | '"' | '\'' | '&' | '$' | '%' | '@' | '=' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// HTML text or a quoted attribute value.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A single-quoted POSIX shell word.
pub fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub fn snake(s: &str) -> String {
    lower_words(s).join("_")
}

pub fn kebab(s: &str) -> String {
    lower_words(s).join("-")
}

pub fn upper_snake(s: &str) -> String {
    names::words(s)
        .iter()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

pub fn pascal(s: &str) -> String {
    names::words(s)
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

pub fn title(s: &str) -> String {
    names::title_case(s)
}

fn lower_words(s: &str) -> Vec<String> {
    names::words(s).iter().map(|w| w.to_lowercase()).collect()
}

/// A filter from text to text.
type StringFilter = fn(&str) -> String;

/// Registers every filter on a minijinja environment.
pub fn register(env: &mut minijinja::Environment<'_>) {
    let string_filters: [(&'static str, StringFilter); 16] = [
        ("toml", toml),
        ("json", json),
        ("json_ascii", json_ascii),
        ("yaml", yaml),
        ("py", py),
        ("ts", ts),
        ("rs", rs),
        ("typst", typst),
        ("md", md),
        ("html", html),
        ("sh", sh),
        ("snake", snake),
        ("kebab", kebab),
        ("upper_snake", upper_snake),
        ("pascal", pascal),
        ("title", title),
    ];
    for (name, f) in string_filters {
        env.add_filter(name, move |v: String| f(&v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_filters() {
        assert_eq!(snake("my-App"), "my_app");
        assert_eq!(kebab("MyApp"), "my-app");
        assert_eq!(pascal("my_app"), "MyApp");
        assert_eq!(upper_snake("my-app"), "MY_APP");
        assert_eq!(title("my-app"), "My App");
    }

    #[test]
    fn script_tags_cannot_close_from_inside_a_json_or_ts_string() {
        assert!(!json("</script>").contains("</"));
        assert!(!ts("</script>").contains('<'));
    }

    #[test]
    fn json_ascii_writes_what_python_json_dumps_writes() {
        assert_eq!(
            json_ascii("Caf\u{e9} & Co <b> \"q\" \\ \u{1f680}\n\u{7f}"),
            r#""Caf\u00e9 & Co <b> \"q\" \\ \ud83d\ude80\n\u007f""#
        );
    }

    #[test]
    fn html_and_shell_escape_their_metacharacters() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
        );
        assert_eq!(sh("it's"), "'it'\\''s'");
    }

    #[test]
    fn typst_strings_use_braced_unicode_escapes() {
        assert_eq!(typst("a \"b\" \\ \u{7f}\n"), r#""a \"b\" \\ \u{7f}\n""#);
    }

    #[test]
    fn markdown_text_stays_on_one_line_and_opens_nothing() {
        let out = md("# Title\n[link](x) <b>");
        assert!(!out.contains('\n'));
        assert!(out.starts_with("\\#"));
        assert!(out.contains("\\[link\\]\\(x\\)"));
    }
}
