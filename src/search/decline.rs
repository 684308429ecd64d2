//! Whether the guides answer a query at all. Top scores of covered and
//! uncovered questions overlap, so the decision is not a score cut-off: it
//! asks whether one of the best hits covers what the query is about — the
//! weighted share of its content words found in the hit's title, heading
//! path, a passage of its prose (and, for less, elsewhere in the prose, or
//! in its code when the word was looked up by name or typed as code).
//! Pure.

use super::rank::{self, Coverage, QueryTerms};

/// Hits looked at: an answer is on the first screen of hits or it is not
/// there. Fewer (three) decline questions whose answer ranks a little
/// lower ("reduce memory usage", where `reduce` also names a function),
/// and declined no more of the questions the guides do not cover.
pub const HITS_JUDGED: usize = 8;
/// A hit answers when it covers at least this share of the query's content
/// (weighted by how telling each word is). Measured on real questions,
/// covered and not: answers cover two thirds or more; unrelated hits of
/// uncovered questions cover the common words and miss the telling one.
const ANSWERED_SHARE: f32 = 0.6;
/// A hit whose title names nothing of a question is about something else
/// and meets the question's words on the way ("Lists" for "remove
/// duplicates but keep the order"): it answers only when it covers this
/// much. On the judged real questions, answers whose titles name nothing
/// of the question cover three quarters of it or more.
const UNTITLED_SHARE: f32 = 0.7;
/// How much an everyday word that no title of the guides holds counts in
/// the share a hit must cover ("considered a bug" of "why is a mutable
/// default argument considered a bug"): it says how a question is put
/// more often than what it is about. At 0.3, 2 more of the uncovered
/// questions of the judgement sets were answered and 1 more covered one.
const INCIDENTAL_WEIGHT: f32 = 0.5;
/// How many times a hit under headings that name nothing of a question
/// asking what a thing is must say the thing, in its prose or a code
/// comment, to define it when no sentence of it opens with the thing
/// (`rank::thing_in`): once, on the way, is in passing
/// ("the GIL … prevents race conditions" does not say what a race
/// condition is), while "A mixin is …" or "- **Mixins:** reusable …" says
/// something of it. Measured on the judgement sets, when uses in code still
/// counted as mentions: 2 more of the questions the guides do not cover
/// declined ("what is a race condition", "what is name mangling") and no
/// covered one. Counting the
/// thing only as the whole run of its words, rather than by its most
/// telling word, declined three covered questions ("what does the
/// function zip() do?"); without the exemption for a sentence that opens
/// with the thing, one-line definitions were declined ("The `__new__`
/// method makes the instance").
const MENTIONS_TO_DEFINE: u32 = 2;
/// A hit answers a question only when it is about this much of it: the
/// share of the question's words (everyday ones at full weight) that its
/// title, heading path or one passage of its prose holds, plus what its
/// title and the words found as written add (`rank::named`). A hit
/// that has just enough of a question in a passage, or scattered, under a
/// title that names one light word of it, is about a neighbouring topic
/// ("Functions & OOP" for "which functions do we use to determine the type
/// of instance and inheritance?"). Measured on the judgement sets: 5 more
/// of the questions the guides do not cover declined, and no covered one
/// whose answer came first (two whose answer ranked second and fourth); at
/// 0.75, 2 fewer declined; at 0.85, one covered question more, at 0.9,
/// three.
const ABOUT_ENOUGH: f32 = 0.8;
/// A word counts as covered by a hit from this much coverage on (its own
/// passage, title or path; not merely code or a scattered mention).
const WORD_COVERED: f32 = 0.5;

/// Why a query is declined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    /// The tokens (indices) that none of the hits judged covers, most
    /// telling first.
    pub missing: Vec<usize>,
    /// Whether a hit would answer but names the thing the question asks the
    /// definition of only in passing (`QueryTerms::thing`).
    pub in_passing: bool,
}

