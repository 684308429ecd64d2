//! Re-ranking of the candidates a search retrieved, and how much of a query
//! a document covers. A document whose title says what the query asks beats
//! one that merely mentions its words; a passage of the prose that holds
//! the query's words together counts even when the heading does not name
//! them; an explanation beats a code-only section or a one-line note; a
//! comparison needs both sides. Pure: terms and facts in, scores out.

pub use crate::index::Places;
use crate::index::TitleFacts;

/// A query as the ranker sees it: one entry per query token (a word or an
/// operator).
#[derive(Debug, Clone, Default)]
pub struct QueryTerms {
    /// Each query token as searched (lowercase), to match code tokens.
    pub tokens: Vec<String>,
    /// Stems of each token (empty for an operator such as `==`).
    pub stems: Vec<Vec<String>>,
    /// How much each token says about what is asked: its inverse document
    /// frequency for a content word (`finally` says more than `class`), 0
    /// for question wording.
    pub weights: Vec<f32>,
    /// How much a match of each token itself counts (1, or less for a
    /// word that says little alone and is carried by its alternatives,
    /// such as `in` for membership tests).
    pub own: Vec<f32>,
    /// Whether the guides use each token at all (as written, stemmed or
    /// as a code name); wording counts as used.
    pub used: Vec<bool>,
    /// Whether each token is an everyday word that no title of the guides
    /// holds (`sure`, `considered`): in a question it says how the
    /// question is put more often than what it is about.
    pub incidental: Vec<bool>,
    /// The sentence of the query each token is in, from 0.
    pub sentences: Vec<usize>,
    /// Whether each token was written as code (`f(items=[])`): an example
    /// that holds it answers for it.
    pub in_code: Vec<bool>,
    /// Whether each token is a code-shaped name (`__new__`, `my_list`):
    /// found only where a document holds it as written, as its stems are
    /// English words (`new`).
    pub code_name: Vec<bool>,
    /// Other ways to say some of the tokens.
    pub alternatives: Vec<AltTerms>,
    /// The sides of a comparison, as token indices.
    pub sides: Vec<Vec<usize>>,
    /// Runs of tokens that hyphens join into one word (`new-style`): each
    /// is covered only where the whole run is.
    pub hyphenated: Vec<Vec<usize>>,
    /// Nouns that say what kind of word a keyword is, with their keyword
    /// (noun, keyword): a noun is covered only where its keyword is
    /// (`Statement` of "with Statement" does not cover the yield statement).
    pub keyword_nouns: Vec<(usize, usize)>,
    /// The kind of answer asked for: the question word the query starts
    /// with (`what`, `how`, `why`…), if any.
    pub kind: Option<String>,
    /// The tokens that name the thing a question asks the definition of
    /// (`race condition` of "what is a race condition?"); empty unless it
    /// asks what a thing is or does.
    pub thing: Vec<usize>,
    /// Whether the query is a question (`what is a decorator`, "is python
    /// case-sensitive?") rather than a name looked up (`decorator`): a
    /// question asked in words is answered in words (see `decline`).
    pub question: bool,
    /// Whether the query has question wording (`what is a decorator`): it
    /// asks for an explanation, where a name (`decorator`, even
    /// "decorator?") asks for the place that has it.
    pub worded: bool,
}

/// A synonym, a joined word or a related word, as stems.
#[derive(Debug, Clone, PartialEq)]
pub struct AltTerms {
    pub stems: Vec<String>,
    /// The tokens it stands for.
    pub covers: Vec<usize>,
    /// How much a match of it counts next to a match of the tokens.
    pub factor: f32,
}

/// What the ranker knows of a candidate document.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The search engine's relevance score (BM25 with field boosts).
    pub score: f32,
    /// What ranking reads of the title, worked out when indexing: its stems
    /// in order, the stems of its content words, its code tokens, its words
    /// as written (for the sides of a comparison that stems cannot tell
    /// apart, `sort` and `sorted`) and the question word it opens with.
    pub title: TitleFacts,
    /// Length of the body (bytes of Markdown).
    pub body_len: usize,
    /// How much the body explains in words (bytes of prose that says
    /// something, and a share of its code's comments); of a chapter shown
    /// through its subsections, theirs.
    pub prose_len: usize,
    /// Whether the body holds subsections rather than text of its own.
    pub subsections: bool,
    /// Where each stem occurs, by stem.
    pub places: Vec<(String, Places)>,
    /// Code tokens of the query that the document holds (title or body).
    pub code: Vec<String>,
}

