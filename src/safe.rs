//! Keeps a guide's control characters away from the terminal: escape
//! sequences (colours, cursor moves, `ESC[2J`, OSC titles and hyperlinks),
//! BEL, backspace and the other C0/C1 controls, and bidirectional
//! overrides. Only pyq's own styling reaches the terminal. (JSON output
//! keeps text as it is, escaped by the JSON encoder.)

use std::borrow::Cow;

const ESC: char = '\u{1b}';

/// Characters that reorder text on screen (bidi embeddings, overrides,
/// isolates, marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// `text` without escape sequences, control characters (but newline and
/// tab) and bidi controls.
pub fn clean(text: &str) -> Cow<'_, str> {
    strip(text, None)
}

/// [`clean`], with a space where something was removed, so that words on
/// either side stay apart (for slugs: `evil\x1b[2Jtitle` is two words).
pub fn spaced(text: &str) -> Cow<'_, str> {
    strip(text, Some(' '))
}

fn strip(text: &str, instead: Option<char>) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ESC || c == '\u{9b}' || c == '\u{9d}' {
            skip_sequence(c, &mut chars);
            out.extend(instead);
        } else if !is_unsafe(c) {
            out.push(c);
        } else {
            out.extend(instead);
        }
    }
    Cow::Owned(out)
}

/// Skips the rest of an escape sequence that started with `first`.
fn skip_sequence(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = match first {
        '\u{9b}' => '[',
        '\u{9d}' => ']',
        _ => match chars.next() {
            Some(k) => k,
            None => return,
        },
    };
    match kind {
        // CSI: parameters and intermediates, then one final byte
        '[' => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC \
        ']' | 'P' | 'X' | '^' | '_' => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == ESC {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // two-character sequences (ESC c, ESC 7, ESC ( B …)
        '(' | ')' | '*' | '+' | '#' | '%' => {
            chars.next();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean("a\u{1b}[2Jb"), "ab");
        assert_eq!(clean("\u{1b}[31;1mred\u{1b}[0m"), "red");
        assert_eq!(clean("\u{1b}]0;pwned\u{7}title"), "title");
        assert_eq!(
            clean("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(clean("\u{9b}2Jx"), "x");
        assert_eq!(clean("reset\u{1b}c!"), "reset!");
        assert_eq!(clean("\u{1b}(Bok"), "ok");
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(
            clean("bell\u{7} back\u{8}space\r\n\ttab"),
            "bell backspace\n\ttab"
        );
        assert_eq!(clean("a\u{202E}evil\u{202C}b\u{2066}c\u{2069}"), "aevilbc");
        assert_eq!(clean("del\u{7f}c1\u{85}"), "delc1");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Ünïcödé → ├── 🚀 עברית\n\tcode";
        assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn an_unfinished_sequence_at_the_end_is_dropped() {
        assert_eq!(clean("x\u{1b}"), "x");
        assert_eq!(clean("x\u{1b}[12"), "x");
        assert_eq!(clean("x\u{1b}]0;never ends"), "x");
    }
}