/// The decision for a query, from the coverages of its best hits (best
/// first): `None` when one of them answers, else why not.
pub fn uncovered(q: &QueryTerms, best: &[Coverage]) -> Option<Unanswered> {
    let content: Vec<usize> = (0..q.weights.len())
        .filter(|&i| q.weights[i] > 0.0)
        .collect();
    if content.is_empty() {
        return None;
    }
    // A question of several sentences is answered when its first is: what
    // it asks there is what it is about, and a follow-up may ask for more
    // than the guides say ("Write a decorator that prints how long a
    // function took to run").
    let first = first_sentence(q);
    let asked = |i: usize| first.is_none() || q.sentences.get(i).is_none_or(|&s| s == 0);
    // A word the guides never use, and that nothing stands for, is
    // something they cannot be about (`tkinter`, `palindrome`), whatever
    // else of what is asked they have; but one of three or more things
    // compared may be missing.
    let many_sides = q.sides.len() > 2;
    let foreign: Vec<usize> = content
        .iter()
        .copied()
        .filter(|&i| asked(i))
        .filter(|&i| !q.used.get(i).copied().unwrap_or(true))
        .filter(|&i| !q.alternatives.iter().any(|a| a.covers.contains(&i)))
        .filter(|&i| !(many_sides && q.sides.iter().any(|s| s.contains(&i))))
        .collect();
    let judged = &best[..best.len().min(HITS_JUDGED)];
    let covers = |c: &Coverage| covers(q, c) || first.as_ref().is_some_and(|f| covers(f, c));
    let answered = |c: &Coverage| covers(c) && !named_in_passing(q, c);
    if foreign.is_empty() && judged.iter().any(answered) {
        return None;
    }
    let in_passing = foreign.is_empty() && judged.iter().any(covers);
    // the words none of the hits judged covers: what the guides do not
    // have, not what the best hit leaves out ("inheritance" of "which
    // functions determine the type of instance and inheritance?" has a
    // section of its own)
    let coverages: Vec<Vec<f32>> = judged.iter().map(|c| covered(q, c)).collect();
    let mut missing: Vec<usize> = content
        .into_iter()
        .filter(|&i| coverages.iter().all(|c| c[i] < WORD_COVERED))
        .collect();
    missing.sort_by(|&a, &b| q.weights[b].total_cmp(&q.weights[a]).then(a.cmp(&b)));
    // a word asked twice ("call-by-value or call-by-reference") is named once
    let mut named: Vec<&str> = Vec::new();
    missing.retain(|&i| {
        let word = q.tokens.get(i).map_or("", String::as_str);
        let first = !named.contains(&word);
        named.push(word);
        first
    });
    Some(Unanswered {
        missing,
        in_passing,
    })
}

/// A question of several sentences as its first sentence asks it, the
/// follow-ups left out ("What is a metaclass? Give a real use case."):
/// `None` for a query of one sentence, or whose first says nothing.
fn first_sentence(q: &QueryTerms) -> Option<QueryTerms> {
    let later = |i: usize| q.sentences.get(i).copied().unwrap_or(0) > 0;
    let content = |i: usize| q.weights[i] > 0.0;
    let several = (0..q.weights.len()).any(|i| later(i) && content(i));
    let asks = (0..q.weights.len()).any(|i| !later(i) && content(i));
    if !q.question || !several || !asks {
        return None;
    }
    let mut first = q.clone();
    for (i, w) in first.weights.iter_mut().enumerate() {
        if later(i) {
            *w = 0.0;
        }
    }
    Some(first)
}

/// The things a comparison compares, as the tokens that name each side:
/// its first run of content words, not what follows it (`extend` of
/// "append() and extend() for lists").
pub fn compared(q: &QueryTerms) -> Vec<Vec<usize>> {
    q.sides
        .iter()
        .map(|side| {
            let mut named: Vec<usize> = Vec::new();
            for &i in side.iter().skip_while(|&&i| q.weights[i] <= 0.0) {
                if named.last().is_some_and(|&last| last + 1 != i) || q.weights[i] <= 0.0 {
                    break;
                }
                named.push(i);
            }
            named
        })
        .filter(|named| !named.is_empty())
        .collect()
}

/// How much a hit covers each token, as far as answering goes: a question
/// asked in words is answered in words, not by an example that merely uses
/// them (`daemon=True` does not say what a daemon thread is, nor
/// `if __name__ == '__main__':` why it is written); code typed as code
/// (`def f(items=[])`, `x == y`), an operator and a name looked up
/// may be found in code. A hit whose title names nothing of a question
/// says its words in one passage: mentions scattered over a section about
/// something else do not answer it.
fn covered(q: &QueryTerms, c: &Coverage) -> Vec<f32> {
    let untitled = !titled(q, c);
    (0..c.any.len())
        .map(|i| {
            let said = c.said.get(i).copied().unwrap_or(0.0);
            match (asked_in_words(q, i), untitled) {
                (true, false) => said,
                (true, true) => said.min(c.about.get(i).copied().unwrap_or(0.0)),
                (false, _) => c.any[i],
            }
        })
        .collect()
}