/// A passage: this many consecutive words of prose. About a paragraph:
/// long enough for a definition and its reason, short enough that words
/// found in it are about the same thing.
const PASSAGE_WORDS: u32 = 40;
/// How much a token found only in the heading path counts: the path gives
/// context (`Control Flow`), not the answer.
const PATH_CREDIT: f32 = 0.5;
/// How much a token found only in the code of a document counts towards
/// what it covers: a name in an example is shown, not explained, but the
/// guides do have it (`pyq bandicoot` finds the one example that uses it).
const CODE_CREDIT: f32 = 0.6;
/// How much a token counts as said in words when the prose only names it
/// in a list of names (`- **bisect module**`) and no sentence or code
/// comment says anything of it: less than a word covered, so that a list
/// of what a chapter would cover does not answer a question on one of
/// them. Code comments count as sentences: counted as names, they declined
/// 6 covered questions of the judgement sets (`# Enumerate for index and
/// value` answers "what is enumerate() for") for 3 uncovered ones.
const NAMED_CREDIT: f32 = 0.4;
/// How much a token found in the prose, but not in the passage that holds
/// most of the query, counts towards what a document covers.
const SCATTERED_CREDIT: f32 = 0.5;

/// Relevance is the share of the query a document is about (in its title,
/// a passage of its prose, or its heading path), plus this much for the
/// share its title says, and that again times this much for a title that
/// says nothing else.
const TITLE_WEIGHT: f32 = 1.0;
const FOCUS_WEIGHT: f32 = 0.5;
/// And this much for the share of the query found as written, its words
/// side by side: a phrase is a stronger sign than words in one passage.
const PHRASE_WEIGHT: f32 = 0.5;
/// The search engine's score (relative to the best candidate's) enters the
/// final score with this exponent: it tells apart documents that cover the
/// query alike (how often, how densely), without outweighing coverage.
/// At 0.3 a section that repeats the query's words outranked one whose
/// title asks the question ("class method instead of a static method" →
/// `Static Method`); 0.2 put 3 more of the 229 covered questions of the
/// judgement sets right and 1 wrong, and 0.1 no better.
const ENGINE_EXPONENT: f32 = 0.2;

/// Prose (bytes of explaining lines) that makes a full explanation: the
/// short answers of a question list are 100–200 bytes, a definition with
/// its reasons and uses about twice that. A body without any scores
/// `THIN_FLOOR`; code adds at most `EXAMPLE_SHARE` of a full explanation,
/// reached with `FULL_EXAMPLE` bytes of code. At 200 a three-line answer
/// (`What is a closure?`) outranked the section that explains closures
/// with an example, and a list of four bullets the answers to exception
/// questions; 400 put 4 more of 45 blind real questions right, the same
/// number of the others; 600 began to bury short answers that are the
/// only ones.
const FULL_PROSE: f32 = 400.0;
const THIN_FLOOR: f32 = 0.5;
const EXAMPLE_SHARE: f32 = 0.3;
const FULL_EXAMPLE: f32 = 400.0;
/// How much substance counts for a query that names a thing rather than
/// asks a question (an exponent: half as much).
const LOOKUP_SUBSTANCE: f32 = 0.5;
/// How many words after a keyword a title may name it as one: "Global
/// and Nonlocal Keywords" names both, "What happens if an exception occurs
/// in a with block?" does not name `if`.
const KEYWORD_NOUN_REACH: usize = 3;
/// A title names a query's subject exactly when it covers this share of the
/// query and this share of its own content words are the query's (all,
/// but for rounding).
const NAMED: f32 = 0.99;
/// How much a document whose title names a query looked up exactly
/// explains, at least ("Threading vs Multiprocessing", mostly code, for
/// `threading vs multiprocessing`).
const NAMED_SUBSTANCE: f32 = 0.9;
/// Score factor of a chapter shown through its subsections, whose title is
/// a step aside from the query. A chapter named by the query scores what
/// its subsections explain, but no less: "36. Multiple Inheritance", three
/// code blocks, came before the section that explains multiple inheritance
/// when it counted as a full explanation; counting what it explains put 2
/// more of the 314 covered questions of the judgement sets first and none
/// fewer.
const CHAPTER_FACTOR: f32 = 0.85;
/// Score factor of a title that asks another kind of question than the
/// query (`why use decorators?` for "what are decorators"): the same
/// subject, another answer.
const OTHER_KIND: f32 = 0.9;
/// Score factor of a document that covers none of a comparison's sides
/// (it grows to 1 as the worst-covered side is covered).
const SIDES_FLOOR: f32 = 0.35;

/// Score factor of a document that leaves out the most telling word of a
/// query of several words: "Exception Handling" for "why does exception
/// handling have a finally block" is about the question's setting, not its
/// subject. The rest of the score counts the word by its weight only; this
/// says that one word left out is worse than several covered partly. 0.85
/// put 4 more of the 314 covered questions of the judgement sets first and
/// 1 fewer, and moved no decline; 0.7 lost a decline.
const TELLING_MISSED: f32 = 0.85;
/// A word is among a query's most telling when its weight is within this
/// share of the highest: two rare words weigh about the same, and which of
/// them comes out a little rarer in the guides says nothing.
const TELLING_NEAR: f32 = 0.9;

