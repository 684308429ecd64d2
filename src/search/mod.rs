//! Answers a query. The stages, one way: the query is analysed (`query`:
//! wording, comparisons, typos, synonyms, related words); the index
//! retrieves candidates with the facts ranking needs (`crate::index`);
//! they are re-ranked (`rank`); the best hits are checked to cover what was
//! asked (`decline`); snippets and highlights come from the words matched
//! (`snippet`).
//!
//! The query text is never parsed as query syntax: every string is just
//! words, so no input can make a search fail.

mod decline;
pub mod query;
pub mod rank;
mod related;
pub mod snippet;

use std::collections::HashSet;

use crate::document::Document;
use crate::error::Result;
pub use crate::index::Filters;
use crate::index::{Candidate, Library, Request, Stemmer, Vocabulary, Weighted};
use crate::terms;
use crate::wording::question::{self as wording, Role};
use query::{Plan, Source, Synonyms};
use rank::{AltTerms, Coverage, Facts, QueryTerms, Scored};

/// A synonym counts this much of a word the user typed in the search
/// engine's score, a joined word (`threadpoolexecutor`) too, and a related
/// English word (WordNet) less: it is a guess at what was meant.
const SYNONYM_WEIGHT: f32 = 0.6;
const COMPOUND_WEIGHT: f32 = 0.6;
const RELATED_WEIGHT: f32 = 0.4;
/// How much an alternative covers of the word it stands for, when judging
/// what a document is about: a synonym (`generator` for `yield`) almost
/// fully, so that the word as typed still ranks first; words joined or
/// split (`static method` for `staticmethod`) less, as a split word may be
/// a word of its own in passing (`named tuple` in a section on tuples is
/// not `namedtuple`); a related word less still. At 0.9 for a split the
/// tuples section ranked above the one on `namedtuple`; 0.75 moved no other
/// of the 314 covered questions of the judgement sets.
const SYNONYM_COVER: f32 = 0.9;
const COMPOUND_COVER: f32 = 0.75;
const RELATED_COVER: f32 = 0.7;
/// An irregular form of a word (`indices` for "indexes") is the word
/// itself: it counts fully, in the engine's score and in what a document
/// covers.
const INFLECTION_WEIGHT: f32 = 1.0;
const INFLECTION_COVER: f32 = 1.0;
/// A word that says little alone (`in`) counts this much next to its
/// expansions (`membership`).
const ALONE_WORD_WEIGHT: f32 = 0.2;
/// How much the noun that says what kind of word a keyword is (`keyword`
/// of "the global keyword", `statement` of "an else statement") weighs,
/// against the keyword: enough for `Global and Nonlocal Keywords` to come
/// before `Global Interpreter Lock`, too little for a section that does
/// not say "statement" to lose to one that does (`with Statement` for "the
/// yield statement"). Left out as wording, the noun let any title holding
/// the keyword's English word win; at 0.5, 1 more of the 471 covered
/// questions of the judgement sets came first and none fewer, at 0.3 none.
const KEYWORD_NOUN_SHARE: f32 = 0.5;
/// How much a quality asked of a subject (`advantages`, `pros`, `best`)
/// weighs at most, against the subject's most telling word: "the
/// advantages of numpy over lists" is about numpy, not any section titled
/// "Advantages"; "pros and cons of asyncio" not about those of Python. It
/// moved none of the judged questions; at its own weight, a rare quality
/// word outweighed the subject.
const ASPECT_SHARE: f32 = 0.5;
/// A word of this many senses in general English (WordNet) or more is an
/// everyday word (`results` 7, `considered` 9, `sure` 10; `decorator` 1,
/// `singleton` 1, `broadcast` 5): together with no title of the guides
/// holding it, it says how a question is put more often than what it is
/// about. At 4, 4 more of the 359 covered questions of the judgement sets
/// came first, 4 fewer were declined, and no more of the 125 uncovered ones
/// were answered; at 5 and 6, fewer covered ones.
const EVERYDAY_SENSES: u32 = 4;
/// Or a word general English uses this often (times tagged in WordNet's
/// sense-tagged corpus): `usually` (96), `several` (138), `dangerous` (23)
/// are everyday words of few senses; `decorator` (4), `thread` (10) are
/// not, and `exception` (26), `list` (107) are in titles. From 10 to 80,
/// 1 more covered question of the judgement sets was answered and no
/// uncovered one.
const EVERYDAY_USES: u32 = 20;

