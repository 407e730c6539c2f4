//! Text that is stored or shown: which characters are refused, and the cleaning of text
//! taken from tokens.
//!
//! PostgreSQL refuses NUL in text (a 500), control characters and line separators corrupt
//! log lines and exports, bidirectional overrides make a name display as something it is
//! not ("Trojan Source"). Request fields refuse them with a 422 naming the character;
//! token claims, which the user cannot correct, have them removed instead.

/// C0 controls, DEL, C1 controls, line and paragraph separators, bidirectional
/// embeddings, overrides and isolates. (Unpaired surrogates cannot occur in a Rust string:
/// the JSON parser already refuses them.)
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

pub fn has_unsafe_characters(text: &str) -> bool {
    text.chars().any(is_unsafe)
}

/// The first unsafe character as `U+XXXX`, for the 422 message.
pub fn first_unsafe(text: &str) -> Option<String> {
    text.chars()
        .find(|c| is_unsafe(*c))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// Text from a token made safe to store: unsafe characters removed, trimmed, or None.
pub fn storable_text(text: &str) -> Option<String> {
    let cleaned: String = text.chars().filter(|c| !is_unsafe(*c)).collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}
