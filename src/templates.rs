//! The template tree embedded in the binary. Nothing is read from disk at run time.

use include_dir::{Dir, include_dir};

pub static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

mod modes {
    include!(concat!(env!("OUT_DIR"), "/template_modes.rs"));
}

/// The manifest that maps answers to layers.
pub const MANIFEST_PATH: &str = "manifest.toml";

/// Folder name whose files are never written, only included by other templates.
pub const PARTIALS_DIR: &str = "_partials";

/// Suffix of files rendered with minijinja; it is stripped from the output name.
pub const TEMPLATE_SUFFIX: &str = ".j2";

/// Whether the template file at `path` (relative to templates/) has its executable bit.
pub fn is_executable(path: &str) -> bool {
    modes::EXECUTABLES.binary_search(&path).is_ok()
}

/// The UTF-8 source of a template, for minijinja's loader.
pub fn source(path: &str) -> Option<&'static str> {
    TEMPLATES.get_file(path).and_then(|f| f.contents_utf8())
}
