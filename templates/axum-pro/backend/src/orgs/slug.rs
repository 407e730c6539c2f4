//! URL slugs for organization names: lower-case ASCII words joined by `-`.

use uuid::Uuid;

/// `Acme, Inc.` -> `acme-inc`; at most 60 characters; `org` when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c);
        } else {
            gap = true;
        }
    }
    let cut: String = slug.chars().take(60).collect();
    let cut = cut.trim_matches('-');
    if cut.is_empty() { "org".into() } else { cut.into() }
}

/// The slug with a random 6-hex-digit suffix, for when the plain slug is taken.
pub fn with_suffix(base: &str) -> String {
    format!("{base}-{}", &Uuid::new_v4().simple().to_string()[..6])
}

#[cfg(test)]
mod tests {
    use super::{slugify, with_suffix};

    #[test]
    fn names_become_lower_case_words_joined_by_dashes() {
        assert_eq!(slugify("Acme, Inc."), "acme-inc");
        assert_eq!(slugify("  --Big   Co--  "), "big-co");
        assert_eq!(slugify("Ünïcode"), "n-code");
    }

    #[test]
    fn a_name_without_letters_or_digits_is_org() {
        assert_eq!(slugify("!!!"), "org");
        assert_eq!(slugify("日本"), "org");
    }

    #[test]
    fn long_names_are_cut_to_60_without_a_trailing_dash() {
        let slug = slugify(&format!("{} b", "a".repeat(59)));
        assert_eq!(slug, "a".repeat(59));
        assert!(slugify(&"x".repeat(200)).len() == 60);
    }

    #[test]
    fn a_suffix_is_six_hex_digits() {
        let slug = with_suffix("acme");
        assert_eq!(slug.len(), "acme-".len() + 6);
        assert!(slug.starts_with("acme-"));
    }
}
