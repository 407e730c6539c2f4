//! Which template layers apply to which answers, read from `templates/manifest.toml`.
//!
//! This is the one place that decides what files a project gets: a layer is a folder of
//! templates and a `when` expression over the answers. Code never tests an answer to
//! include or skip a file.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::render::Renderer;
use crate::templates::{self, TEMPLATES};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "layer")]
    pub layers: Vec<Layer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// The folder under templates/.
    pub name: String,
    /// A minijinja expression; the layer applies when it is true.
    pub when: String,
}

impl Manifest {
    /// The embedded manifest. A broken manifest is a saasgen bug.
    pub fn embedded() -> Result<Self> {
        let text = templates::source(templates::MANIFEST_PATH)
            .ok_or_else(|| Error::internal("templates/manifest.toml is missing from the binary"))?;
        let manifest: Self = toml::from_str(text)
            .map_err(|e| Error::internal(format!("templates/manifest.toml is invalid: {e}")))?;
        manifest.check()?;
        Ok(manifest)
    }

    /// Layer names are unique and each has a folder.
    fn check(&self) -> Result<()> {
        for (i, layer) in self.layers.iter().enumerate() {
            if self.layers[..i].iter().any(|l| l.name == layer.name) {
                return Err(Error::internal(format!(
                    "manifest lists layer `{}` twice",
                    layer.name
                )));
            }
            if TEMPLATES.get_dir(&layer.name).is_none() {
                return Err(Error::internal(format!(
                    "manifest layer `{}` has no folder in templates/",
                    layer.name
                )));
            }
        }
        Ok(())
    }

    /// The layers whose `when` holds for these answers, in manifest order.
    pub fn active<'m>(&'m self, renderer: &Renderer) -> Result<Vec<&'m Layer>> {
        let mut active = Vec::new();
        for layer in &self.layers {
            let origin = format!("manifest.toml layer `{}`", layer.name);
            if renderer.eval_condition(&origin, &layer.when)? {
                active.push(layer);
            }
        }
        Ok(active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_manifest_parses_and_starts_with_common() {
        let m = Manifest::embedded().unwrap();
        assert_eq!(m.layers[0].name, "common");
        assert_eq!(m.layers[0].when, "true");
    }

    #[test]
    fn unknown_manifest_fields_are_rejected() {
        let err = toml::from_str::<Manifest>("[[layer]]\nname='x'\nwhen='true'\nif='y'\n");
        assert!(err.is_err());
    }
}
