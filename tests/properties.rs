//! Property tests: arbitrary Markdown and arbitrary queries never make pyq
//! panic, and every heading outside code becomes exactly one section.

use std::sync::OnceLock;

use proptest::prelude::*;
use pyq::classify::Taxonomy;
use pyq::guides::Guides;
use pyq::index::{BuildReason, Library, Store};
use pyq::search::Filters;

/// A block of a generated guide.
#[derive(Debug, Clone)]
enum Block {
    Heading(u8, String),
    Paragraph(String),
    /// A fenced code block whose lines look like headings and fences.
    Code(char, usize, Vec<String>),
    List(Vec<String>),
    Quote(String),
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-zA-Z][a-z0-9]{0,7}", 1..6).prop_map(|w| w.join(" "))
}

fn code_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "#{1,6} [a-z ]{0,12}",
        "[a-z_]{1,8} = [0-9]{1,3}",
        "```[a-z]{0,6}",
        "~~~",
        Just(String::new()),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (1u8..=6, words()).prop_map(|(l, t)| Block::Heading(l, t)),
        words().prop_map(Block::Paragraph),
        (
            prop_oneof![Just('`'), Just('~')],
            3usize..6,
            prop::collection::vec(code_line(), 0..6)
        )
            .prop_map(|(c, n, lines)| Block::Code(c, n, lines)),
        prop::collection::vec(words(), 1..4).prop_map(Block::List),
        words().prop_map(Block::Quote),
    ]
}

/// Renders blocks as Markdown; returns the text and the headings it holds.
fn render(blocks: &[Block]) -> (String, Vec<(u8, String)>) {
    let mut md = String::new();
    let mut headings = Vec::new();
    for b in blocks {
        match b {
            Block::Heading(level, title) => {
                md.push_str(&format!("{} {title}\n\n", "#".repeat(*level as usize)));
                headings.push((*level, title.clone()));
            }
            Block::Paragraph(text) => md.push_str(&format!("{text}\n\n")),
            Block::Code(c, n, lines) => {
                let fence: String = std::iter::repeat_n(*c, *n).collect();
                md.push_str(&format!("{fence}python\n"));
                for line in lines {
                    // a line that would close the fence is indented into code
                    let closes = line.starts_with(&fence[..3]);
                    if closes {
                        md.push_str("    ");
                    }
                    md.push_str(line);
                    md.push('\n');
                }
                md.push_str(&format!("{fence}\n\n"));
            }
            Block::List(items) => {
                for item in items {
                    md.push_str(&format!("- {item}\n"));
                }
                md.push('\n');
            }
            Block::Quote(text) => md.push_str(&format!("> {text}\n\n")),
        }
    }
    (md, headings)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_heading_outside_code_is_one_section(blocks in prop::collection::vec(block(), 0..24)) {
        let (md, headings) = render(&blocks);
        let sections: Vec<(u8, String)> = pyq::split::split(&md, "g")
            .into_iter()
            .filter(|s| s.level > 0)
            .map(|s| (s.level, s.title))
            .collect();
        prop_assert_eq!(sections, headings, "{}", md);
    }

    #[test]
    fn arbitrary_markdown_never_panics(md in "[#`~>*_\\-+=|\\[\\]()!:. a-zA-Z0-9\\n\\t\"'é🚀\u{1b}\u{202e}]{0,400}") {
        let taxonomy = Taxonomy::bundled().unwrap();
        let docs = pyq::corpus::documents(&fuzz_guide(&md), &taxonomy);
        for d in &docs {
            prop_assert!(d.id.starts_with("fuzz/"));
            prop_assert!(d.line >= 1);
        }
        let _ = pyq::questions::extract(&md);
        let _ = pyq::mojibake::repair(&md);
    }

    #[test]
    fn arbitrary_unicode_never_panics(md in "\\PC{0,300}") {
        let taxonomy = Taxonomy::bundled().unwrap();
        let _ = pyq::corpus::documents(&fuzz_guide(&md), &taxonomy);
    }

    #[test]
    fn arbitrary_queries_never_fail(query in "\\PC{0,80}|[\"()\\[\\]^~*:+\\-!&|{}/\\\\ a-zA-Z0-9_=<>@.]{0,60}") {
        let found = library().search(&query, &Filters::default(), 10);
        prop_assert!(found.is_ok(), "{:?}", found.err());
        let found = found.unwrap();
        prop_assert!(found.hits.len() <= 10);
        for hit in &found.hits {
            prop_assert!(hit.score.is_finite());
        }
    }
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<(tempfile::TempDir, Library)> = OnceLock::new();
    &LIBRARY
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let (library, _) = Store::locate(&dir.path().join("index"), false)
                .build(&Guides::bundled_only(), BuildReason::Requested)
                .unwrap();
            (dir, library)
        })
        .1
}

fn fuzz_guide(text: &str) -> pyq::guides::Guide {
    pyq::guides::Guide {
        name: "fuzz.md".into(),
        key: "fuzz".into(),
        text: text.into(),
    }
}