/// What a document's title and the query's words found as written add to
/// its relevance, beyond the share it is about: from the shares of the
/// query its title holds and that it has as written, and how much of its
/// title is about the query (`Coverage::focus`).
pub fn named(title: f32, phrase: f32, focus: f32) -> f32 {
    TITLE_WEIGHT * title * (1.0 + FOCUS_WEIGHT * focus) + PHRASE_WEIGHT * phrase
}

/// How well a document covers a query, token by token.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Per token, how much the title covers it (1 by the token itself,
    /// less through an alternative).
    pub title: Vec<f32>,
    /// Per token, how much the heading path covers it (the headings above
    /// the document).
    pub path: Vec<f32>,
    /// Per token, how much the best passage of the prose covers it.
    pub passage: Vec<f32>,
    /// Per token, 1 when it is found next to the query word before or after
    /// it, in order (`reduce memory` of "reduce memory usage").
    pub phrase: Vec<f32>,
    /// Per token, how much the document is about it: title, best passage,
    /// heading path.
    pub about: Vec<f32>,
    /// Per token, how much the document covers it anywhere: title, path,
    /// best passage, elsewhere in the prose, code.
    pub any: Vec<f32>,
    /// Per token, how much the document says of it in words: as `any`,
    /// code left out (an example that uses a name does not explain it).
    pub said: Vec<f32>,
    /// How many times the document says the thing the query asks the
    /// definition of (`QueryTerms::thing`), counted by its most telling
    /// word, in its prose and code comments (see `thing_in`).
    pub thing_mentions: u32,
    /// Whether a sentence or a code comment of the document opens with
    /// that thing: says something of it (`A mixin is …`).
    pub thing_opens: bool,
    /// How much of the title is about the query (see `focus`).
    pub focus: f32,
}

impl QueryTerms {
    fn total_weight(&self) -> f32 {
        self.weights.iter().sum()
    }

    /// How much a document is about the query: the share of it that its
    /// title, a passage of its prose or its heading path covers, plus
    /// `TITLE_WEIGHT` for the share its title says (more for a title that
    /// says nothing else) and `PHRASE_WEIGHT` for the share found as
    /// written.
    pub fn relevance(&self, c: &Coverage) -> f32 {
        self.share(&c.about) + named(self.share(&c.title), self.share(&c.phrase), c.focus)
    }

