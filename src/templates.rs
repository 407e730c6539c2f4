//! The template tree embedded in the binary. Nothing is read from disk at run time,
//! except through [`with_folder`]: the hidden `--templates DIR` option that lets template
//! authors and tests render a changed copy of `templates/` (a "newer template") without
//! a new release (docs/templates.md, "Rendering from a folder").

use std::cell::Cell;
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use include_dir::{Dir, DirEntry, File, include_dir};

use crate::error::{Error, Result};

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

/// A template tree read from disk, in the same shape as the embedded one.
#[derive(Debug)]
pub struct Folder {
    tree: Dir<'static>,
    executables: BTreeSet<String>,
}

thread_local! {
    /// The folder rendering reads instead of the embedded tree, while [`with_folder`] runs.
    static FOLDER: Cell<Option<&'static Folder>> = const { Cell::new(None) };
}

/// Reads a template folder (a copy of `templates/`). It lives as long as the process:
/// rendering borrows its text the way it borrows the embedded tree.
pub fn load_folder(root: &Path) -> Result<&'static Folder> {
    if !root.join(MANIFEST_PATH).is_file() {
        return Err(
            Error::user(format!("`{}` has no {MANIFEST_PATH}", root.display()))
                .with_hint("--templates takes a copy of saasgen's templates/ folder"),
        );
    }
    let mut executables = BTreeSet::new();
    let tree = read_dir(root, "", &mut executables)
        .map_err(|e| Error::io(format!("cannot read templates in `{}`", root.display()), e))?;
    Ok(Box::leak(Box::new(Folder { tree, executables })))
}

fn read_dir(
    root: &Path,
    rel: &str,
    executables: &mut BTreeSet<String>,
) -> std::io::Result<Dir<'static>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let meta = std::fs::metadata(entry.path())?;
        if meta.is_dir() {
            entries.push(DirEntry::Dir(read_dir(root, &path, executables)?));
            continue;
        }
        if meta.permissions().mode() & 0o111 != 0 {
            executables.insert(path.clone());
        }
        let contents: &'static [u8] = std::fs::read(entry.path())?.leak();
        entries.push(DirEntry::File(File::new(leak(path), contents)));
    }
    Ok(Dir::new(leak(rel.to_owned()), entries.leak()))
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Runs `f` with rendering reading `folder` (or the embedded tree for `None`).
pub fn with_folder<T>(folder: Option<&'static Folder>, f: impl FnOnce() -> T) -> T {
    let previous = FOLDER.replace(folder);
    let out = f();
    FOLDER.set(previous);
    out
}

/// The template tree in use: the embedded one unless [`with_folder`] says otherwise.
pub fn tree() -> &'static Dir<'static> {
    FOLDER.get().map_or(&TEMPLATES, |f| &f.tree)
}

/// Whether the template file at `path` (relative to templates/) has its executable bit.
pub fn is_executable(path: &str) -> bool {
    match FOLDER.get() {
        Some(folder) => folder.executables.contains(path),
        None => modes::EXECUTABLES.binary_search(&path).is_ok(),
    }
}

/// The UTF-8 source of a template, for minijinja's loader.
pub fn source(path: &str) -> Option<&'static str> {
    tree().get_file(path).and_then(|f| f.contents_utf8())
}
