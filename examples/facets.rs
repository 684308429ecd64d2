//! Classifies the bundled guides with the taxonomy files on disk, without
//! rebuilding pyq or an index, and prints every document as JSON (`id`,
//! `title`, `path`, `kind`, `topic`, `difficulty`), the shape of
//! `pyq --json` (every document) that `tools/facets/score.py` reads:
//!
//! ```sh
//! cargo run --release --example facets -- index/ > /tmp/facets.json
//! python3 tools/facets/score.py tests/data/facets-dev.tsv /tmp/facets.json
//! ```
//!
//! `--explain ID…` prints, for the documents named, the keywords found in
//! each place and the points of each topic and level, instead of the JSON.
//! `--time` also prints on stderr how long cutting and classifying the
//! guides takes. Editing `index/topics.toml` or `index/difficulty.toml` and running this
//! again shows the effect at once.

use std::path::PathBuf;

use pyq::classify::Taxonomy;
use pyq::corpus::all_documents;
use pyq::guides::GuideSources;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "index".into()));
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let taxonomy = Taxonomy::from_toml(&read("topics.toml"), &read("difficulty.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (guides, _) = GuideSources::default().load();
    if std::env::args().any(|a| a == "--time") {
        // the median of 21 runs of the whole pipeline before indexing
        let mut times: Vec<_> = (0..21)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(all_documents(&guides, &taxonomy));
                start.elapsed()
            })
            .collect();
        times.sort();
        eprintln!("guides to documents: {:.2?} (median of 21)", times[10]);
    }
    let all = all_documents(&guides, &taxonomy);
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--explain") {
        for id in &args[at + 1..] {
            let Some(d) = all.iter().find(|d| &d.id == id) else {
                eprintln!("no document {id}");
                continue;
            };
            println!(
                "{id}: {} / {}{}\n  {:?} {:?}",
                d.topic,
                d.difficulty,
                if d.body_is_subsections {
                    " (a chapter)"
                } else {
                    ""
                },
                d.path,
                d.title
            );
            let own = if d.body_is_subsections {
                ""
            } else {
                d.body.as_str()
            };
            print!("{}", taxonomy.explain(d.kind, &d.title, &d.path, own));
            // the documents below a heading, which a chapter is classified from
            let at = all.iter().position(|e| e.id == d.id).unwrap_or(0);
            let below = all[at + 1..].iter().take_while(|e| e.level > d.level);
            for e in below {
                println!(
                    "    part {} / {} ({} bytes) {}",
                    e.topic,
                    e.difficulty,
                    e.body.len(),
                    e.title
                );
            }
        }
        return;
    }
    let docs: Vec<serde_json::Value> = all
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "id": d.id, "title": d.title, "path": d.path, "kind": d.kind,
                "topic": d.topic, "difficulty": d.difficulty,
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(docs));
}
