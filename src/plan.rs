//! Pure: answers in, the list of files with their bytes out. Nothing touches the disk.
//!
//! Rendering everything in memory first is what makes writing atomic and `--dry-run`
//! exact: the plan is the project.

use std::collections::BTreeMap;

use include_dir::Dir;
use serde::Serialize;

use crate::answers::Answers;
use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::presets::AnswersFile;
use crate::render::Renderer;
use crate::templates::{self, PARTIALS_DIR, TEMPLATE_SUFFIX};

/// Name of the answers file written into every project.
pub const ANSWERS_FILE: &str = ".saasgen.toml";

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlannedFile {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    #[serde(skip)]
    pub contents: Vec<u8>,
    pub executable: bool,
    /// The layer that produced it.
    pub layer: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    /// Sorted by path.
    pub files: Vec<PlannedFile>,
}

impl Plan {
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|f| f.contents.len()).sum()
    }

    pub fn get(&self, path: &str) -> Option<&PlannedFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// Renders every file the answers call for.
pub fn plan(answers: &Answers) -> Result<Plan> {
    plan_from(answers, &[])
}

/// Like [`plan`], recording in `.saasgen.toml` the presets the answers were layered from.
pub fn plan_from(answers: &Answers, presets: &[String]) -> Result<Plan> {
    let renderer = Renderer::new(answers);
    let manifest = Manifest::embedded()?;
    let mut files: BTreeMap<String, PlannedFile> = BTreeMap::new();
    for layer in manifest.active(&renderer)? {
        let Some(dir) = templates::tree().get_dir(&layer.name) else {
            continue;
        };
        for file in collect(dir) {
            let planned = render_one(&renderer, &layer.name, file)?;
            if let Some(previous) = files.get(&planned.path) {
                return Err(Error::internal(format!(
                    "layers `{}` and `{}` both produce `{}`",
                    previous.layer, planned.layer, planned.path
                ))
                .with_hint(
                    "this is a bug in saasgen's manifest; a path must come from one layer",
                ));
            }
            files.insert(planned.path.clone(), planned);
        }
    }
    for logo in crate::brand::logo_files(answers)? {
        files.remove("frontend/public/logo.svg");
        files.insert(logo.path.clone(), logo);
    }
    crate::tests_shipped::fill(&mut files);
    let answers_file = AnswersFile::from_answers(answers)
        .with_presets(presets)
        .to_toml();
    files.insert(
        ANSWERS_FILE.into(),
        PlannedFile {
            path: ANSWERS_FILE.into(),
            contents: answers_file.into_bytes(),
            executable: false,
            layer: "answers".into(),
        },
    );
    // The hashes `saasgen update` tells edited files by (see `pristine`).
    let record = crate::pristine::record(files.values());
    files.insert(record.path.clone(), record);
    Ok(Plan {
        files: files.into_values().collect(),
    })
}

/// Every file of a layer except partials, in a stable order.
fn collect(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in d.entries() {
            match entry {
                include_dir::DirEntry::Dir(sub) => {
                    if sub.path().file_name().is_none_or(|n| n != PARTIALS_DIR) {
                        stack.push(sub);
                    }
                }
                include_dir::DirEntry::File(f) => out.push(f),
            }
        }
    }
    out.sort_by_key(|f| f.path());
    out
}

fn render_one(
    renderer: &Renderer,
    layer: &str,
    file: &include_dir::File<'static>,
) -> Result<PlannedFile> {
    let template_path = file.path().to_string_lossy().replace('\\', "/");
    let in_layer = template_path
        .strip_prefix(&format!("{layer}/"))
        .unwrap_or(&template_path);
    let mut out_path = render_path(renderer, &template_path, in_layer)?;
    let contents = match out_path.strip_suffix(TEMPLATE_SUFFIX) {
        Some(stripped) => {
            out_path = stripped.to_owned();
            renderer.render_file(&template_path)?.into_bytes()
        }
        None => file.contents().to_vec(),
    };
    Ok(PlannedFile {
        path: out_path,
        contents,
        executable: templates::is_executable(&template_path),
        layer: layer.to_owned(),
    })
}

/// Renders each path component on its own, so a value can never introduce a `/` or `..`.
fn render_path(renderer: &Renderer, origin: &str, path: &str) -> Result<String> {
    let mut parts = Vec::new();
    for component in path.split('/') {
        if !component.contains("{=") {
            parts.push(component.to_owned());
            continue;
        }
        let rendered = renderer.render_str(origin, component)?;
        if rendered.is_empty()
            || rendered == "."
            || rendered == ".."
            || rendered.contains(['/', '\\'])
        {
            return Err(Error::internal(format!(
                "path component `{component}` of `{origin}` rendered to `{rendered}`"
            )));
        }
        parts.push(rendered);
    }
    Ok(parts.join("/"))
}