    /// The weighted share of the query that `per_token` covers.
    pub fn share(&self, per_token: &[f32]) -> f32 {
        let total = self.total_weight();
        if total <= 0.0 {
            return 0.0;
        }
        per_token
            .iter()
            .zip(&self.weights)
            .map(|(c, w)| c * w)
            .sum::<f32>()
            / total
    }
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl Facts {
    fn places_of(&self, stem: &str) -> Option<&Places> {
        self.places.iter().find(|(s, _)| s == stem).map(|(_, p)| p)
    }

    /// Prose positions where a run of stems starts.
    fn run_positions(&self, stems: &[String]) -> Vec<u32> {
        let Some((first, rest)) = stems.split_first() else {
            return Vec::new();
        };
        let Some(start) = self.places_of(first) else {
            return Vec::new();
        };
        start
            .prose
            .iter()
            .copied()
            .filter(|&p| {
                rest.iter().enumerate().all(|(k, s)| {
                    self.places_of(s)
                        .is_some_and(|pl| pl.prose.contains(&(p + k as u32 + 1)))
                })
            })
            .collect()
    }

    fn all_in(&self, stems: &[String], place: impl Fn(&Places) -> bool) -> bool {
        !stems.is_empty() && stems.iter().all(|s| self.places_of(s).is_some_and(&place))
    }
}

/// How well a document covers each token of a query.
pub fn coverage(q: &QueryTerms, f: &Facts) -> Coverage {
    let n = q.tokens.len();
    let mut title = vec![0f32; n];
    let mut path = vec![0f32; n];
    let mut code = vec![0f32; n];
    let mut prose = vec![0f32; n];
    let mut sentence = vec![0f32; n];
    // (position, token, factor) of every prose match
    let mut events: Vec<(u32, usize, f32)> = Vec::new();
    let note = |slot: &mut Vec<f32>, i: usize, factor: f32| {
        if let Some(v) = slot.get_mut(i) {
            *v = v.max(factor);
        }
    };
    for (i, (own_stems, token)) in q.stems.iter().zip(&q.tokens).enumerate() {
        if q.code_name.get(i).copied().unwrap_or(false) && !f.code.contains(token) {
            continue;
        }
        // a keyword named as such ("the pass statement") is the keyword
        // where the code uses it or a title names it as one ("with
        // Statement", "Finally Block", "Global and Nonlocal Keywords"),
        // not the English word ("Pass-by-Object-Reference"), nor in a
        // title that uses the word ("… check if a string …" for "the if
        // statement")
        let english_title = q.keyword_nouns.iter().any(|&(_, k)| k == i)
            && !keyword_in_title(token, &f.title.words);
        if english_title && !f.all_in(own_stems, |p| p.code) {
            continue;
        }
        let own = q.own.get(i).copied().unwrap_or(1.0);
        let joined: Vec<String>;
        let stems = match q.hyphenated.iter().find(|run| run.contains(&i)) {
            Some(run) => {
                joined = run.iter().flat_map(|&k| q.stems[k].clone()).collect();
                &joined
            }
            None => own_stems,
        };
        let in_title = if english_title {
            false
        } else if shares_stems_with_another_side(q, i) {
            f.title.words.contains(token)
        } else {
            contains_run(&f.title.stems, stems) || f.title.code.contains(token)
        };
        if in_title {
            note(&mut title, i, own);
        }
        if f.all_in(stems, |p| p.path) {
            note(&mut path, i, own);
        }
        if f.all_in(stems, |p| p.code) || f.code.contains(token) {
            note(&mut code, i, own);
        }
        if f.all_in(stems, |p| p.sentence) {
            note(&mut sentence, i, own);
        }
        for p in f.run_positions(stems) {
            events.push((p, i, own));
            note(&mut prose, i, own);
        }
    }
    for alt in &q.alternatives {
        let in_title = contains_run(&f.title.stems, &alt.stems);
        let in_path = f.all_in(&alt.stems, |p| p.path);
        let in_code = f.all_in(&alt.stems, |p| p.code);
        let in_sentence = f.all_in(&alt.stems, |p| p.sentence);
        let positions = f.run_positions(&alt.stems);
        for &i in &alt.covers {
            if in_title {
                note(&mut title, i, alt.factor);
            }
            if in_path {
                note(&mut path, i, alt.factor);
            }
            if in_code {
                note(&mut code, i, alt.factor);
            }
            if in_sentence {
                note(&mut sentence, i, alt.factor);
            }
            if !positions.is_empty() {
                note(&mut prose, i, alt.factor);
            }
            events.extend(positions.iter().map(|&p| (p, i, alt.factor)));
        }
    }
    // consecutive content words of the query found together, in order, as
    // typed or through alternatives of each (`negative indices` for
    // "negative indexes"), as much as the alternative counts
    let mut phrase = vec![0f32; n];
    let forms = |i: usize| -> Vec<(&[String], f32)> {
        let mut out: Vec<(&[String], f32)> = vec![(&q.stems[i], 1.0)];
        out.extend(
            q.alternatives
                .iter()
                .filter(|a| a.covers == [i])
                .map(|a| (a.stems.as_slice(), a.factor)),
        );
        out
    };
    for i in 1..n {
        let (a, b) = (i - 1, i);
        if q.weights[a] <= 0.0
            || q.weights[b] <= 0.0
            || q.stems[a].is_empty()
            || q.stems[b].is_empty()
        {
            continue;
        }
        for (first, fa) in forms(a) {
            for (second, fb) in forms(b) {
                let factor = fa.min(fb);
                if factor <= phrase[a].min(phrase[b]) {
                    continue;
                }
                let pair: Vec<String> = first.iter().chain(second).cloned().collect();
                if contains_run(&f.title.stems, &pair) || !f.run_positions(&pair).is_empty() {
                    phrase[a] = phrase[a].max(factor);
                    phrase[b] = phrase[b].max(factor);
                }
            }
        }
    }
    let passage = best_passage(q, &mut events, n);
    let about: Vec<f32> = (0..n)
        .map(|i| title[i].max(passage[i]).max(path[i] * PATH_CREDIT))
        .collect();
    let in_prose = |i: usize| passage[i].max(prose[i] * SCATTERED_CREDIT);
    let any = (0..n)
        .map(|i| about[i].max(in_prose(i)).max(code[i] * CODE_CREDIT))
        .collect();
    let said: Vec<f32> = (0..n)
        .map(|i| {
            let words = if sentence[i] > 0.0 {
                in_prose(i)
            } else {
                in_prose(i) * NAMED_CREDIT
            };
            title[i].max(path[i] * PATH_CREDIT).max(words)
        })
        .collect();
    let mut coverage = Coverage {
        title,
        path,
        passage,
        phrase,
        about,
        any,
        said,
        thing_mentions: 0,
        thing_opens: false,
        focus: focus(q, f),
    };
    (coverage.thing_mentions, coverage.thing_opens) = thing_in(q, f);
    for &(noun, keyword) in &q.keyword_nouns {
        for v in [
            &mut coverage.title,
            &mut coverage.path,
            &mut coverage.passage,
            &mut coverage.phrase,
            &mut coverage.about,
            &mut coverage.any,
            &mut coverage.said,
        ] {
            if let (Some(&k), Some(v_noun)) = (v.get(keyword), v.get(noun).copied()) {
                v[noun] = v_noun.min(k);
            }
        }
    }
    coverage
}

/// Whether a title names a keyword as one: a keyword noun follows it
/// within [`KEYWORD_NOUN_REACH`] words ("Global and Nonlocal Keywords").
fn keyword_in_title(keyword: &str, title_words: &[String]) -> bool {
    title_words.iter().enumerate().any(|(at, w)| {
        w == keyword
            && title_words
                .iter()
                .skip(at + 1)
                .take(KEYWORD_NOUN_REACH)
                .any(|n| crate::wording::question::is_keyword_noun(n))
    })
}

/// Whether token `i` is a side of a comparison whose stems another side
/// shares (`sort` of "sort() vs sorted()"): a title names it only by the
/// word itself, or "Sorting Algorithms" would compare the two.
fn shares_stems_with_another_side(q: &QueryTerms, i: usize) -> bool {
    let Some(own) = q.sides.iter().position(|s| s.contains(&i)) else {
        return false;
    };
    q.sides.iter().enumerate().any(|(k, side)| {
        k != own
            && side.iter().any(|&j| {
                q.tokens[j] != q.tokens[i] && !q.stems[i].is_empty() && q.stems[j] == q.stems[i]
            })
    })
}

/// How many times a document says the thing the query asks the definition
/// of, and whether a sentence or a comment opens with it. The thing is
/// counted by its most telling word (`zip` of "the function zip()"), as
/// typed or through an alternative (`indices` for "negative indexes"), in
/// the prose and the code's comments; a sentence opens with it when it
/// opens with that word or with the first word of the thing. Uses in code
/// are not counted: an example that uses a name does not say what it is
/// (`__slots__ = ['x', 'y']` under a comment "using slots for memory
/// efficiency"; the string `"pass"` for "what does the pass statement
/// do?"). Counted, they answered 4 questions of the judgement sets that the
/// guides do not cover, and no covered one more.
fn thing_in(q: &QueryTerms, f: &Facts) -> (u32, bool) {
    let Some(&telling) = q
        .thing
        .iter()
        .max_by(|&&a, &&b| q.weights[a].total_cmp(&q.weights[b]).then(b.cmp(&a)))
    else {
        return (0, false);
    };
    let forms = std::iter::once(q.stems[telling].clone()).chain(
        q.alternatives
            .iter()
            .filter(|a| a.covers == [telling] || a.covers == q.thing)
            .map(|a| a.stems.clone()),
    );
    let (mut times, mut opens) = (0, false);
    for stems in forms.filter(|s| !s.is_empty()) {
        times = times.max(f.run_positions(&stems).len() as u32);
        opens |= f.all_in(&stems[..1], |p| p.lead);
    }
    let first = &q.stems[q.thing[0]];
    opens |= !first.is_empty() && f.all_in(&first[..1], |p| p.lead);
    (times, opens)
}

/// Per token, its factor in the passage of [`PASSAGE_WORDS`] words that
/// covers the most of the query's weight.
fn best_passage(q: &QueryTerms, events: &mut [(u32, usize, f32)], n: usize) -> Vec<f32> {
    events.sort_by_key(|e| e.0);
    let weight = |i: usize| q.weights.get(i).copied().unwrap_or(0.0);
    let mut best = (0.0f32, vec![0f32; n]);
    for (start, &(from, _, _)) in events.iter().enumerate() {
        let mut found = vec![0f32; n];
        for &(p, i, factor) in &events[start..] {
            if p >= from + PASSAGE_WORDS {
                break;
            }
            found[i] = found[i].max(factor);
        }
        let value: f32 = found.iter().enumerate().map(|(i, f)| f * weight(i)).sum();
        if value > best.0 {
            best = (value, found);
        }
    }
    best.1
}

/// How much of a title is about the query: the share of its content words
/// that the query's words (or their alternatives) name. `GIL` is all about
/// "gil"; `Multithreading and GIL in new Python versions` is not.
fn focus(q: &QueryTerms, f: &Facts) -> f32 {
    if f.title.content.is_empty() {
        return 0.0;
    }
    // how much the query names a title word: fully by its own words, by an
    // alternative as much as the alternative counts
    let named = |s: &String| -> f32 {
        // any word of the query names it, wording too: the `block` of "a
        // finally block" only says what `finally` is, but a title `Finally
        // Block` says nothing else
        let own = q.stems.iter().any(|stems| stems.contains(s));
        if own {
            return 1.0;
        }
        q.alternatives
            .iter()
            .filter(|a| a.stems.contains(s))
            .map(|a| a.factor)
            .fold(0.0, f32::max)
    };
    f.title.content.iter().map(named).sum::<f32>() / f.title.content.len() as f32
}

/// How much a document explains, from [`THIN_FLOOR`] to 1: its prose
/// (sentences, not lists of names) counts fully, its code adds an example's
/// worth at most, so that an explanation beats a code-only section or a
/// one-line note. A chapter is shown through its subsections: when its
/// title is all about the query it explains what they explain, and no less
/// than a chapter that is a step aside from the query; otherwise it is a
/// step aside from its own sections.
fn substance(f: &Facts, title: f32, focus: f32) -> f32 {
    let code = f.body_len.saturating_sub(f.prose_len) as f32;
    let prose = (f.prose_len as f32 / FULL_PROSE).min(1.0);
    let example = EXAMPLE_SHARE * (code / FULL_EXAMPLE).min(1.0);
    let explains = THIN_FLOOR + (1.0 - THIN_FLOOR) * (prose + example).min(1.0);
    if !f.subsections {
        return explains;
    }
    let named = title >= NAMED && focus >= NAMED;
    if named {
        explains.max(CHAPTER_FACTOR)
    } else {
        CHAPTER_FACTOR
    }
}

/// How well the worst-covered side of a comparison is covered (the mean of
/// the sides when there are more than two): 1 when the query compares
/// nothing.
pub fn sides_covered(q: &QueryTerms, any: &[f32]) -> f32 {
    if q.sides.is_empty() {
        return 1.0;
    }
    let side = |tokens: &Vec<usize>| {
        let total: f32 = tokens.iter().map(|&i| q.weights[i]).sum();
        if total <= 0.0 {
            return 1.0;
        }
        tokens.iter().map(|&i| q.weights[i] * any[i]).sum::<f32>() / total
    };
    let covered: Vec<f32> = q.sides.iter().map(side).collect();
    if covered.len() == 2 {
        covered[0].min(covered[1])
    } else {
        covered.iter().sum::<f32>() / covered.len() as f32
    }
}

/// A candidate's score and what it is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scored {
    pub score: f32,
    /// What the document is about (title, passage, path), plus its title
    /// and its phrases.
    pub relevance: f32,
    /// How much it explains, from `THIN_FLOOR` to 1.
    pub substance: f32,
    /// How well it covers a comparison's sides, from `SIDES_FLOOR` to 1.
    pub sides: f32,
    /// The engine's score relative to the best candidate's, raised to
    /// `ENGINE_EXPONENT`.
    pub engine: f32,
    /// How much of the title is about the query.
    pub focus: f32,
    pub coverage: Coverage,
}

