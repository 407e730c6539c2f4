//! Records which template files are executable, because include_dir does not keep file
//! modes, and makes cargo rebuild when any template changes.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=presets");
    let mut executables = Vec::new();
    visit(Path::new("templates"), &mut |path| {
        let rel = path
            .strip_prefix("templates")
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let meta = fs::metadata(path).unwrap();
        if meta.permissions().mode() & 0o111 != 0 {
            executables.push(rel.clone());
        }
    });
    executables.sort();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("template_modes.rs");
    let code = format!(
        "/// Template paths (relative to templates/) whose executable bit is set.\n\
         pub const EXECUTABLES: &[&str] = &{executables:?};\n"
    );
    fs::write(out, code).unwrap();
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            visit(&path, f);
        } else {
            f(&path);
        }
    }
}
