//! Shell completion that knows saasgen's data: `--preset` completes the built-in preset
//! names (and paths), `--set` completes answer keys and, after `=`, a choice key's values.
//!
//! It uses clap_complete's dynamic completion (`COMPLETE=bash saasgen`, feature
//! `unstable-dynamic`): the shell asks the binary itself, so the candidates come from the
//! same key table and presets as everything else. `saasgen completions SHELL` prints the
//! registration script that sets this up.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;
use clap_complete::engine::{PathCompleter, ValueCompleter};

use crate::error::{Error, Result};
use crate::keys::Key;
use crate::presets;

/// Built-in preset names starting with what was typed, then matching paths.
pub fn preset(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let mut out: Vec<CompletionCandidate> = presets::builtins()
        .into_iter()
        .filter(|p| p.name.starts_with(typed.as_ref()))
        .map(|p| CompletionCandidate::new(p.name).help(Some(p.summary().into())))
        .collect();
    out.extend(PathCompleter::file().complete(current));
    out
}

/// `KEY=` for each key starting with what was typed; after `KEY=`, `KEY=VALUE` for each
/// value of a choice key.
pub fn set(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if let Some((key, value)) = typed.split_once('=') {
        let Ok(key) = Key::parse(key) else {
            return Vec::new();
        };
        return key
            .spec()
            .values
            .into_iter()
            .filter(|(v, _)| v.starts_with(value))
            .map(|(v, help)| {
                CompletionCandidate::new(format!("{}={v}", key.as_str())).help(Some(help.into()))
            })
            .collect();
    }
    Key::ALL
        .iter()
        .map(|k| k.spec())
        .filter(|spec| spec.key.starts_with(typed.as_ref()))
        .map(|spec| {
            CompletionCandidate::new(format!("{}=", spec.key)).help(Some(spec.about.into()))
        })
        .collect()
}

/// The script that registers dynamic completion for `shell` (`bash`, `zsh`, `fish`,
/// `elvish`, `powershell`), as `COMPLETE=SHELL saasgen` prints it.
pub fn registration(shell: &str) -> Result<String> {
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(shell).ok_or_else(|| {
        Error::user(format!("no completion for shell `{shell}`")).with_hint(format!(
            "shells: {}",
            shells.names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let mut script = Vec::new();
    completer
        .write_registration("COMPLETE", "saasgen", "saasgen", "saasgen", &mut script)
        .map_err(|e| Error::io("cannot write the completion script", e))?;
    Ok(String::from_utf8_lossy(&script).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(candidates: Vec<CompletionCandidate>) -> Vec<String> {
        candidates
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn set_completes_keys_then_values() {
        assert_eq!(values(set(OsStr::new("bi"))), ["billing="]);
        let brand = values(set(OsStr::new("brand.")));
        assert!(
            brand.contains(&"brand.support_email=".to_owned()),
            "{brand:?}"
        );
        // Every value of the key, in the schema's order (no list here to forget).
        let billing: Vec<String> = Key::Billing
            .spec()
            .values
            .iter()
            .map(|(v, _)| format!("billing={v}"))
            .collect();
        assert!(billing.len() > 1 && billing.contains(&"billing=stripe".to_owned()));
        assert_eq!(values(set(OsStr::new("billing="))), billing);
        assert_eq!(values(set(OsStr::new("tier=a"))), ["tier=agency"]);
        assert!(set(OsStr::new("nope=x")).is_empty());
    }

    #[test]
    fn preset_completes_builtin_names() {
        let found = values(preset(OsStr::new("ag")));
        assert_eq!(
            found.first().map(String::as_str),
            Some("agency"),
            "{found:?}"
        );
    }

    #[test]
    fn registration_scripts_exist_for_the_common_shells() {
        for shell in ["bash", "zsh", "fish"] {
            assert!(registration(shell).unwrap().contains("saasgen"), "{shell}");
        }
        assert!(registration("tcsh").is_err());
    }
}