/// The final score of a candidate, and how it covers the query.
/// `best_engine_score` is the highest engine score among the candidates.
pub fn score(q: &QueryTerms, f: &Facts, best_engine_score: f32) -> Scored {
    let coverage = coverage(q, f);
    let title = q.share(&coverage.title);
    let focus = coverage.focus;
    let relevance = q.relevance(&coverage);
    let engine = if best_engine_score > 0.0 {
        (f.score / best_engine_score).max(0.0).powf(ENGINE_EXPONENT)
    } else {
        1.0
    };
    let sides = SIDES_FLOOR + (1.0 - SIDES_FLOOR) * sides_covered(q, &coverage.any);
    let substance = substance(f, title, focus);
    // a name looked up is found where a title names it, however it is
    // answered there; a question wants the explanation
    let substance = if q.worded {
        substance
    } else {
        substance.powf(LOOKUP_SUBSTANCE)
    };
    // a title that is exactly what is looked up is not buried under a
    // chapter that explains at length, though a named one that explains
    // more still comes first
    let substance = if !q.worded && title >= NAMED && focus >= NAMED {
        substance.max(NAMED_SUBSTANCE)
    } else {
        substance
    };
    let kind = match (&q.kind, &f.title.kind) {
        (Some(asked), Some(answered)) if asked != answered => OTHER_KIND,
        _ => 1.0,
    };
    let telling = if misses_telling_word(q, &coverage.any) {
        TELLING_MISSED
    } else {
        1.0
    };
    Scored {
        score: relevance * substance * sides * engine * kind * telling,
        relevance,
        substance,
        sides,
        engine,
        focus,
        coverage,
    }
}