/// Whether a word is an everyday English word: of many senses or many
/// uses.
fn everyday(word: &str) -> bool {
    related::senses(word) >= EVERYDAY_SENSES || related::uses(word) >= EVERYDAY_USES
}

/// Candidates retrieved for re-ranking, at least.
const CANDIDATES: usize = 40;
/// Titles offered to try when a query is declined.
const CLOSEST_TITLES: usize = 3;
/// Set (to anything) in the environment, pyq explains on stderr how it read
/// a query and ranked the best candidates: for developing the ranking.
const EXPLAIN: &str = "PYQ_EXPLAIN";
/// Candidates an explanation shows.
const EXPLAINED: usize = 8;

/// A document that matched, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: Document,
    pub score: f32,
}

/// Why the guides do not answer a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declined {
    /// The query's words the guides do not cover, most telling first.
    pub words: Vec<String>,
    /// The sides of a comparison the guides do not make, each as the
    /// query words it; empty unless that is the reason.
    pub compared: Vec<String>,
    /// The thing a question asks the definition of, when the guides name it
    /// only in passing; `None` unless that is the reason.
    pub in_passing: Option<String>,
    /// Titles of the documents that came closest, best first.
    pub closest: Vec<String>,
}

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Best first; empty when nothing matched or the query was declined.
    pub hits: Vec<Hit>,
    /// What was searched for, corrections included.
    pub plan: Plan,
    /// Close words of the index, when nothing was found.
    pub suggestions: Vec<String>,
    /// Set when documents matched words of the query but none is about
    /// what it asks.
    pub declined: Option<Declined>,
    /// Stems of the searched words and their synonyms, for highlighting
    /// and snippets.
    pub stems: HashSet<String>,
    /// Hits (by index) that answer the same question as the best hit, from
    /// other guides.
    pub same_as_best: Vec<usize>,
}

impl Found {
    /// Words of the best hit's body that the query matched, lowercase: what
    /// a terminal highlights.
    pub fn highlight(&self) -> HashSet<String> {
        self.hits
            .first()
            .map(|best| matched_words(&best.doc.body, &self.stems))
            .unwrap_or_default()
    }

    /// A one-line snippet of a hit's body around the words matched.
    pub fn snippet(&self, doc: &Document) -> String {
        let text = snippet::plain_text(&doc.body);
        let matched = matched_words(&text, &self.stems);
        snippet::best_window(&text, SNIPPET_WORDS, |w| matched.contains(w))
    }
}

/// Words in a snippet.
const SNIPPET_WORDS: usize = 18;

/// The words of `body` (lowercase) whose stems are among `stems`.
fn matched_words(body: &str, stems: &HashSet<String>) -> HashSet<String> {
    // Stemming only rewrites endings, so a word and its stem begin alike:
    // words that begin like no stem are not stemmed at all.
    let head = |s: &str| -> String { s.chars().take(2).collect() };
    let heads: HashSet<String> = stems.iter().map(|s| head(s)).collect();
    let lower = body.to_lowercase();
    let mut checked: HashSet<&str> = HashSet::new();
    let mut out = HashSet::new();
    let mut stemmer = Stemmer::default();
    for word in terms::words(&lower) {
        if checked.insert(word)
            && heads.contains(&head(word))
            && stems.contains(&stemmer.stem(word))
        {
            out.insert(word.to_string());
        }
    }
    out
}

/// A query analysed for retrieval and ranking.
struct Analysed {
    terms: QueryTerms,
    request: Request,
}

