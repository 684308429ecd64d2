//! Embeds the bundled guides into the binary and fingerprints everything
//! that shapes the index (guides, `index/` data, pyq's own source), so that
//! an index built by a different pyq or from different guides is rebuilt.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/fingerprint.rs"]
#[allow(dead_code)]
mod fingerprint;

#[path = "src/terms.rs"]
#[allow(dead_code)]
mod terms;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn main() {
    link_position_dependent();
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    for dir in ["guides", "index", "src"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }

    let mut guides = Vec::new();
    files(&root.join("guides"), "md", &mut guides);
    guides.sort();
    let mut shaping = Vec::new();
    files(&root.join("index"), "toml", &mut shaping);
    files(&root.join("src"), "rs", &mut shaping);
    shaping.sort();

    let mut fp = fingerprint::Fingerprint::new();
    let mut list = String::from("pub static BUNDLED_GUIDES: &[(&str, &[u8])] = &[\n");
    for path in &guides {
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        fp.field(name.as_bytes()).field(&bytes);
        writeln!(
            list,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    list.push_str("];\n");
    for path in &shaping {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        fp.field(rel.to_string_lossy().as_bytes()).field(&bytes);
    }
    writeln!(
        list,
        "pub const BUNDLED_FINGERPRINT: &str = {:?};",
        fp.hex()
    )
    .unwrap();

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let out = out_dir.join("bundled.rs");
    fs::write(&out, list).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let topics = topic_names(&root.join("index/topics.toml"));
    let out = out_dir.join("topics.rs");
    fs::write(&out, topics).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let titles = generic_title_words(&root.join("index/titles.toml"));
    let out = out_dir.join("titles.rs");
    fs::write(&out, titles).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let synonyms = synonyms(&root.join("index/synonyms.toml"));
    let out = out_dir.join("synonyms.rs");
    fs::write(&out, synonyms).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let wording = wording(&root.join("index/wording.toml"));
    let out = out_dir.join("wording.rs");
    fs::write(&out, wording).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let related = related(&root.join("index/related.tsv"));
    let out = out_dir.join("related.rs");
    fs::write(&out, related).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));

    let senses = senses(&root.join("index/senses.tsv"));
    let out = out_dir.join("senses.rs");
    fs::write(&out, senses).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// A list of strings as Rust source: `&["a", "b"]`.
fn rust_strs(items: &[String]) -> String {
    format!(
        "&[{}]",
        items
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Compiles `index/wording.toml` into sorted static tables of tokens, so
/// that no lookup parses TOML. Phrases are sorted by their first word (then
/// longest first), single words alphabetically, for binary search.
fn wording(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let strings = |key: &str| -> Vec<Vec<String>> {
        table
            .get(key)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("{}: {key} must be a list", path.display()))
            .iter()
            .map(|v| {
                let s = v
                    .as_str()
                    .unwrap_or_else(|| panic!("{}: {key}: {v:?} is not a string", path.display()));
                terms::query_tokens(&s.to_lowercase())
            })
            .filter(|p| !p.is_empty())
            .collect()
    };
    let phrases = |key: &str| -> String {
        let mut list = strings(key);
        list.sort_by(|a, b| a[0].cmp(&b[0]).then(b.len().cmp(&a.len())).then(a.cmp(b)));
        list.dedup();
        let items: Vec<String> = list.iter().map(|p| rust_strs(p)).collect();
        format!("&[{}]", items.join(", "))
    };
    let words = |key: &str| -> String {
        let mut list: Vec<String> = strings(key)
            .into_iter()
            .map(|p| {
                assert!(
                    p.len() == 1,
                    "{}: {key}: {p:?} is not one word",
                    path.display()
                );
                p[0].clone()
            })
            .collect();
        list.sort();
        list.dedup();
        rust_strs(&list)
    };
    let mut out = String::from("// `index/wording.toml`, cut into tokens and sorted.\n");
    for (name, key, phrase) in [
        ("TEMPLATES", "templates", true),
        ("FILLER", "filler", false),
        ("KEYWORDS", "keywords", false),
        ("KEYWORD_NOUNS", "keyword_nouns", false),
        ("COMPARISON", "comparison", false),
        ("COMPARISON_OPENERS", "comparison_openers", true),
        ("CONSTRUCTS", "constructs", true),
        ("ASPECTS", "aspects", false),
        ("DEFINITIONS", "definitions", true),
        ("FOLLOW_UPS", "follow_ups", true),
        ("LANGUAGE", "language", false),
        ("CALL_NOUNS", "call_nouns", false),
    ] {
        if phrase {
            writeln!(out, "pub static {name}: &[&[&str]] = {};", phrases(key)).unwrap();
        } else {
            writeln!(out, "pub static {name}: &[&str] = {};", words(key)).unwrap();
        }
    }
    out
}

/// Compiles `index/related.tsv` (word, TAB, related words) into a static
/// table sorted by word.
fn related(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut rows: Vec<(String, Vec<String>)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (word, related) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("{}: no tab in {l:?}", path.display()));
            let related = related.split_whitespace().map(str::to_string).collect();
            (word.to_string(), related)
        })
        .collect();
    rows.sort();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::from(
        "/// `index/related.tsv`: a word and the related words of the guides, sorted by word.\n",
    );
    out.push_str("pub static RELATED: &[(&str, &[&str])] = &[\n");
    for (word, related) in &rows {
        writeln!(out, "    ({word:?}, {}),", rust_strs(related)).unwrap();
    }
    out.push_str("];\n");
    out
}

