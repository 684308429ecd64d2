//! General English words, from WordNet: their relations (`index/related.tsv`,
//! made by `tools/wordnet/build.py`): derivational forms (convert →
//! conversion, execute → execution) and, for words the guides never use,
//! their synonyms; and how many senses a word has (`index/senses.tsv`, made
//! by `tools/wordnet/senses.py`). build.rs compiles both into sorted tables.
//! Python's own vocabulary is in `index/synonyms.toml`, not here. Pure.

mod compiled {
    // `index/related.tsv`, sorted by word.
    include!(concat!(env!("OUT_DIR"), "/related.rs"));
    // `index/senses.tsv`, sorted by word.
    include!(concat!(env!("OUT_DIR"), "/senses.rs"));
}

/// The base forms a word may be an inflection of, the word first:
/// `executed` → `executed`, `execute`, `execut`. WordNet lists base forms
/// only; these are the regular English endings (its own exceptions, such as
/// `indices`, are in the table).
fn base_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut add = |suffix: &str, replacement: &str| {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            out.push(format!("{stem}{replacement}"));
        }
    };
    add("s", "");
    add("es", "");
    add("ies", "y");
    add("ed", "");
    add("ed", "e");
    add("ied", "y");
    add("ing", "");
    add("ing", "e");
    add("er", "");
    add("est", "");
    add("ly", "");
    // a doubled final consonant: hitting, stopped
    for suffix in ["ing", "ed"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 4
            && let [.., a, b] = stem.as_bytes()
            && a == b
            && !b"aeiou".contains(b)
        {
            out.push(stem[..stem.len() - 1].to_string());
        }
    }
    out
}

/// A word of the guides related to a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Related {
    pub word: &'static str,
    /// The same word in an irregular form (`indexes`, `indices`), not only
    /// a related one.
    pub same: bool,
}

/// Words of the guides related to `word` (lowercase), through any of its
/// base forms; empty when WordNet knows none.
pub fn related(word: &str) -> Vec<Related> {
    let mut out: Vec<Related> = Vec::new();
    for form in base_forms(word) {
        if let Ok(i) = compiled::RELATED.binary_search_by(|(w, _)| (*w).cmp(form.as_str())) {
            for r in compiled::RELATED[i].1 {
                // `=indices`: the same word
                let (r, same) = match r.strip_prefix('=') {
                    Some(same) => (same, true),
                    None => (*r, false),
                };
                if r != word && !out.iter().any(|o| o.word == r) {
                    out.push(Related { word: r, same });
                }
            }
        }
    }
    out
}

/// How many senses WordNet gives `word` (lowercase) in general English,
/// through the base form that has the most (`results` → result: 7; an
/// irregular form such as `took` is listed as its base is); 0 for a word it
/// does not list.
pub fn senses(word: &str) -> u32 {
    most(word, |&(_, senses, _)| senses)
}

/// How often general English uses `word` (lowercase): the times WordNet's
/// sense-tagged corpus tags it, through the base form tagged most
/// (`usually`: 96; `decorator`: 4); 0 for a word it does not list.
pub fn uses(word: &str) -> u32 {
    most(word, |&(_, _, uses)| uses)
}

fn most(word: &str, count: impl Fn(&(&str, u32, u32)) -> u32) -> u32 {
    base_forms(word)
        .into_iter()
        .filter_map(|form| {
            compiled::SENSES
                .binary_search_by(|(w, _, _)| (*w).cmp(form.as_str()))
                .ok()
                .map(|i| count(&compiled::SENSES[i]))
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(word: &str) -> Vec<&'static str> {
        related(word).into_iter().map(|r| r.word).collect()
    }

    #[test]
    fn derivations_lead_to_the_guides_words() {
        assert!(words("convert").contains(&"conversion"));
        assert!(words("converting").contains(&"conversion"));
        assert!(words("executed").contains(&"execution"));
        assert!(related("convert").iter().all(|r| !r.same));
    }

    #[test]
    fn irregular_forms_are_the_same_word() {
        assert!(related("indexes").contains(&Related {
            word: "indices",
            same: true
        }));
    }

    #[test]
    fn unknown_words_have_no_relations() {
        assert!(related("qwertyuiop").is_empty());
        assert!(related("").is_empty());
    }

    #[test]
    fn the_tables_are_sorted() {
        assert!(compiled::RELATED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(compiled::SENSES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn everyday_words_have_many_senses_and_terms_few() {
        assert!(senses("results") >= 5);
        assert!(senses("considered") >= 5);
        assert!(senses("took") >= 5);
        assert!(senses("decorator") < 4);
        assert_eq!(senses("qwertyuiop"), 0);
        assert!(uses("usually") >= 50);
        assert!(uses("several") >= 50);
        assert!(uses("decorator") < 10);
        assert_eq!(uses("qwertyuiop"), 0);
    }
}