impl Library {
    /// The best `limit` documents for `query`, best first.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<Found> {
        crate::index::guarded(|| self.search_unguarded(query, filters, limit))?
    }

    fn search_unguarded(&self, query: &str, filters: &Filters, limit: usize) -> Result<Found> {
        // a limit never sizes an allocation: there are no more hits than
        // documents
        let limit = limit.min(self.num_docs() as usize);
        let plan = query::plan(query, self, &Synonyms::bundled());
        let mut stemmer = Stemmer::default();
        let Analysed { terms, mut request } = self.analyse(&plan, &mut stemmer);
        let mut found = Found {
            stems: telling_stems(&terms),
            ..Found::default()
        };
        if plan.is_empty() || limit == 0 {
            found.plan = plan;
            return Ok(found);
        }
        request.filters = filters.clone();
        request.limit = limit.max(CANDIDATES);
        let retrieved = self.retrieve(&request)?;
        let best_engine_score = retrieved
            .candidates
            .iter()
            .map(|c| c.score)
            .fold(0.0, f32::max);
        let mut ranked: Vec<(Scored, Facts, Candidate)> = retrieved
            .candidates
            .into_iter()
            .map(|mut c| {
                let facts = facts(&mut c, &request);
                (rank::score(&terms, &facts, best_engine_score), facts, c)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.score.total_cmp(&a.0.score));
        if std::env::var_os(EXPLAIN).is_some() {
            explain(&plan, &terms, &ranked);
        }
        let coverages: Vec<Coverage> = ranked
            .iter()
            .take(decline::HITS_JUDGED)
            .map(|r| r.0.coverage.clone())
            .collect();
        if !ranked.is_empty()
            && let Some(unanswered) = decline::uncovered(&terms, &coverages)
        {
            let missing = unanswered.missing;
            // the query's words at these tokens, as one phrase
            let phrase = |tokens: &[usize]| -> String {
                let words: Vec<&str> = tokens.iter().map(|&i| plan.words[i].as_str()).collect();
                words.join(" ")
            };
            let compared = if missing.is_empty() {
                decline::compared(&terms)
                    .iter()
                    .map(|side| phrase(side))
                    .collect()
            } else {
                Vec::new()
            };
            let in_passing = unanswered.in_passing.then(|| phrase(&terms.thing));
            found.declined = Some(Declined {
                words: missing.iter().map(|&i| plan.words[i].clone()).collect(),
                compared,
                in_passing,
                closest: ranked
                    .iter()
                    .take(CLOSEST_TITLES)
                    .map(|r| r.2.title.clone())
                    .collect(),
            });
            found.plan = plan;
            return Ok(found);
        }
        ranked.truncate(limit);
        for (scored, _, candidate) in &ranked {
            found.hits.push(Hit {
                doc: self.document_at(candidate.doc)?,
                score: scored.score,
            });
        }
        if let Some(best) = ranked.first() {
            found.same_as_best = (1..ranked.len())
                .filter(|&i| found.hits[i].doc.guide != found.hits[0].doc.guide)
                .filter(|&i| rank::same_question(&best.1.title.content, &ranked[i].1.title.content))
                .collect();
        } else {
            found.suggestions = query::suggestions(&plan, self);
            // nothing matched and nothing close: the guides do not have
            // these words at all (`tkinter`); with filters, they may have
            // them elsewhere
            let unfiltered = *filters == Filters::default();
            if found.suggestions.is_empty() && unfiltered {
                let mut words: Vec<usize> = (0..plan.words.len())
                    .filter(|&i| terms.weights[i] > 0.0)
                    .collect();
                words.sort_by(|&a, &b| terms.weights[b].total_cmp(&terms.weights[a]));
                if !words.is_empty() {
                    found.declined = Some(Declined {
                        words: words.iter().map(|&i| plan.words[i].clone()).collect(),
                        compared: Vec::new(),
                        in_passing: None,
                        closest: Vec::new(),
                    });
                }
            }
        }
        found.plan = plan;
        Ok(found)
    }

    /// The query's terms for ranking, and the request for retrieval.
    fn analyse(&self, plan: &Plan, stemmer: &mut Stemmer) -> Analysed {
        let stems: Vec<Vec<String>> = plan.words.iter().map(|w| stemmer.stems(w)).collect();
        let n = self.num_docs() as f32;
        let idf = |df: u64| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        // (weight, whether the guides have the word at all)
        let found: Vec<(f32, bool)> = plan
            .words
            .iter()
            .zip(&stems)
            .zip(&plan.roles)
            .map(|((word, stems), role)| {
                let df = match role {
                    Role::Template | Role::Filler => return (0.0, true),
                    Role::Content if stems.is_empty() => self.code_doc_freq(word),
                    Role::Content => stems
                        .iter()
                        .map(|s| self.stem_doc_freq(s))
                        .min()
                        .unwrap_or(0),
                };
                // a snake_case name (`total_ordering`) is used only where a
                // guide writes it, not wherever its parts are; a dunder name
                // the guides do not write (`__some_variable__`) may stand
                // for dunder names in general
                let snake = word.contains('_') && !(word.starts_with("__") && word.ends_with("__"));
                let named = !snake || self.written(word);
                (idf(df), df > 0 && named)
            })
            .collect();
        // A word the guides never use is as telling as the most telling
        // word they do use (`pyramid` beside `django` and `flask`), or as
        // rare as a word can be when the query has no other.
        let most_telling = found
            .iter()
            .filter(|(_, known)| *known)
            .map(|(w, _)| *w)
            .fold(0.0, f32::max);
        // The language named as what a question is about ("the advantages
        // of Python") is as telling as the quality asked for, though the
        // guides use its name everywhere.
        let mut weights: Vec<f32> = found
            .iter()
            .enumerate()
            .map(|(i, &(w, known))| {
                let subject = w > 0.0
                    && plan.roles[i] == Role::Content
                    && wording::is_language(&plan.words[i]);
                if (known && !subject) || most_telling == 0.0 {
                    w
                } else {
                    most_telling
                }
            })
            .collect();
        // a keyword's noun says what kind of word it is, less than the
        // keyword says what is asked
        for &(noun, keyword) in &plan.keyword_nouns {
            weights[noun] = weights[keyword] * KEYWORD_NOUN_SHARE;
        }
        // a quality asked of a subject ("the advantages of numpy") weighs
        // less than the subject
        let aspect =
            |i: usize| plan.roles[i] == Role::Content && wording::is_quality(&plan.words[i]);
        let subject = (0..weights.len())
            .filter(|&i| !aspect(i))
            .map(|i| weights[i])
            .fold(0.0, f32::max);
        if subject > 0.0 {
            for i in (0..weights.len()).filter(|&i| aspect(i)) {
                weights[i] = weights[i].min(subject * ASPECT_SHARE);
            }
        }
        let alternatives: Vec<(AltTerms, f32)> = plan
            .alternatives
            .iter()
            .filter_map(|a| {
                let stems = stemmer.stems(&a.phrase.join(" "));
                let (cover, weight) = match a.source {
                    Source::Synonym => (SYNONYM_COVER, SYNONYM_WEIGHT),
                    Source::Compound => (COMPOUND_COVER, COMPOUND_WEIGHT),
                    Source::Related => (RELATED_COVER, RELATED_WEIGHT),
                    Source::Inflection => (INFLECTION_COVER, INFLECTION_WEIGHT),
                };
                (!stems.is_empty()).then(|| {
                    let alt = AltTerms {
                        stems,
                        covers: a.covers.clone(),
                        factor: cover,
                    };
                    (alt, weight)
                })
            })
            .collect();

        let (word_weight, alt_scale) = if plan.alone {
            (ALONE_WORD_WEIGHT, 1.0 / SYNONYM_WEIGHT)
        } else {
            (1.0, 1.0)
        };
        let content = |i: usize| weights[i] > 0.0 || (plan.alone && plan.roles[i] == Role::Content);
        let mut request = Request::default();
        for (_, token_stems) in stems.iter().enumerate().filter(|(i, _)| content(*i)) {
            for s in token_stems {
                request.words.push(Weighted {
                    terms: vec![s.clone()],
                    weight: word_weight,
                });
            }
        }
        // runs of consecutive content words count extra when found together
        let mut run: Vec<String> = Vec::new();
        for i in 0..=stems.len() {
            if i < stems.len() && content(i) && !stems[i].is_empty() {
                run.extend(stems[i].iter().cloned());
                continue;
            }
            if run.len() > 1 {
                request.phrases.push(Weighted {
                    terms: std::mem::take(&mut run),
                    weight: 1.0,
                });
            }
            run.clear();
        }
        for (alt, weight) in &alternatives {
            request.words.push(Weighted {
                terms: alt.stems.clone(),
                weight: weight * alt_scale,
            });
        }
        request.code = plan
            .code
            .iter()
            .map(|c| Weighted {
                terms: vec![c.clone()],
                weight: 1.0,
            })
            .collect();
        let mut watched: Vec<String> = Vec::new();
        for s in stems
            .iter()
            .enumerate()
            .filter(|(i, _)| content(*i))
            .flat_map(|(_, s)| s)
            .chain(alternatives.iter().flat_map(|(a, _)| &a.stems))
        {
            if !watched.contains(s) {
                watched.push(s.clone());
            }
        }
        request.watched = watched;
        request.watched_code = plan.code.clone();
        let typed = wording::typed_tokens(&plan.words.join(" "));
        let thing = defined_thing(&typed, &weights, &stems, &plan.sides);
        let terms = QueryTerms {
            tokens: plan.words.clone(),
            own: vec![word_weight; stems.len()],
            used: found.iter().map(|(_, used)| *used).collect(),
            incidental: (0..plan.words.len())
                .map(|i| {
                    // the noun only says what kind of word its keyword is
                    if plan.keyword_nouns.iter().any(|&(noun, _)| noun == i) {
                        return weights[i] > 0.0;
                    }
                    weights[i] > 0.0
                        && !stems[i].is_empty()
                        && everyday(&plan.words[i])
                        && stems[i].iter().all(|s| self.stem_title_freq(s) == 0)
                })
                .collect(),
            in_code: plan.in_code.clone(),
            sentences: plan.sentences.clone(),
            code_name: plan
                .words
                .iter()
                .map(|w| plan.code.contains(w) && w.chars().any(char::is_alphabetic))
                .collect(),
            stems,
            weights,
            alternatives: alternatives.into_iter().map(|(a, _)| a).collect(),
            sides: plan.sides.clone(),
            hyphenated: plan.hyphenated.clone(),
            keyword_nouns: plan.keyword_nouns.clone(),
            kind: wording::question_kind(&typed),
            thing,
            question: plan.roles.contains(&Role::Template) || plan.question_mark,
            worded: plan.roles.contains(&Role::Template),
        };
        Analysed { terms, request }
    }
}