/// Whether a document leaves out one of the query's most telling words
/// (see [`TELLING_NEAR`]) entirely: not in its title, prose, path or code.
/// Words the guides never use are left out by every document alike.
fn misses_telling_word(q: &QueryTerms, any: &[f32]) -> bool {
    let content = q.weights.iter().filter(|&&w| w > 0.0).count();
    if content < 2 {
        return false;
    }
    let top = q.weights.iter().copied().fold(0.0, f32::max);
    (0..q.weights.len()).any(|i| {
        q.weights[i] >= TELLING_NEAR * top
            && q.used.get(i).copied().unwrap_or(true)
            && any.get(i).copied().unwrap_or(0.0) <= 0.0
    })
}

/// Whether two titles ask the same question: their content words (stems,
/// question wording left out) mostly agree (Jaccard similarity of at least
/// one half).
pub fn same_question(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    shared * 2 >= union
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    /// A query of content words, each its own stem, all of weight 1.
    fn terms(query: &str) -> QueryTerms {
        let tokens = words(query);
        QueryTerms {
            stems: tokens.iter().map(|t| vec![t.clone()]).collect(),
            weights: vec![1.0; tokens.len()],
            tokens,
            ..QueryTerms::default()
        }
    }

    /// A document with a title and prose (words at consecutive positions).
    fn doc(title: &str, prose: &str, score: f32) -> Facts {
        let mut places: Vec<(String, Places)> = Vec::new();
        for (p, w) in prose.split_whitespace().enumerate() {
            match places.iter_mut().find(|(s, _)| s == w) {
                Some((_, pl)) => pl.prose.push(p as u32),
                None => places.push((
                    w.to_string(),
                    Places {
                        prose: vec![p as u32],
                        ..Places::default()
                    },
                )),
            }
        }
        Facts {
            score,
            title: TitleFacts {
                stems: words(title),
                content: words(title),
                words: words(title),
                ..TitleFacts::default()
            },
            body_len: prose.len(),
            prose_len: prose.len(),
            places,
            ..Facts::default()
        }
    }

    fn filler(n: usize) -> String {
        "lorem ".repeat(n)
    }

    #[test]
    fn a_title_that_answers_beats_a_body_that_mentions() {
        let q = terms("list tuple");
        let answer = doc("list tuple", &filler(80), 5.0);
        let mention = doc(
            "memory tips",
            &format!("{} list {} tuple", filler(40), filler(45)),
            8.0,
        );
        assert!(score(&q, &answer, 8.0).score > score(&q, &mention, 8.0).score);
    }

    #[test]
    fn leaving_out_the_most_telling_word_costs_more_than_its_weight() {
        let mut q = terms("exception handling finally");
        q.weights = vec![2.7, 2.7, 3.7];
        let setting = doc("exception handling", &filler(80), 8.0);
        let subject = doc(
            "finally block",
            &format!("exception handling {}", filler(80)),
            5.0,
        );
        assert!(score(&q, &subject, 8.0).score > score(&q, &setting, 8.0).score);
        let any = score(&q, &setting, 8.0).coverage.any;
        assert!(misses_telling_word(&q, &any));
        // a word the guides never use is left out by every document alike
        q.used = vec![true, true, false];
        assert!(!misses_telling_word(&q, &any));
    }

    #[test]
    fn a_passage_that_explains_counts_without_the_title() {
        let q = terms("zip parallel");
        let passage = doc(
            "advanced iteration",
            &format!("{} zip for parallel iteration {}", filler(30), filler(30)),
            4.0,
        );
        let scattered = doc(
            "loops",
            &format!("zip {} parallel {}", filler(60), filler(10)),
            4.0,
        );
        let (s1, c1) = (score(&q, &passage, 4.0).score, coverage(&q, &passage));
        let (s2, c2) = (score(&q, &scattered, 4.0).score, coverage(&q, &scattered));
        assert_eq!(c1.passage, [1.0, 1.0]);
        let mut any = c2.any.clone();
        any.sort_by(f32::total_cmp);
        assert_eq!(
            any,
            [SCATTERED_CREDIT, 1.0],
            "one word is in a passage, the other apart"
        );
        assert!(s1 > s2);
    }

    #[test]
    fn an_explanation_beats_code_and_one_liners() {
        let q = terms("mro");
        let explained = doc("mro", &filler(80), 5.0);
        let mut code_only = doc("mro", "", 5.5);
        code_only.body_len = 400;
        let one_liner = doc("mro", "a lock", 5.5);
        assert!(score(&q, &explained, 5.5).score > score(&q, &code_only, 5.5).score);
        assert!(score(&q, &explained, 5.5).score > score(&q, &one_liner, 5.5).score);
    }

    #[test]
    fn a_comparison_needs_both_sides() {
        let mut q = terms("set list");
        q.sides = vec![vec![0], vec![1]];
        let both = doc("set list", &filler(80), 4.0);
        let one = doc("list tuple", &filler(80), 6.0);
        assert!(score(&q, &both, 6.0).score > score(&q, &one, 6.0).score);
    }

    #[test]
    fn wording_weighs_nothing() {
        let mut q = terms("what namedtuple");
        q.weights = vec![0.0, 3.0];
        let wording = doc("what decorator", &filler(80), 5.0);
        let topic = doc("collections", &format!("namedtuple {}", filler(80)), 5.0);
        assert!(score(&q, &topic, 5.0).score > score(&q, &wording, 5.0).score);
    }

    #[test]
    fn synonyms_in_the_title_cover_the_tokens_they_stand_for() {
        let mut q = terms("gil perform");
        q.alternatives.push(AltTerms {
            stems: words("global interpret lock"),
            covers: vec![0],
            factor: 0.6,
        });
        let c = coverage(&q, &doc("global interpret lock", "", 1.0));
        assert_eq!(c.title, [0.6, 0.0]);
    }

    #[test]
    fn operators_are_covered_by_code_tokens_of_the_title() {
        let q = QueryTerms {
            tokens: words("is =="),
            stems: vec![vec!["is".into()], vec![]],
            weights: vec![1.0, 1.0],
            ..QueryTerms::default()
        };
        let mut d = doc("differ is and", "", 1.0);
        d.title.code = vec!["==".into()];
        assert_eq!(coverage(&q, &d).title, [1.0, 1.0]);
    }

    #[test]
    fn hyphenated_words_are_covered_together() {
        let mut q = terms("new style class");
        q.hyphenated = vec![vec![0, 1]];
        let apart = doc("class", &format!("new {} style", filler(5)), 1.0);
        assert_eq!(coverage(&q, &apart).any, [0.0, 0.0, 1.0]);
        let together = doc("class", "a new style", 1.0);
        assert_eq!(coverage(&q, &together).any, [1.0, 1.0, 1.0]);
    }

    #[test]
    fn the_thing_to_define_is_counted_by_its_most_telling_word() {
        // "race condition", asked what it is; "condition" tells more
        let mut q = terms("race condition");
        q.weights = vec![1.0, 2.0];
        q.thing = vec![0, 1];
        let mut f = doc(
            "threads",
            "threads race to finish while a condition holds",
            1.0,
        );
        assert_eq!(thing_in(&q, &f), (1, false));
        // an alternative for it counts, in the prose
        q.alternatives = vec![AltTerms {
            stems: vec!["predicate".to_string()],
            covers: vec![1],
            factor: 0.8,
        }];
        f.places.push((
            "predicate".to_string(),
            Places {
                prose: vec![20, 30],
                ..Places::default()
            },
        ));
        assert_eq!(thing_in(&q, &f), (2, false));
        // but uses in code say nothing of it
        f.places.last_mut().expect("pushed").1 = Places {
            code: true,
            ..Places::default()
        };
        assert_eq!(thing_in(&q, &f), (1, false));
        // one for a lesser word of it does not count
        f.places.last_mut().expect("pushed").1.prose = vec![20, 30];
        q.alternatives[0].covers = vec![0];
        assert_eq!(thing_in(&q, &f), (1, false));
        // a sentence opens with it when it opens with its first word
        if let Some((_, race)) = f.places.iter_mut().find(|(s, _)| s == "race") {
            race.lead = true;
        }
        assert_eq!(thing_in(&q, &f), (1, true));
    }

    #[test]
    fn a_keyword_s_noun_is_covered_only_with_its_keyword() {
        // "the yield statement": (noun, keyword)
        let mut q = terms("yield statement");
        q.keyword_nouns = vec![(1, 0)];
        let other = doc("with statement", "the with statement closes a file", 1.0);
        let c = coverage(&q, &other);
        assert_eq!((c.title[1], c.any[1]), (0.0, 0.0));
        let its_own = doc("yield statement", "a yield statement pauses", 1.0);
        let c = coverage(&q, &its_own);
        assert_eq!((c.title[1], c.any[1]), (1.0, 1.0));
    }

    #[test]
    fn a_keyword_named_as_such_is_found_where_code_uses_it() {
        // "the pass statement": (noun, keyword)
        let mut q = terms("pass statement");
        q.keyword_nouns = vec![(1, 0)];
        // the English word
        let english = doc("pass by reference", "arguments pass by reference", 1.0);
        assert_eq!(coverage(&q, &english).any[0], 0.0);
        // the keyword, in the code
        let mut used = english.clone();
        if let Some((_, pass)) = used.places.iter_mut().find(|(s, _)| s == "pass") {
            pass.code = true;
        }
        assert_eq!(coverage(&q, &used).any[0], 1.0);
        // or a title that names it as a keyword
        let titled = doc("pass statement", "does nothing", 1.0);
        assert_eq!(coverage(&q, &titled).title[0], 1.0);
        // a title that uses the English word does not name it, though the
        // code uses the keyword
        let mut english = doc("check if you can pass", "pass", 1.0);
        if let Some((_, pass)) = english.places.iter_mut().find(|(s, _)| s == "pass") {
            pass.code = true;
        }
        assert_eq!(coverage(&q, &english).title[0], 0.0);
        assert!(keyword_in_title(
            "pass",
            &words("pass and break statements")
        ));
        assert!(!keyword_in_title(
            "if",
            &words("what if an error occurs in a block")
        ));
    }

    #[test]
    fn same_question_compares_content_words() {
        assert!(same_question(&words("gil"), &words("gil")));
        assert!(same_question(
            &words("list tupl"),
            &words("list tupl differ")
        ));
        assert!(!same_question(&words("metaclass"), &words("descriptor")));
        assert!(!same_question(&[], &[]));
    }
}
