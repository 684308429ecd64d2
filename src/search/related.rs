//! General English word relations, from WordNet (`index/related.tsv`,
//! made by `tools/wordnet/build.py` and compiled into a sorted table by
//! build.rs): derivational forms (convert → conversion, execute → execution)
//! and, for words the guides never use, their synonyms. Python's own
//! vocabulary is in `index/synonyms.toml`, not here. Pure.

mod compiled {
    // `index/related.tsv`, sorted by word.
    include!(concat!(env!("OUT_DIR"), "/related.rs"));
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
    out
}

/// Words of the guides related to `word` (lowercase), through any of its
/// base forms; empty when WordNet knows none.
pub fn related(word: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for form in base_forms(word) {
        if let Ok(i) = compiled::RELATED.binary_search_by(|(w, _)| (*w).cmp(form.as_str())) {
            for r in compiled::RELATED[i].1 {
                if !out.contains(r) && *r != word {
                    out.push(r);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivations_lead_to_the_guides_words() {
        assert!(related("convert").contains(&"conversion"));
        assert!(related("converting").contains(&"conversion"));
        assert!(related("executed").contains(&"execution"));
    }

    #[test]
    fn unknown_words_have_no_relations() {
        assert!(related("qwertyuiop").is_empty());
        assert!(related("").is_empty());
    }

    #[test]
    fn the_table_is_sorted() {
        assert!(compiled::RELATED.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