/// The tokens that name the thing a question asks the definition of: the
/// first run of content words after its opening (`race condition` of "what
/// is a race condition?", `re compile` of "what does re.compile() do, and
/// is it worth using?"); none for a comparison, when a word of the run
/// has no stems to find it by, or when the run is a quality asked of a
/// subject (`advantages` of "what are the advantages of numpy?"; not `key`
/// of "what is a key?"): that asks what the subject is like, which a
/// section says without naming the quality ("smaller and much faster than
/// lists").
fn defined_thing(
    typed: &[wording::Typed],
    weights: &[f32],
    stems: &[Vec<String>],
    sides: &[Vec<usize>],
) -> Vec<usize> {
    let Some(opener) = wording::definition_opener(typed) else {
        return Vec::new();
    };
    let content = |i: &usize| weights.get(*i).is_some_and(|&w| w > 0.0);
    let thing: Vec<usize> = (opener..weights.len())
        .skip_while(|i| !content(i))
        .take_while(content)
        .collect();
    let findable = thing
        .iter()
        .all(|&i| stems.get(i).is_some_and(|s| !s.is_empty()));
    // a quality of something: `advantages` followed by "of"
    let of_a_subject = thing
        .last()
        .and_then(|&last| typed.get(last + 1))
        .is_some_and(|t| t.text == "of");
    let quality = of_a_subject
        && thing
            .iter()
            .all(|&i| typed.get(i).is_some_and(|t| wording::is_quality(&t.text)));
    if sides.is_empty() && findable && !quality {
        thing
    } else {
        Vec::new()
    }
}

