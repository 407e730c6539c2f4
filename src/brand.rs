//! White-label details that are more than text: the text colour that stays readable on
//! the brand colour (WCAG AA, 4.5:1), and the client's logo file (SVG or PNG), checked
//! when it is given and copied into the project.
//!
//! The logo is an answer like any other (`brand.logo`, a path or `none`), so presets,
//! batch entries and `.saasgen.toml` carry it; the path is stored absolute so a replay
//! from another folder finds the same file.

use std::path::Path;

use crate::answers::{Answers, Frontend, Tier};
use crate::error::{Error, Result};
use crate::plan::PlannedFile;

/// `brand.logo` when no logo is given: the Agency layer draws one in the brand colour.
pub const NO_LOGO: &str = "none";

/// The WCAG AA minimum for normal text.
pub const AA_CONTRAST: f64 = 4.5;

/// Largest logo accepted: it is served on every page.
const MAX_LOGO_BYTES: u64 = 1024 * 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Relative luminance of `#rrggbb` (WCAG 2.x definition).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// The contrast ratio of two `#rrggbb` colours, 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text colour for buttons and badges on `primary`: white when it reaches AA,
/// else near-black (slate-900), else black. One of white and black always reaches
/// 4.5:1 on any colour, so a valid colour always has an answer.
pub fn foreground(primary: &str) -> &'static str {
    ["#ffffff", "#0f172a", "#000000"]
        .into_iter()
        .find(|fg| contrast(primary, fg) >= AA_CONTRAST)
        .unwrap_or("#000000")
}

/// The file name of the logo in the frontend's `public/` folder.
pub fn logo_file(logo: &str) -> &'static str {
    match Path::new(logo).extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("png") => "logo.png",
        _ => "logo.svg",
    }
}

/// Validates `brand.logo` and returns it as stored: `none`, or the absolute path of a
/// readable SVG or PNG file.
pub fn validate_logo(raw: &str) -> Result<String> {
    let raw = raw.trim();
    if raw == NO_LOGO {
        return Ok(raw.to_owned());
    }
    let path = Path::new(raw);
    let bad = |why: String| {
        Error::user(format!(
            "`{raw}` is not a usable logo for `brand.logo`: {why}"
        ))
        .with_hint("pass the path of an .svg or .png file (up to 1 MiB), or `none`")
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("svg" | "png")) {
        return Err(bad("the file name must end in .svg or .png".into()));
    }
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot read it ({e})")))?;
    if !meta.is_file() {
        return Err(bad("it is not a file".into()));
    }
    if meta.len() > MAX_LOGO_BYTES {
        return Err(bad(format!("it is {} bytes, over 1 MiB", meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read it ({e})")))?;
    match ext.as_deref() {
        Some("png") => check_png(&bytes),
        _ => check_svg(&bytes),
    }
    .map_err(bad)?;
    let absolute = std::fs::canonicalize(path).map_err(|e| bad(format!("{e}")))?;
    Ok(absolute.to_string_lossy().into_owned())
}

fn check_png(bytes: &[u8]) -> std::result::Result<(), String> {
    let header_ok = bytes.starts_with(PNG_SIGNATURE) && bytes.get(12..16) == Some(b"IHDR");
    if !header_ok {
        return Err("it is not a PNG image (no PNG signature and header)".into());
    }
    let dim = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    if bytes.len() < 24 || dim(16) == 0 || dim(20) == 0 {
        return Err("the PNG has no size".into());
    }
    Ok(())
}

/// An SVG served from the site's own origin runs its scripts when opened directly, so
/// scripts, event handlers and `javascript:` links are refused, not copied.
fn check_svg(bytes: &[u8]) -> std::result::Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8 text".to_owned())?;
    let lower = text.to_ascii_lowercase();
    if !lower.contains("<svg") {
        return Err("it has no <svg> element".into());
    }
    if lower.contains("<script") || lower.contains("javascript:") || has_event_handler(&lower) {
        return Err("it contains a script or an event handler".into());
    }
    Ok(())
}

/// An `on...=` attribute such as `onload=`.
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices("on").any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let rest = &lower[at + 2..];
        let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        before.is_some_and(char::is_whitespace)
            && name_len > 0
            && rest[name_len..].trim_start().starts_with('=')
    })
}

/// The default CODEOWNERS owner of `module`: a team of the company's GitHub
/// organisation, named like GitHub slugs it (`Acme Ltd.` -> `@acme-ltd/billing`).
pub fn default_owner(company: &str, module: &str) -> String {
    let org = crate::filters::kebab(company);
    let org = if org.is_empty() { "team".into() } else { org };
    format!("@{org}/{module}")
}

