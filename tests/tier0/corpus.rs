//! Every combination of choice answers, rendered once in memory and shared by the tier0
//! tests. File texts are interned: the 288 plans hold only a few hundred distinct texts,
//! so each check parses or compiles a text once however many projects contain it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use saasgen::keys::{Key, Partial};
use saasgen::plan::{self, ANSWERS_FILE};

/// The free text `tests/e2e/run` calls NASTY: quotes, backslashes, template braces, a
/// script end tag and a newline in the description; quotes, `&` and unicode in the brand.
pub const NASTY: [(&str, &str); 3] = [
    (
        "description",
        "He said \"hi\" \\ {{x}} {= y =} </script>\nnew line",
    ),
    ("brand.name", "O'Neil & {{Co}} </script>"),
    ("brand.company", "Ünïcode \"Ltd\" \\"),
];

/// One rendered project.
pub struct Combo {
    /// Position in [`combinations`].
    pub index: usize,
    /// The choice answers, in [`choices`] order.
    pub choices: Vec<(&'static str, String)>,
    /// Whether the free text answers are [`NASTY`].
    pub nasty: bool,
    /// Output path -> index into [`Corpus::texts`].
    pub files: BTreeMap<String, usize>,
    /// The manifest layers that produced at least one file.
    pub layers: BTreeSet<String>,
}

impl Combo {
    /// `tier=pro backend=fastapi ...`, for failure messages.
    pub fn label(&self) -> String {
        let mut parts: Vec<String> = self
            .choices
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if self.nasty {
            parts.push("(hostile text)".into());
        }
        parts.join(" ")
    }

    pub fn choice(&self, key: &str) -> &str {
        &self
            .choices
            .iter()
            .find(|(k, _)| *k == key)
            .expect("a choice key")
            .1
    }

    /// The project minus the answers file, which records every answer and so would
    /// make any two combinations differ.
    pub fn output(&self) -> BTreeMap<&str, usize> {
        self.files
            .iter()
            .filter(|(path, _)| path.as_str() != ANSWERS_FILE)
            .map(|(path, id)| (path.as_str(), *id))
            .collect()
    }
}

pub struct Corpus {
    pub combos: Vec<Combo>,
    /// Distinct file contents.
    pub texts: Vec<Vec<u8>>,
}

impl Corpus {
    pub fn text(&self, id: usize) -> &str {
        std::str::from_utf8(&self.texts[id]).unwrap_or("")
    }

    /// Each distinct text whose path satisfies `keep`, with one path that holds it.
    pub fn distinct(&self, keep: impl Fn(&str) -> bool) -> BTreeMap<usize, &str> {
        let mut out = BTreeMap::new();
        for combo in &self.combos {
            for (path, id) in &combo.files {
                if keep(path) {
                    out.entry(*id).or_insert(path.as_str());
                }
            }
        }
        out
    }
}

/// Every choice key with its values, read from the key table so that a new key or value is
/// covered without touching this file.
pub fn choices() -> Vec<(&'static str, Vec<String>)> {
    Key::choices()
        .map(|key| {
            let spec = key.spec();
            let values = spec.values.iter().map(|(v, _)| (*v).to_string());
            (spec.key, values.collect())
        })
        .collect()
}

/// The cartesian product of [`choices`].
pub fn combinations() -> Vec<Vec<(&'static str, String)>> {
    choices()
        .into_iter()
        .fold(vec![Vec::new()], |acc, (key, values)| {
            acc.iter()
                .flat_map(|prefix| {
                    values.iter().map(move |v| {
                        let mut next = prefix.clone();
                        next.push((key, v.clone()));
                        next
                    })
                })
                .collect()
        })
}

/// The shared corpus, rendered on first use.
pub fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(render_all)
}

/// Renders on every core: the other tests wait for the corpus, so this is their latency.
fn render_all() -> Corpus {
    let all = combinations();
    let next = AtomicUsize::new(0);
    let texts = Mutex::new(Interner::default());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut combos: Vec<Combo> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| render_some(&all, &next, &texts)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    combos.sort_by_key(|c| c.index);
    Corpus {
        combos,
        texts: texts.into_inner().unwrap().texts,
    }
}

/// Takes combinations off the shared counter until none is left.
fn render_some(
    all: &[Vec<(&'static str, String)>],
    next: &AtomicUsize,
    texts: &Mutex<Interner>,
) -> Vec<Combo> {
    let mut out = Vec::new();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(choices) = all.get(index) else {
            return out;
        };
        let nasty = hostile(index);
        let plan = plan::plan(&answers(choices, nasty))
            .unwrap_or_else(|e| panic!("{choices:?}: {e} {:?}", e.hint));
        let mut files = BTreeMap::new();
        let mut layers = BTreeSet::new();
        let mut texts = texts.lock().unwrap();
        for file in plan.files {
            layers.insert(file.layer);
            files.insert(file.path, texts.intern(file.contents));
        }
        out.push(Combo {
            index,
            choices: choices.clone(),
            nasty,
            files,
            layers,
        });
    }
}

#[derive(Default)]
struct Interner {
    ids: HashMap<Vec<u8>, usize>,
    texts: Vec<Vec<u8>>,
}

impl Interner {
    fn intern(&mut self, bytes: Vec<u8>) -> usize {
        let texts = &mut self.texts;
        *self.ids.entry(bytes).or_insert_with_key(|bytes| {
            texts.push(bytes.clone());
            texts.len() - 1
        })
    }
}

/// A fixed, well-mixed half of the combinations gets the hostile free text (the top bit
/// of a Fibonacci hash of the index). Not every other one: then two combinations that
/// differ in the last key only would always differ in free text too, and
/// `every_value_of_every_choice_changes_the_output` could not compare them.
fn hostile(index: usize) -> bool {
    (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 63 == 1
}

fn answers(choices: &[(&str, String)], nasty: bool) -> saasgen::answers::Answers {
    let mut p = Partial::default();
    p.set("name", "tier0-app", "test").unwrap();
    for (key, value) in choices {
        p.set(key, value.as_str(), "test").unwrap();
    }
    if nasty {
        for (key, value) in NASTY {
            p.set(key, value, "test").unwrap();
        }
    }
    p.build().unwrap()
}
