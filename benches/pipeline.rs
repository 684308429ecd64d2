//! Benchmarks of the pipeline's stages on the bundled guides:
//! splitting, turning guides into documents, building the index, lookups,
//! rendering an answer with highlighted code, filtering the picker.
//!
//! Run with `cargo bench`. Whole-program timings (process start included)
//! are measured with hyperfine; see the README.

use std::hint::black_box;

use pyq::classify::Taxonomy;
use pyq::guides::{Guide, GuideSources, Guides};
use pyq::index::{BuildReason, Library, Store};
use pyq::search::Filters;

fn main() {
    divan::main();
}

fn guides() -> Vec<Guide> {
    GuideSources::default().load().0
}

#[divan::bench]
fn split_all_guides(bencher: divan::Bencher) {
    let guides = guides();
    bencher.bench(|| {
        for g in &guides {
            black_box(pyq::split::split(black_box(&g.text), "guide"));
        }
    });
}

#[divan::bench]
fn documents_of_all_guides(bencher: divan::Bencher) {
    let guides = guides();
    let taxonomy = Taxonomy::bundled().unwrap();
    bencher.bench(|| black_box(pyq::corpus::all_documents(black_box(&guides), &taxonomy)));
}

#[divan::bench(sample_count = 20)]
fn build_index(bencher: divan::Bencher) {
    let sources = Guides::bundled_only();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|dir| {
            let store = Store::locate(&dir.path().join("index"), false);
            black_box(store.build(&sources, BuildReason::Requested).unwrap());
            dir
        });
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::locate(&dir.path().join("index"), false);
    let (library, _) = store
        .build(&Guides::bundled_only(), BuildReason::Requested)
        .unwrap();
    (dir, library)
}

#[divan::bench(args = ["gil", "decorator", "decorater", "difference between list and tuple", "how does garbage collection work in python"])]
fn lookup(bencher: divan::Bencher, query: &str) {
    let (_dir, library) = library();
    bencher.bench(|| {
        black_box(
            library
                .search(black_box(query), &Filters::default(), 10)
                .unwrap(),
        )
    });
}

#[divan::bench]
fn open_current_index(bencher: divan::Bencher) {
    let (dir, _library) = library();
    let store = Store::locate(&dir.path().join("index"), false);
    let sources = Guides::bundled_only();
    bencher.bench(|| black_box(store.open_current(&sources).ok().unwrap()));
}

/// The best answer to `gil` as a terminal gets it: prose by termimad, the
/// code block highlighted (colour) or printed as is (no colour).
#[divan::bench(args = [true, false])]
fn render_gil_answer(bencher: divan::Bencher, color: bool) {
    let (_dir, library) = library();
    let found = library.search("gil", &Filters::default(), 1).unwrap();
    let doc = &found.hits[0].doc;
    let style = pyq::render::Style {
        styled: true,
        color,
        width: 100,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(8192);
        pyq::render::document(&mut out, black_box(doc), style).unwrap();
        black_box(out)
    });
}

/// Filtering every title for the picker, as one keystroke does.
#[divan::bench(args = ["g", "decor", "decorater", "diff list tuple"])]
fn picker_filter(bencher: divan::Bencher, query: &str) {
    let (_dir, library) = library();
    let docs = library.all().unwrap();
    let mut fuzzy = pyq::fuzzy::Fuzzy::new(docs.iter().map(|d| d.title.as_str()));
    bencher.bench_local(|| black_box(fuzzy.filter(black_box(query), &library)));
}