/// Compiles `index/senses.tsv` (word, TAB, number of senses, TAB, number of
/// uses) into a static table sorted by word.
fn senses(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let number = |field: Option<&str>, line: &str| -> u32 {
        field
            .unwrap_or_else(|| panic!("{}: too few fields in {line:?}", path.display()))
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{}: {line:?}: {e}", path.display()))
    };
    let mut rows: Vec<(String, u32, u32)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut fields = l.split('\t');
            let word = fields.next().unwrap_or_default().to_string();
            let senses = number(fields.next(), l);
            let uses = number(fields.next(), l);
            (word, senses, uses)
        })
        .collect();
    rows.sort();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::from(
        "/// `index/senses.tsv`: a word of the guides, its number of senses and of uses, sorted by word.\n",
    );
    out.push_str("pub static SENSES: &[(&str, u32, u32)] = &[\n");
    for (word, senses, uses) in &rows {
        writeln!(out, "    ({word:?}, {senses}, {uses}),").unwrap();
    }
    out.push_str("];\n");
    out
}

/// pyq runs for a few milliseconds, hundreds of times a day. Linked as a
/// position-independent executable it spends a sixth of a lookup applying
/// some 27,000 load-time relocations; a position-dependent executable has
/// them resolved by the linker (measured: `pyq gil` 2.4 ms → 2.0 ms). The
/// price is that the executable image (not its libraries, stack or heap)
/// loads at a fixed address. Builds that must be PIE set `PYQ_PIE=1`.
fn link_position_dependent() {
    println!("cargo:rerun-if-env-changed=PYQ_PIE");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && env::var_os("PYQ_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        println!("cargo:rustc-link-arg-bin=pyq=-no-pie");
    }
}

/// The topic names of `index/topics.toml`, for the command line to offer
/// and complete without reading the taxonomy.
fn topic_names(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let topics = table
        .get("topic")
        .and_then(|t| t.as_array())
        .unwrap_or_else(|| panic!("{}: no [[topic]]", path.display()));
    let names: Vec<String> = topics
        .iter()
        .map(|t| {
            let name = t.get("name").and_then(|n| n.as_str());
            format!(
                "{:?}",
                name.unwrap_or_else(|| panic!("{}: a topic without a name", path.display()))
            )
        })
        .collect();
    format!(
        "/// Topic names of `index/topics.toml`, in file order.\npub static TOPIC_NAMES: &[&str] = &[{}];\n",
        names.join(", ")
    )
}

/// The words of `index/titles.toml` that make a heading generic, as a
/// sorted static list (looked up by binary search).
fn generic_title_words(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list = |key: &str| -> String {
        let mut words: Vec<String> = table
            .get(key)
            .and_then(|g| g.as_array())
            .unwrap_or_else(|| panic!("{}: no {key} = [...]", path.display()))
            .iter()
            .map(|w| {
                w.as_str()
                    .unwrap_or_else(|| panic!("{}: {w:?} is not a string", path.display()))
                    .to_lowercase()
            })
            .collect();
        words.sort();
        words.dedup();
        words
            .iter()
            .map(|w| format!("{w:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "/// Words of `index/titles.toml` that say what kind of section a heading is, sorted.\npub static GENERIC_TITLE_WORDS: &[&str] = &[{}];\n/// Words of `index/titles.toml` that ask rather than say what about, sorted.\npub static QUESTION_WORDS: &[&str] = &[{}];\n/// Words of `index/titles.toml` that ask about an aspect of a subject, sorted.\npub static ASPECT_WORDS: &[&str] = &[{}];\n",
        list("generic"),
        list("question"),
        list("aspect")
    )
}

/// Compiles `index/synonyms.toml` into static tables of tokens, so that no
/// lookup parses TOML. A malformed file fails the build with TOML's message.
fn synonyms(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let phrase = |value: &toml::Value| -> Vec<String> {
        let s = value
            .as_str()
            .unwrap_or_else(|| panic!("{}: {value:?} is not a string", path.display()));
        terms::query_tokens(&s.to_lowercase())
    };
    let rust_phrase = |p: &[String]| {
        format!(
            "&[{}]",
            p.iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let list = |value: Option<&toml::Value>, what: &str| -> Vec<toml::Value> {
        match value {
            None => Vec::new(),
            Some(v) => v
                .as_array()
                .cloned()
                .unwrap_or_else(|| panic!("{}: {what} must be a list", path.display())),
        }
    };

    let mut out =
        String::from("/// Synonym groups of `index/synonyms.toml`, each member cut into tokens.\n");
    out.push_str("pub static SYNONYM_GROUPS: &[&[&[&str]]] = &[\n");
    for group in list(table.get("groups"), "groups") {
        let members: Vec<String> = list(Some(&group), "a group")
            .iter()
            .map(phrase)
            .filter(|p| !p.is_empty())
            .map(|p| rust_phrase(&p))
            .collect();
        writeln!(out, "    &[{}],", members.join(", ")).unwrap();
    }
    out.push_str("];\n\n/// The `alone` table: a one-word query and its expansions.\n");
    out.push_str("pub static SYNONYMS_ALONE: &[(&[&str], &[&[&str]])] = &[\n");
    if let Some(alone) = table.get("alone") {
        let alone = alone
            .as_table()
            .unwrap_or_else(|| panic!("{}: alone must be a table", path.display()));
        for (word, expansions) in alone {
            let key = terms::query_tokens(&word.to_lowercase());
            let expansions: Vec<String> = list(Some(expansions), word)
                .iter()
                .map(phrase)
                .map(|p| rust_phrase(&p))
                .collect();
            writeln!(
                out,
                "    ({}, &[{}]),",
                rust_phrase(&key),
                expansions.join(", ")
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    out
}