/// Owners as CODEOWNERS takes them: `@user`, `@org/team` or e-mail addresses, separated
/// by spaces (anything else would make GitHub ignore the line).
pub fn validate_owners(key: &str, raw: &str) -> Result<String> {
    let owners: Vec<&str> = raw.split_whitespace().collect();
    let handle = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    let valid = |o: &&str| match o.strip_prefix('@') {
        Some(rest) => match rest.split_once('/') {
            Some((org, team)) => handle(org) && handle(team),
            None => handle(rest),
        },
        None => crate::names::validate_email(o).is_ok(),
    };
    match owners.iter().find(|o| !valid(o)) {
        None if !owners.is_empty() => Ok(owners.join(" ")),
        bad => Err(Error::user(format!(
            "`{}` is not a code owner for `{key}`",
            bad.copied().unwrap_or(raw)
        ))
        .with_hint("use `@user`, `@org/team` or an e-mail address, e.g. `@acme/billing`")),
    }
}

/// The client's logo, copied into the Agency frontend's `public/` folder (replacing the
/// drawn one); nothing for other projects or `brand.logo = "none"`.
pub fn logo_files(answers: &Answers) -> Result<Vec<PlannedFile>> {
    let logo = &answers.brand.logo;
    if logo == NO_LOGO || answers.tier != Tier::Agency || answers.frontend != Frontend::Nextjs {
        return Ok(Vec::new());
    }
    // Checked again: a preset may name a file that changed since it was validated.
    validate_logo(logo)?;
    let contents = std::fs::read(logo)
        .map_err(|e| Error::user(format!("cannot read the logo `{logo}`: {e}")))?;
    Ok(vec![PlannedFile {
        path: format!("frontend/public/{}", logo_file(logo)),
        contents,
        executable: false,
        layer: "brand.logo".into(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert!((contrast("#4f46e5", "#ffffff") - 6.29).abs() < 0.01);
    }

    #[test]
    fn the_text_colour_reaches_aa_on_any_brand_colour() {
        for r in (0..=255).step_by(15) {
            for g in (0..=255).step_by(15) {
                for b in (0..=255).step_by(15) {
                    let primary = format!("#{r:02x}{g:02x}{b:02x}");
                    let fg = foreground(&primary);
                    assert!(contrast(&primary, fg) >= AA_CONTRAST, "{primary} {fg}");
                }
            }
        }
    }

    #[test]
    fn dark_colours_get_white_text_and_light_ones_dark_text() {
        assert_eq!(foreground("#4f46e5"), "#ffffff");
        assert_eq!(foreground("#facc15"), "#0f172a");
        assert_eq!(
            foreground("#777777"),
            "#000000",
            "white is 4.48:1, slate-900 4.0:1"
        );
    }

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("saasgen-brand-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_valid_svg_or_png_logo_is_kept_as_an_absolute_path() {
        let svg = temp(
            "ok.svg",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        let kept = validate_logo(svg.to_str().unwrap()).unwrap();
        assert!(Path::new(&kept).is_absolute());
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend([0, 0, 0, 13]);
        png.extend(b"IHDR");
        png.extend([0, 0, 0, 16, 0, 0, 0, 16]);
        let png = temp("ok.PNG", &png);
        assert!(validate_logo(png.to_str().unwrap()).is_ok());
        assert_eq!(logo_file(png.to_str().unwrap()), "logo.png");
        assert_eq!(validate_logo(" none ").unwrap(), "none");
    }

    #[test]
    fn unusable_logos_are_clear_errors() {
        let cases = [
            (temp("logo.gif", b"GIF89a"), "must end in .svg or .png"),
            (temp("fake.png", b"<svg/>"), "not a PNG image"),
            (temp("empty.svg", b"hello"), "no <svg> element"),
            (
                temp("evil.svg", b"<svg onload = \"alert(1)\"></svg>"),
                "script or an event handler",
            ),
            (
                temp("evil2.svg", b"<svg><script>alert(1)</script></svg>"),
                "script or an event handler",
            ),
            (
                std::env::temp_dir().join("missing-logo.svg"),
                "cannot read it",
            ),
        ];
        for (path, why) in cases {
            let err = validate_logo(path.to_str().unwrap()).unwrap_err();
            assert!(err.message.contains("`brand.logo`"), "{}", err.message);
            assert!(err.message.contains(why), "{}", err.message);
            assert!(err.hint.is_some());
        }
    }

    #[test]
    fn owners_default_to_a_team_of_the_company_and_are_checked() {
        assert_eq!(default_owner("Acme Ltd.", "billing"), "@acme-ltd/billing");
        assert_eq!(
            validate_owners("owners.billing", " @acme/billing  pay@acme.io ").unwrap(),
            "@acme/billing pay@acme.io"
        );
        for bad in ["", "acme", "@acme/bill ing/x", "@ac me", "@acme/*"] {
            let err = validate_owners("owners.billing", bad).unwrap_err();
            assert!(
                err.message.contains("`owners.billing`"),
                "{bad}: {}",
                err.message
            );
        }
    }

    #[test]
    fn a_logo_word_with_on_inside_is_not_an_event_handler() {
        assert!(check_svg(b"<svg><text font-family=\"Montserrat\">Lemon</text></svg>").is_ok());
    }
}