/// How a query was read and its best candidates ranked, on stderr.
fn explain(plan: &Plan, terms: &QueryTerms, ranked: &[(Scored, Facts, Candidate)]) {
    let words: Vec<String> = plan
        .words
        .iter()
        .zip(&plan.roles)
        .zip(&terms.weights)
        .zip(&terms.incidental)
        .map(|(((w, r), weight), incidental)| {
            // `~`: an everyday word, counted less when declining
            let mark = if *incidental { "~" } else { "" };
            format!("{w}:{r:?}:{weight:.2}{mark}")
        })
        .collect();
    eprintln!("words: {}", words.join(" "));
    if !plan.sides.is_empty() {
        eprintln!("sides: {:?}", plan.sides);
    }
    for a in &plan.alternatives {
        eprintln!(
            "also: {} for {:?} ({:?})",
            a.phrase.join(" "),
            a.covers,
            a.source
        );
    }
    if !terms.thing.is_empty() {
        let thing: Vec<&str> = terms
            .thing
            .iter()
            .map(|&i| plan.words[i].as_str())
            .collect();
        eprintln!("thing: {}", thing.join(" "));
    }
    for (s, _, c) in ranked.iter().take(EXPLAINED) {
        let cov = &s.coverage;
        eprintln!(
            "{:6.3} rel={:.2} [title {:.2} about {:.2} phrase {:.2} said {:.2} any {:.2} focus {:.2}] substance={:.2} sides={:.2} engine={:.2} thing={}{} ({:.1}) {}",
            s.score,
            s.relevance,
            terms.share(&cov.title),
            terms.share(&cov.about),
            terms.share(&cov.phrase),
            terms.share(&cov.said),
            terms.share(&cov.any),
            s.focus,
            s.substance,
            s.sides,
            s.engine,
            cov.thing_mentions,
            if cov.thing_opens { "+opens" } else { "" },
            c.score,
            c.title
        );
    }
}