/// Whether token `i` is a word of a question: not in a stretch typed as
/// code (`f(items=[])`) and not an operator. A name written as a call
/// (`zip()`) is a word: asked about, it is explained in words.
fn asked_in_words(q: &QueryTerms, i: usize) -> bool {
    q.question
        && !q.in_code.get(i).copied().unwrap_or(false)
        && q.tokens
            .get(i)
            .is_some_and(|t| t.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// Whether a hit's title names something of the query: always, for a name
/// looked up (`pyq bandicoot`), which is found wherever it is.
fn titled(q: &QueryTerms, c: &Coverage) -> bool {
    !q.question || names_content(q, &c.title)
}

/// Whether a place of a hit (its title, its heading path) holds one of the
/// query's content words.
fn names_content(q: &QueryTerms, place: &[f32]) -> bool {
    (0..q.weights.len()).any(|i| q.weights[i] > 0.0 && place.get(i).is_some_and(|&t| t > 0.0))
}

/// Whether a hit names the thing a question asks the definition of only in
/// passing: it says it fewer than [`MENTIONS_TO_DEFINE`] times, no sentence
/// or code comment of it opens with it, and neither its title nor a
/// heading above it names anything of the question. Or it never says the
/// thing at all, when that is one word: a title that names another word
/// of the question is about that word ("Find the first missing positive
/// integer" for "what is the size of an integer?"). A thing of several
/// words is often several things, or a phrase whose most telling word is
/// a qualifier ("the mutable default arguments pitfall"): asking the same
/// of them declined 3 covered questions of the judgement sets; of one
/// word, 1 more of the questions the guides do not cover and no covered
/// one.
fn named_in_passing(q: &QueryTerms, c: &Coverage) -> bool {
    if q.thing.is_empty() || c.thing_opens {
        return false;
    }
    let headed = names_content(q, &c.title) || names_content(q, &c.path);
    let never_said = match q.thing[..] {
        [t] => {
            let named = |place: &[f32]| place.get(t).is_some_and(|&v| v > 0.0);
            c.thing_mentions == 0 && !named(&c.title) && !named(&c.path)
        }
        _ => false,
    };
    never_said || (!headed && c.thing_mentions < MENTIONS_TO_DEFINE)
}

/// Whether a hit covers enough of a query to answer it (but for
/// [`named_in_passing`]). A comparison is
/// answered where the guides compare: by a hit whose title (or a heading
/// above it) names one of its sides and that covers the others in its
/// title or a passage ("List vs Tuple"; "Exception Hierarchy" for
/// Exception and BaseException; "Summary of Differences" under the
/// question that compares), not by one that merely names them in passing
/// ("adding elements (append, extend)" under a title about memory), which
/// is what the guides have of most comparisons they do not make. One of three or more things
/// (`django, pyramid and flask`) is answered by a hit that covers at
/// least two of them, judged on what it covers: the sides the guides
/// leave out are said to be uncovered, not a reason to say nothing.
fn covers(q: &QueryTerms, c: &Coverage) -> bool {
    let covered = covered(q, c);
    let side_in = |side: &Vec<usize>, place: &[f32]| {
        let total: f32 = side.iter().map(|&i| q.weights[i]).sum();
        let found: f32 = side
            .iter()
            .map(|&i| q.weights[i] * place.get(i).copied().unwrap_or(0.0))
            .sum();
        total <= 0.0 || found / total >= WORD_COVERED
    };
    let headed: Vec<f32> = (0..c.title.len())
        .map(|i| c.title[i].max(c.path.get(i).copied().unwrap_or(0.0)))
        .collect();
    let a_side_headed = q.sides.iter().any(|s| side_in(s, &headed));
    let side_covered = |side: &Vec<usize>| a_side_headed && side_in(side, &c.about);
    let uncovered: Vec<&Vec<usize>> = q.sides.iter().filter(|s| !side_covered(s)).collect();
    let enough_sides = match q.sides.len() {
        0 => true,
        2 => uncovered.is_empty(),
        n => n - uncovered.len() >= 2,
    };
    if !enough_sides {
        return false;
    }
    // a question about two things is answered by a hit that covers both:
    // the share alone lets the more telling one stand for the pair ("copy"
    // of "copy a file" in "Shallow and Deep Copy"); of three or more, the
    // share decides (asking for all but one of three declined 3 covered
    // questions of the shared real set)
    let asked: Vec<usize> = (0..q.weights.len())
        .filter(|&i| q.weights[i] > 0.0 && !q.incidental.get(i).copied().unwrap_or(false))
        .collect();
    if q.question && asked.len() == 2 && asked.iter().any(|&i| covered[i] < WORD_COVERED) {
        return false;
    }
    // the share `per_token` covers of the tokens `judged` says, once the
    // sides left out are set aside, everyday words counted at `everyday`;
    // `None` when there are none
    let share = |per_token: &[f32], everyday: f32, judged: &dyn Fn(usize) -> bool| {
        let (mut found, mut total) = (0.0, 0.0);
        for (i, w) in q.weights.iter().enumerate() {
            if !judged(i) || uncovered.iter().any(|s| s.contains(&i)) {
                continue;
            }
            let w = if q.incidental.get(i).copied().unwrap_or(false) {
                w * everyday
            } else {
                *w
            };
            found += w * per_token.get(i).copied().unwrap_or(0.0);
            total += w;
        }
        (total > 0.0).then(|| found / total)
    };
    let needed = if titled(q, c) {
        ANSWERED_SHARE
    } else {
        UNTITLED_SHARE
    };
    let answers = share(&covered, INCIDENTAL_WEIGHT, &|_| true).is_some_and(|s| s >= needed);
    // and it is about the words of a question, how it is put included (a
    // name looked up, or code typed as code, is found wherever it is)
    let words = |i: usize| asked_in_words(q, i);
    let about = share(&c.about, 1.0, &words).map(|about| {
        let of_words = |per_token: &[f32]| share(per_token, 1.0, &words).unwrap_or(0.0);
        about + rank::named(of_words(&c.title), of_words(&c.phrase), c.focus)
    });
    answers && about.is_none_or(|s| s >= ABOUT_ENOUGH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(weights: &[f32]) -> QueryTerms {
        QueryTerms {
            tokens: (0..weights.len()).map(|i| format!("w{i}")).collect(),
            stems: (0..weights.len()).map(|i| vec![format!("w{i}")]).collect(),
            weights: weights.to_vec(),
            ..QueryTerms::default()
        }
    }

    /// The tokens a query is declined for, if it is.
    fn missing(q: &QueryTerms, best: &[Coverage]) -> Option<Vec<usize>> {
        uncovered(q, best).map(|u| u.missing)
    }

    /// A hit that covers `any` in words, in one passage.
    fn covering(any: &[f32]) -> Coverage {
        Coverage {
            any: any.to_vec(),
            said: any.to_vec(),
            about: any.to_vec(),
            ..Coverage::default()
        }
    }

    #[test]
    fn a_definition_is_not_a_passing_mention() {
        // "what is a mixin?": one content word, said once in a hit about
        // something else
        let mut q = terms(&[0.0, 0.0, 4.0]);
        q.question = true;
        q.thing = vec![2];
        let mut hit = covering(&[0.0, 0.0, 1.0]);
        hit.title = vec![0.0; 3];
        hit.path = vec![0.0; 3];
        hit.thing_mentions = 1;
        let passing = Unanswered {
            missing: vec![],
            in_passing: true,
        };
        assert_eq!(uncovered(&q, std::slice::from_ref(&hit)), Some(passing));
        // said more than once, it is what the passage is about
        hit.thing_mentions = 2;
        assert_eq!(uncovered(&q, std::slice::from_ref(&hit)), None);
        // a sentence that opens with it says something of it
        hit.thing_mentions = 1;
        hit.thing_opens = true;
        assert_eq!(uncovered(&q, std::slice::from_ref(&hit)), None);
        // under a heading that names it, once is enough
        hit.thing_opens = false;
        hit.path = vec![0.0, 0.0, 1.0];
        assert_eq!(uncovered(&q, std::slice::from_ref(&hit)), None);
        // and a question that does not ask what it is may be answered by
        // one mention ("what happens if you divide by zero")
        hit.path = vec![0.0; 3];
        q.thing.clear();
        assert_eq!(uncovered(&q, &[hit]), None);
    }

    #[test]
    fn a_title_that_names_another_word_of_the_question_does_not_define_the_thing() {
        // "what is the size of an integer?": the thing is `size`; a hit
        // titled "first missing positive integer" never says it
        let mut q = terms(&[0.0, 0.0, 3.0, 4.0]);
        q.question = true;
        q.thing = vec![2];
        let mut hit = headed(&[0.0, 0.0, 0.0, 1.0], &[0.0, 0.0, 0.0, 1.0]);
        q.incidental = vec![false, false, true, false];
        let declined = uncovered(&q, std::slice::from_ref(&hit)).expect("declined");
        assert!(declined.in_passing);
        // said once under that title, it is defined where the title is
        hit.thing_mentions = 1;
        assert_eq!(uncovered(&q, std::slice::from_ref(&hit)), None);
        // a thing of several words is judged as before
        hit.thing_mentions = 0;
        q.thing = vec![2, 3];
        assert_eq!(uncovered(&q, &[hit]), None);
    }

    #[test]
    fn a_hit_that_misses_words_is_not_blamed_on_a_passing_mention() {
        let mut q = terms(&[0.0, 4.0, 4.0]);
        q.question = true;
        q.thing = vec![1];
        let mut hit = covering(&[0.0, 1.0, 0.0]);
        hit.thing_mentions = 1;
        let declined = uncovered(&q, &[hit]).expect("declined");
        assert!(!declined.in_passing);
        assert_eq!(declined.missing, [2]);
    }

    #[test]
    fn a_hit_that_covers_the_telling_words_answers() {
        let q = terms(&[0.0, 4.0, 1.0]);
        assert_eq!(missing(&q, &[covering(&[0.0, 1.0, 0.0])]), None);
    }

    #[test]
    fn a_hit_about_a_neighbouring_topic_does_not_answer() {
        // "which functions determine the type of an instance": a passage
        // of "Functions & OOP" has functions, type and instance, and its
        // title names only the least telling of them
        let mut q = terms(&[1.0, 4.0, 4.0, 4.0]);
        q.question = true;
        let mut hit = covering(&[1.0, 1.0, 1.0, 0.0]);
        hit.title = vec![1.0, 0.0, 0.0, 0.0];
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), Some(vec![3]));
        // a title that names more of it is about the question
        hit.title = vec![1.0, 1.0, 0.0, 0.0];
        assert_eq!(missing(&q, &[hit]), None);
    }

    #[test]
    fn the_words_named_are_those_no_hit_covers() {
        // "which functions determine the type of an instance": one hit has
        // functions and type, another instance, none determine
        let mut q = terms(&[2.0, 2.0, 5.0, 4.0]);
        q.question = true;
        let functions = covering(&[1.0, 1.0, 0.0, 0.0]);
        let instance = covering(&[0.0, 0.0, 0.0, 1.0]);
        assert_eq!(missing(&q, &[functions, instance]), Some(vec![2]));
    }

    #[test]
    fn common_words_alone_do_not_answer() {
        // "what is tkinter in a gui": tkinter is unknown, gui is common
        let q = terms(&[0.0, 0.0, 8.0, 1.0]);
        let hits = [
            covering(&[0.0, 0.0, 0.0, 1.0]),
            covering(&[0.0, 0.0, 0.0, 1.0]),
        ];
        assert_eq!(missing(&q, &hits), Some(vec![2]));
    }

    #[test]
    fn missing_words_are_named_most_telling_first() {
        let q = terms(&[2.0, 5.0, 3.0]);
        assert_eq!(
            missing(&q, &[covering(&[0.0, 0.0, 0.2])]),
            Some(vec![1, 2, 0])
        );
        assert_eq!(missing(&q, &[]), Some(vec![1, 2, 0]));
    }

    #[test]
    fn everyday_words_no_title_holds_count_less() {
        // "why is a mutable default considered a bug": the hit covers
        // mutable and default, not considered and bug
        let mut q = terms(&[4.0, 4.0, 4.0, 4.0]);
        let hit = covering(&[1.0, 1.0, 0.0, 0.0]);
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), Some(vec![2, 3]));
        q.incidental = vec![false, false, true, true];
        assert_eq!(missing(&q, &[hit]), None);
    }

    #[test]
    fn a_word_asked_twice_is_named_once() {
        let mut q = terms(&[3.0, 2.0, 3.0]);
        q.tokens = vec!["call".into(), "value".into(), "call".into()];
        assert_eq!(missing(&q, &[]), Some(vec![0, 1]));
    }

    #[test]
    fn a_question_of_several_sentences_is_answered_by_its_first() {
        // "What is a metaclass? Give a real use case, with zebras."
        let mut q = terms(&[4.0, 3.0, 3.0, 6.0]);
        q.question = true;
        q.sentences = vec![0, 1, 1, 1];
        q.used = vec![true, true, true, false];
        let hit = headed(&[1.0, 0.0, 0.0, 0.0], &[1.0, 0.0, 0.0, 0.0]);
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), None);
        // asked in one sentence, all of it counts
        q.sentences = vec![0; 4];
        assert!(missing(&q, std::slice::from_ref(&hit)).is_some());
        // and a word of the first sentence the guides never use declines
        q.sentences = vec![0, 0, 1, 1];
        q.used = vec![true, false, true, true];
        assert!(missing(&q, &[hit]).is_some());
    }

    #[test]
    fn any_of_the_first_hits_may_answer() {
        let q = terms(&[1.0, 1.0]);
        let hits = [covering(&[0.0, 0.0]), covering(&[1.0, 1.0])];
        assert_eq!(missing(&q, &hits), None);
    }

    /// A hit that covers `any` and names `title` in its title.
    fn headed(any: &[f32], title: &[f32]) -> Coverage {
        Coverage {
            title: title.to_vec(),
            about: title.to_vec(),
            ..covering(any)
        }
    }

    #[test]
    fn a_hit_whose_title_names_nothing_of_a_question_must_cover_more() {
        // "remove duplicates from a list but keep the order": "Lists"
        let mut q = terms(&[2.0, 4.0, 1.0, 2.0, 3.0]);
        q.question = true;
        let untitled = covering(&[1.0, 0.0, 1.0, 1.0, 1.0]);
        assert!(q.share(&untitled.any) < 0.7);
        assert_eq!(missing(&q, std::slice::from_ref(&untitled)), Some(vec![1]));
        // the same coverage under a title that names one of its telling
        // words ("Ordered Collections")
        let titled = Coverage {
            title: vec![0.0, 0.0, 0.0, 0.0, 1.0],
            ..untitled.clone()
        };
        assert_eq!(missing(&q, &[titled]), None);
        // or more of the query
        assert_eq!(missing(&q, &[covering(&[1.0, 0.5, 1.0, 1.0, 1.0])]), None);
        // names looked up are found wherever they are (`pyq bandicoot`)
        q.question = false;
        assert_eq!(missing(&q, &[untitled]), None);
    }

    #[test]
    fn a_hit_whose_title_names_nothing_must_say_the_question_in_one_passage() {
        let mut q = terms(&[0.0, 4.0, 4.0]);
        q.question = true;
        // both words said, one of them only apart from the other
        let scattered = Coverage {
            about: vec![0.0, 1.0, 0.0],
            ..covering(&[0.0, 1.0, 1.0])
        };
        assert_eq!(missing(&q, std::slice::from_ref(&scattered)), Some(vec![2]));
        // under a title that names one of them, what it says anywhere counts
        let titled = Coverage {
            title: vec![0.0, 1.0, 0.0],
            ..scattered
        };
        assert_eq!(missing(&q, &[titled]), None);
    }

    #[test]
    fn a_question_about_two_things_needs_both() {
        // "how do you copy a file": `copy` weighs more than `file`
        let mut q = terms(&[0.0, 5.0, 2.0]);
        q.question = true;
        let copy_only = headed(&[0.0, 1.0, 0.0], &[0.0, 1.0, 0.0]);
        assert!(q.share(&copy_only.any) >= ANSWERED_SHARE);
        assert_eq!(missing(&q, std::slice::from_ref(&copy_only)), Some(vec![2]));
        let both = headed(&[0.0, 1.0, 1.0], &[0.0, 1.0, 0.0]);
        assert_eq!(missing(&q, &[both]), None);
        // a name looked up is not a question
        q.question = false;
        assert_eq!(missing(&q, &[copy_only]), None);
    }

    #[test]
    fn a_comparison_needs_a_hit_that_covers_each_side() {
        let mut q = terms(&[2.0, 2.0, 1.0]);
        q.sides = vec![vec![0], vec![1]];
        // most of the query, but one side missing
        let one_side = headed(&[1.0, 0.0, 1.0], &[1.0, 0.0, 0.0]);
        assert_eq!(missing(&q, &[one_side]), Some(vec![1]));
        let both = headed(&[1.0, 1.0, 0.0], &[1.0, 1.0, 0.0]);
        assert_eq!(missing(&q, &[both]), None);
    }

    #[test]
    fn a_comparison_is_answered_by_a_title_that_names_its_sides() {
        // "append() and extend()": a section that lists both in passing
        let mut q = terms(&[2.0, 2.0]);
        q.sides = vec![vec![0], vec![1]];
        // a section about one of them that explains the other
        let about_one = Coverage {
            about: vec![1.0, 1.0],
            ..headed(&[1.0, 1.0], &[1.0, 0.0])
        };
        assert_eq!(missing(&q, &[about_one]), None);
        // or a section under a heading that names them
        let under = Coverage {
            path: vec![1.0, 1.0],
            about: vec![0.5, 0.5],
            ..headed(&[1.0, 1.0], &[0.0, 0.0])
        };
        assert_eq!(missing(&q, &[under]), None);
        let in_passing = headed(&[1.0, 1.0], &[0.0, 0.0]);
        assert_eq!(missing(&q, std::slice::from_ref(&in_passing)), Some(vec![]));
        // a thing asked about alone needs no title that names it
        q.sides.clear();
        assert_eq!(missing(&q, &[in_passing]), None);
    }

    #[test]
    fn the_things_compared_are_named_without_what_follows_them() {
        // append ( ) and extend ( ) for lists
        let mut q = terms(&[2.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 1.0]);
        q.sides = vec![vec![0, 1, 2], vec![4, 5, 6, 7, 8]];
        assert_eq!(compared(&q), vec![vec![0], vec![4]]);
        // a side of two words: "deep copy" and "shallow copy"
        let mut q = terms(&[2.0, 1.0, 0.0, 2.0, 1.0]);
        q.sides = vec![vec![0, 1], vec![3, 4]];
        assert_eq!(compared(&q), vec![vec![0, 1], vec![3, 4]]);
    }

    #[test]
    fn a_comparison_of_three_is_answered_about_two() {
        let mut q = terms(&[2.0, 3.0, 2.0]);
        q.sides = vec![vec![0], vec![1], vec![2]];
        let two = headed(&[1.0, 0.0, 1.0], &[1.0, 0.0, 1.0]);
        assert_eq!(missing(&q, &[two]), None);
        let one = headed(&[1.0, 0.0, 0.0], &[1.0, 0.0, 0.0]);
        assert_eq!(missing(&q, &[one]), Some(vec![1, 2]));
    }

    #[test]
    fn a_word_the_guides_never_use_is_not_answered() {
        // "how to build a gui with tkinter": the hit covers most of it
        let mut q = terms(&[1.0, 2.0, 5.0]);
        q.used = vec![true, true, false];
        assert_eq!(missing(&q, &[covering(&[1.0, 1.0, 0.0])]), Some(vec![2]));
        // one of three things compared may be missing
        q.sides = vec![vec![0], vec![1], vec![2]];
        let two = headed(&[1.0, 1.0, 0.0], &[1.0, 1.0, 0.0]);
        assert_eq!(missing(&q, &[two]), None);
    }

    #[test]
    fn a_question_in_words_is_not_answered_by_code_alone() {
        // "what is a daemon thread": `daemon` only in an example's code
        let mut q = terms(&[5.0, 3.0]);
        q.tokens = vec!["daemon".into(), "thread".into()];
        q.question = true;
        let hit = Coverage {
            any: vec![0.6, 1.0],
            said: vec![0.0, 1.0],
            about: vec![0.0, 1.0],
            ..Coverage::default()
        };
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), Some(vec![0]));
        // looked up by name, the example is what the guides have
        q.question = false;
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), None);
        // and code typed as code may be found in code
        q.question = true;
        q.in_code = vec![true, false];
        assert_eq!(missing(&q, std::slice::from_ref(&hit)), None);
        // a name asked about in words is no different: "what is
        // __slots__" is not answered by `__slots__ = ['x']`
        q.in_code = vec![];
        q.tokens[0] = "__slots__".into();
        assert_eq!(missing(&q, &[hit]), Some(vec![0]));
    }

    #[test]
    fn a_query_of_wording_is_never_declined() {
        assert_eq!(missing(&terms(&[0.0, 0.0]), &[]), None);
    }
}
