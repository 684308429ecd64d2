//! Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 or
//! Mac Roman and saved again, so that `’` became `â€™`, `🚀` became `ðŸš€`
//! or `üöÄ`, `²` became `Â²`. Correct text (accents, arrows, box drawing,
//! emoji, other scripts) is left as it is. Pure.

use std::borrow::Cow;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// The code pages UTF-8 is most often mistaken for, most common first.
const CODE_PAGES: [&Encoding; 2] = [WINDOWS_1252, MACINTOSH];

/// `text` with every run of mojibake turned back into what was meant.
pub fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_ascii() && !c.is_whitespace()) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| c.is_ascii() || c.is_whitespace())
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        match repair_run(run) {
            Some(fixed) => {
                out.push_str(&fixed);
                changed = true;
            }
            None => out.push_str(run),
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// What a run of non-ASCII characters was before it was misdecoded, if it
/// was: its bytes in a code page must be valid UTF-8 for other characters.
/// Text mangled twice is repaired twice.
fn repair_run(run: &str) -> Option<String> {
    // one character is never a multi-byte sequence
    run.chars().nth(1)?;
    for code_page in CODE_PAGES {
        let (bytes, _, unmappable) = code_page.encode(run);
        if unmappable {
            continue;
        }
        let Ok(decoded) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if decoded != run && plausible(decoded) {
            return Some(repair_run(decoded).unwrap_or_else(|| decoded.to_string()));
        }
    }
    None
}

/// Whether repaired text is what mojibake usually hides: Latin-1 letters
/// and signs (`é`, `²`), typographic punctuation and symbols (`’`, `—`,
/// `→`, `├`, `✅`), CJK, emoji. Two accented letters that happen to form
/// a UTF-8 sequence (`«é` read as Mac Roman is `ǎ`) are left alone.
fn plausible(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(u32::from(c),
            0x20..=0x7E
            | 0xA0..=0xFF
            | 0x2000..=0x2BFF
            | 0x2E00..=0x2E7F
            | 0x3000..=0x9FFF
            | 0xFE00..=0xFE0F
            | 0x1F000..=0x1FAFF)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        assert_eq!(repair("outside doesnâ€™t change"), "outside doesn’t change");
        assert_eq!(repair("O(nÂ²)"), "O(n²)");
        assert_eq!(repair("ðŸš€ run it"), "🚀 run it");
        assert_eq!(repair("â”œâ”€â”€ src"), "├── src");
        assert_eq!(repair("a â†’ b"), "a → b");
    }

    #[test]
    fn mac_roman_mojibake_is_repaired() {
        assert_eq!(repair("# \u{f8ff}üêç Python"), "# 🐍 Python");
        assert_eq!(repair("FastAPI ‚≠ê"), "FastAPI ⭐");
        assert_eq!(repair("‚úÖ done"), "✅ done");
        assert_eq!(repair("O(n¬≤)"), "O(n²)");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for text in [
            "café, naïve, Ünïcödé",
            "→ ├── └── │ ✓ ⭐ 🚀 🐍",
            "Ελληνικά, русский, 日本語, עברית",
            "“quotes” — dashes – and … ellipses",
            "Üñ ÀÉ «écrire» ÉÉ",
            "plain ASCII",
        ] {
            assert_eq!(repair(text), text);
            assert!(matches!(repair(text), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn doubly_mangled_text_is_repaired_twice() {
        let once = "’";
        let twice: String = WINDOWS_1252.decode(once.as_bytes()).0.into_owned();
        let thrice: String = WINDOWS_1252.decode(twice.as_bytes()).0.into_owned();
        assert_eq!(repair(&thrice), once);
    }

    #[test]
    fn the_bundled_guides_are_clean_after_repair() {
        let (guides, _) = crate::guides::GuideSources::default().load();
        for g in &guides {
            let fixed = repair(&g.text);
            for bad in ["â€", "Â²", "ðŸ", "\u{f8ff}", "‚úÖ", "‚≠ê"] {
                assert!(!fixed.contains(bad), "{} still holds {bad:?}", g.name);
            }
            assert_eq!(
                fixed.lines().count(),
                g.text.lines().count(),
                "lines stay where they were"
            );
        }
    }
}
