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

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    fs::write(&out, list).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