/// What ranking knows of a candidate. Its title's facts are moved into it,
/// not copied: ranking reads them from the `Facts` from then on.
fn facts(c: &mut Candidate, request: &Request) -> Facts {
    Facts {
        score: c.score,
        title: std::mem::take(&mut c.title_facts),
        body_len: c.body_len,
        prose_len: c.prose_len,
        subsections: c.subsections,
        places: request
            .watched
            .iter()
            .cloned()
            .zip(c.places.iter().cloned())
            .collect(),
        code: request
            .watched_code
            .iter()
            .zip(&c.code)
            .filter(|(_, present)| **present)
            .map(|(t, _)| t.clone())
            .collect(),
    }
}

/// The stems worth highlighting: those of the query's content words, and
/// one-word synonyms. All stems when no word is content.
fn telling_stems(terms: &QueryTerms) -> HashSet<String> {
    let telling: HashSet<String> = terms
        .stems
        .iter()
        .zip(&terms.weights)
        .filter(|(_, w)| **w > 0.0)
        .flat_map(|(s, _)| s.iter().cloned())
        .chain(
            terms
                .alternatives
                .iter()
                .filter(|a| a.stems.len() == 1)
                .flat_map(|a| a.stems.iter().cloned()),
        )
        .collect();
    if telling.is_empty() {
        terms.stems.iter().flatten().cloned().collect()
    } else {
        telling
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_have_many_senses_or_many_uses() {
        // many senses
        assert!(everyday("results"));
        assert!(everyday("considered"));
        // one sense, but general English uses it all the time
        assert!(everyday("usually"));
        assert!(everyday("several"));
        // the guides' own terms
        assert!(!everyday("decorator"));
        assert!(!everyday("singleton"));
        assert!(!everyday("qwertyuiop"));
    }

    #[test]
    fn matched_words_are_the_body_words_sharing_a_stem() {
        let stems: HashSet<String> = ["thread", "lock", "decor"].map(String::from).into();
        let body =
            "Threads take the Lock; threading locks. A decorator decorates. Unrelated words.";
        let mut got: Vec<String> = matched_words(body, &stems).into_iter().collect();
        got.sort();
        assert_eq!(
            got,
            [
                "decorates",
                "decorator",
                "lock",
                "locks",
                "threading",
                "threads"
            ]
        );
    }
}
