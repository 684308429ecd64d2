//! Search behaviour through the real binary: typos, synonyms, code-shaped
//! queries, question-aware ranking, grouping, highlights and snippets.

mod common;

use common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

fn top_titles(env: &TestEnv, query: &str, n: usize) -> Vec<String> {
    let o = env.run(&["--json", "-n", &n.to_string(), "--", query]);
    assert_eq!(code(&o), 0, "{query}: {}", stderr(&o));
    json(&o)
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

fn top_title(env: &TestEnv, query: &str) -> String {
    top_titles(env, query, 1).remove(0)
}

#[test]
fn a_typo_is_corrected_and_the_correction_is_said() {
    let env = TestEnv::new();
    let o = env.run(&["--json", "decorater"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("showing results for \"decorator\""),
        "{}",
        stderr(&o)
    );
    assert!(
        json(&o)[0]["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("decorator")
    );
    // two typos in a long word, a transposition in another
    assert!(
        top_title(&env, "dependancy injecton")
            .to_lowercase()
            .contains("dependency")
    );
    assert!(
        top_title(&env, "sqlalchmey")
            .to_lowercase()
            .contains("sqlalchemy")
    );
}

#[test]
fn an_english_word_the_guides_relate_to_is_not_taken_for_a_typo() {
    let env = TestEnv::new();
    // `decide` is not in the guides; `decode` is one letter away, but
    // WordNet relates `decide` to `decision`, which they use
    let o = env.run(&[
        "-l",
        "--",
        "how does python decide which method gets called",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("decode"), "{}", stderr(&o));
}

#[test]
fn an_exact_match_beats_a_corrected_one() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "notes.md",
        "# Decorater patterns\n\nThe decorater shape, as some teams spell it.\n",
    );
    let o = env.run(&["--guides", dir.to_str().unwrap(), "--json", "decorater"]);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o)[0]["id"], "notes/decorater-patterns");
    assert!(
        !stderr(&o).contains("showing results"),
        "nothing was corrected: {}",
        stderr(&o)
    );
}

#[test]
fn nothing_found_suggests_close_words() {
    let env = TestEnv::new();
    let o = env.run(&["lsit"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("did you mean") && err.contains("list"),
        "{err}"
    );
    let o = env.run(&["qqqqqqqqqq"]);
    assert_eq!(code(&o), 1);
    assert!(
        !stderr(&o).contains("did you mean"),
        "nothing close, nothing suggested"
    );
}

#[test]
fn acronyms_and_their_expansions_find_each_other() {
    let env = TestEnv::new();
    assert!(top_title(&env, "gc").to_lowercase().contains("garbage"));
    assert!(top_title(&env, "mro").contains("Method Resolution Order"));
    let expanded = top_title(&env, "global interpreter lock");
    assert!(
        expanded.contains("GIL") || expanded.contains("Global Interpreter Lock"),
        "{expanded}"
    );
    assert!(top_title(&env, "pep8").contains("PEP 8"));
    let dunder = top_title(&env, "dunder methods").to_lowercase();
    assert!(
        dunder.contains("magic") || dunder.contains("special") || dunder.contains("dunder"),
        "{dunder}"
    );
}

#[test]
fn code_shaped_queries_keep_their_shape() {
    let env = TestEnv::new();
    assert!(top_title(&env, "__str__ vs __repr__").contains("__str__"));
    let identity = top_title(&env, "is vs ==");
    assert!(
        identity.contains("==") && identity.contains("is"),
        "{identity}"
    );
    assert!(
        top_title(&env, "@staticmethod")
            .to_lowercase()
            .replace(' ', "")
            .contains("staticmethod")
    );
    assert!(top_title(&env, "lru_cache").contains("lru_cache"));
    assert!(top_title(&env, "*args").contains("args"));
    // the keywords of one construct, found together (`from` alone is
    // wording): the generator section that names `yield from`
    let delegation = top_title(&env, "yield from").to_lowercase();
    assert!(
        delegation.contains("yield") || delegation.contains("generator"),
        "{delegation}"
    );
    let walrus = top_title(&env, ":=");
    assert!(
        walrus.contains(":=") || walrus.contains("Assignment"),
        "{walrus}"
    );
    let o = env.run(&["--json", "-n", "1", "threading.Lock"]);
    assert_eq!(json(&o)[0]["topic"], "concurrency");
}

#[test]
fn short_words_asked_alone_are_understood() {
    let env = TestEnv::new();
    let o = env.run(&["--json", "-n", "3", "in"]);
    assert_eq!(code(&o), 0);
    let bodies: String = json(&o)
        .iter()
        .map(|h| h["body"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        bodies.contains("membership"),
        "`in` alone is about membership tests"
    );
}

#[test]
fn a_title_that_answers_beats_a_chapter_that_mentions() {
    let env = TestEnv::new();
    assert!(top_title(&env, "what is the purpose of the finally block").contains("Finally"));
    assert!(
        top_title(&env, "when should i use threads vs processes")
            .to_lowercase()
            .contains("thread")
    );
    let o = env.run(&["--json", "-n", "5", "what is a closure"]);
    let first = &json(&o)[0];
    assert!(
        first["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("closure")
    );
}

#[test]
fn a_chapter_named_by_the_query_counts_what_its_subsections_explain() {
    let env = TestEnv::new();
    let prose = |topic: &str| {
        format!(
            "{topic} is what these animals do most of the day. They {topic} to find food, \
             to keep safe from heat and from hunting birds, and to raise their young away \
             from the open ground. Each kind has its own way of it, shaped by the soil, the \
             grass and the seasons of the place it lives in, and young animals learn it by \
             watching the old ones. Keepers who know this give them room for it, as an \
             animal kept from it grows restless and ill.\n\n"
        )
    };
    let dir = env.guide(
        "mine",
        "zoo.md",
        &format!(
            "# Digging\n\n## Soil\n\n```python\ndig(soil, depth=3)\n```\n\n\
             ## Tunnels\n\n```python\ntunnel(start, end)\n```\n\n\
             # Digging and tunnelling wombats\n\n{}\
             # Grazing\n\n## What grazers eat\n\n{}## When grazers rest\n\n{}\
             # Grazing kangaroos\n\n{}",
            prose("digging"),
            prose("grazing"),
            prose("grazing"),
            prose("grazing")
        ),
    );
    let first = |query: &str| {
        let o = env.run(&[
            "--guides",
            dir.to_str().unwrap(),
            "--guide",
            "zoo",
            "--json",
            query,
        ]);
        assert_eq!(code(&o), 0, "{query}: {}", stderr(&o));
        json(&o)[0]["title"].as_str().unwrap().to_string()
    };
    // a chapter of code blocks shows, it does not explain
    assert_eq!(first("what is digging?"), "Digging and tunnelling wombats");
    // a chapter whose subsections explain is the answer its title names
    assert_eq!(first("what is grazing?"), "Grazing");
}

#[test]
fn a_word_as_typed_beats_the_same_letters_split_in_two() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Burrows\n\nA burrow is dug by one animal and often taken over by another. \
         A dug burrow may be a long burrow with one room, and an old burrow has many \
         rooms where a burrow meets another burrow. Rabbits, wombats and badgers all dig \
         them, each in its own way, and a burrow left empty for a season is soon taken by \
         foxes, snakes or owls that cannot dig one of their own. Keepers leave old ones \
         alone.\n\n\
         # Homes\n\nAnimals live in many places. A longburrow is what keepers call the \
         shared tunnels of a wombat colony: each wombat digs its own part, and the \
         colony keeps them open for years, so that the young can move between the rooms \
         without going above ground at all.\n",
    );
    let o = env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--guide",
        "zoo",
        "--json",
        "what is a longburrow?",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Homes");
}

#[test]
fn answers_to_the_same_question_from_other_guides_are_grouped() {
    let env = TestEnv::new();
    let o = env.run(&["gil"]);
    let out = stdout(&o);
    let also = out
        .find("Also answered in")
        .expect("the other guides' answers are named");
    let more = out.find("More results").unwrap_or(out.len());
    assert!(also < more);
    let grouped: Vec<&str> = out[also..more]
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(grouped.len() >= 2, "{grouped:?}");
    assert!(
        grouped
            .iter()
            .all(|l| l.to_lowercase().contains("gil") || l.contains("Global Interpreter Lock"))
    );
    // lists and JSON keep every hit
    assert_eq!(json(&env.run(&["--json", "-n", "6", "gil"])).len(), 6);
    assert_eq!(
        stdout(&env.run(&["-l", "-n", "6", "gil"])).lines().count(),
        6
    );
}

#[test]
fn list_mode_has_a_snippet_column() {
    let env = TestEnv::new();
    let o = env.run(&["-l", "-n", "5", "garbage collection"]);
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == 3), "id, title, snippet");
    let with_match = rows
        .iter()
        .filter(|r| r[2].to_lowercase().contains("garbage"))
        .count();
    assert!(with_match >= 3, "snippets show the matched words: {rows:?}");
    assert!(rows.iter().all(|r| !r[2].contains('\n')));
}

#[test]
fn matched_words_are_highlighted_on_a_terminal_only() {
    let env = TestEnv::new();
    let highlight = "\x1b[38;5;11m\x1b[1m";
    let o = env.run(&["--color", "always", "what are decorators"]);
    let out = stdout(&o);
    let body: Vec<&str> = out.lines().skip(3).collect();
    assert!(
        body.iter()
            .any(|l| l.to_lowercase().contains(&format!("{highlight}decorator"))),
        "a body word is highlighted"
    );
    let plain = stdout(&env.run(&["what are decorators"]));
    assert!(
        !plain.contains("~~"),
        "no highlight markers leak into plain output"
    );
}

#[test]
fn scores_come_from_the_ranker_and_stay_sorted() {
    let env = TestEnv::new();
    let o = env.run(&["--json", "-n", "10", "how do python generators save memory"]);
    let hits = json(&o);
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(hits.iter().all(|h| h["score"] != Value::Null));
}

#[test]
fn a_question_the_guides_do_not_cover_is_declined() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Wombat feeding\n\nWombats eat grasses, herbs and roots. Feed a wombat at dusk, \
         when it leaves its burrow.\n\n# Quokka habitat\n\nQuokkas live on islands off \
         Western Australia.\n",
    );
    let guides = dir.to_str().unwrap();
    // covered, in the user's own words
    let o = env.run(&["--guides", guides, "--json", "How do I feed a wombat?"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Wombat feeding");
    // words the guides never use: exit 1, `[]`, and which words
    let o = env.run(&["--guides", guides, "--json", "What is Tkinter?"]);
    assert_eq!(code(&o), 1);
    assert!(json(&o).is_empty());
    assert!(
        stderr(&o).contains("the guides don't cover \"tkinter\""),
        "{}",
        stderr(&o)
    );
    // known words, but nothing about them together: declined too, and
    // said so, not blamed on a word the guides have
    let o = env.run(&[
        "--guides",
        guides,
        "-l",
        "how do quokkas feed a decorator burrow",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert_eq!(stdout(&o), "", "-l prints nothing");
    assert!(
        stderr(&o)
            .contains("the guides have each of these words, but no section is about them together"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_comparison_the_guides_do_not_make_is_declined() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Burrowing animals\n\nSome animals dig (wombats, badgers) and live underground \
         most of the day.\n\n# Wombats vs quokkas\n\nWombats dig burrows; quokkas shelter \
         in thick scrub.\n",
    );
    let guides = dir.to_str().unwrap();
    // compared where a title names both sides
    let o = env.run(&[
        "--guides",
        guides,
        "--json",
        "difference between wombats and quokkas",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Wombats vs quokkas");
    // named together in passing is not a comparison: exit 1, and which
    // things the guides do not compare, without what follows them
    let o = env.run(&[
        "--guides",
        guides,
        "--json",
        "difference between wombats and badgers for digging",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(json(&o).is_empty());
    assert!(
        stderr(&o).contains("the guides don't compare \"wombats\" and \"badgers\""),
        "{}",
        stderr(&o)
    );
    // each alone is still answered
    let o = env.run(&["--guides", guides, "--json", "do badgers dig"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn a_comparison_of_two_kinds_of_one_thing_is_answered_where_they_are_compared() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Nocturnal or diurnal?\n\nWombats are nocturnal: they graze at night and sleep \
         in their burrows by day. Quokkas are mostly nocturnal too.\n\n# Diurnal birds\n\n\
         Diurnal birds feed by day and roost at night.\n\n# Marsupial habits\n\nEvery \
         animal here is a marsupial; diurnal ones are rare.\n",
    );
    let guides = dir.to_str().unwrap();
    // "marsupial" names what both sides are, not the diurnal side alone:
    // taken for part of that side, it left the side uncovered and declined
    let o = env.run(&[
        "--guides",
        guides,
        "--json",
        "Is it a nocturnal or diurnal marsupial?",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Nocturnal or diurnal?");
}

#[test]
fn a_keyword_named_as_such_is_found_where_it_is_the_keyword() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Global Interpreter Lock\n\nThe global interpreter lock lets one thread run Python \
         bytecode at a time. It keeps reference counting safe without a lock per object, \
         and it is why threads do not speed up CPU-bound work; processes do.\n\n```python\n\
         import threading\n# Two threads of CPU-bound work take as long as one after the \
         other\nthreads = [threading.Thread(target=sum, args=(range(10**7),)) for _ in \
         range(2)]\n```\n\n# Global and nonlocal keywords\n\nA global statement makes a \
         name refer to the module scope.\n",
    );
    let guides = dir.to_str().unwrap();
    let o = env.run(&[
        "--guides",
        guides,
        "--json",
        "--limit",
        "40",
        "what does the global keyword do",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // the bundled guides answer too: the order of this guide's sections
    let mine: Vec<String> = json(&o)
        .iter()
        .filter(|h| h["guide"].as_str().is_some_and(|g| g.ends_with("zoo.md")))
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        mine,
        ["Global and nonlocal keywords", "Global Interpreter Lock"]
    );
}

#[test]
fn everyday_words_do_not_decline_a_question_the_guides_answer() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Wombat burrows\n\nWombats dig burrows with strong claws. A burrow keeps a \
         wombat cool by day and safe from dingoes by night; a colony may share one for \
         years.\n",
    );
    let guides = dir.to_str().unwrap();
    // "considered", "sure" and "fix" are words of many senses that no
    // title of the guides holds: how the question is put
    let o = env.run(&[
        "--guides",
        guides,
        "--guide",
        "zoo",
        "--json",
        "why is a wombat considered sure to fix its burrow?",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Wombat burrows");
    // a word of few senses the guides do not have still declines
    let o = env.run(&[
        "--guides",
        guides,
        "--guide",
        "zoo",
        "--json",
        "why is a wombat burrow lined with eucalyptus?",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
}

#[test]
fn a_list_of_names_does_not_answer_a_question_on_one_of_them() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Marsupials\n\nMarsupials carry their young in a pouch after a short pregnancy.\n\n\
         ## Further animals\n\n- **quokka habitat**\n- **numbat diet**\n\n\
         ## Wombats\n\nA wombat digs burrows.\n\n```python\ndig(wombat)  # tunnels\n```\n",
    );
    let guides = dir.to_str().unwrap();
    let run = |query: &str| env.run(&["--guides", guides, "--guide", "zoo", "--json", query]);
    // "Further animals" only names the quokka's habitat
    let o = run("what is the quokka habitat like?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    // a sentence says what it names
    let o = run("why do marsupials have a pouch?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Marsupials");
    // and so does a comment of the code, however short
    let o = run("what are wombat tunnels?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Wombats");
}

#[test]
fn a_passing_mention_does_not_say_what_a_thing_is() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Marsupial burrows\n\nWombats dig deep burrows in dry soil, which a quokka \
         never does.\n\n# Island life\n\nTermites feed the numbat on the mainland, and \
         ants feed a numbat in the dry season.\n\n# Night walks\n\nOwls hunt at dusk. \
         A bilby digs for seeds and insects at night.\n\n# Forest floor\n\n\
         | Animal | Food |\n|---|---|\n| Potoroo | fungi and roots under the trees |\n\n\
         # Pen plans\n\nFences keep the animals apart at feeding time.\n\n\
         ```python\n# build the wallaby pen first\nwallaby = Pen()\nfeed(wallaby)\nwalk(wallaby)\n```\n",
    );
    let guides = dir.to_str().unwrap();
    let run = |query: &str| env.run(&["--guides", guides, "--guide", "zoo", "--json", query]);
    // named once, on the way, under a heading about something else
    let o = run("what is a quokka?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("name \"quokka\" only in passing"),
        "{}",
        stderr(&o)
    );
    // a row of a table names it, it does not say what it is
    let o = run("what is a potoroo?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    // nor does code that uses it, however often
    let o = run("what is a wallaby?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("name \"wallaby\" only in passing"),
        "{}",
        stderr(&o)
    );
    // a question that is not after a definition may be answered in passing
    let o = run("where do wombats dig burrows and does a quokka?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // said twice, it is what the passage is about
    let o = run("what is a numbat?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Island life");
    // a sentence that opens with it says something of it
    let o = run("what is a bilby?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Night walks");
}

#[test]
fn a_snake_case_name_is_used_only_where_it_is_written() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Wombat decorators\n\nA decorator sets the ordering of wombat burrows by their \
         total depth.\n\n# Burrow helpers\n\nThe burrow_depth helper measures how deep a \
         wombat digs.\n",
    );
    let guides = dir.to_str().unwrap();
    let run = |query: &str| env.run(&["--guides", guides, "--guide", "zoo", "--json", query]);
    // "total" and "ordering" are there, total_ordering is not
    let o = run("what does the wombat.total_ordering decorator do for burrows?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stderr(&o).contains("total_ordering"), "{}", stderr(&o));
    let o = run("what does burrow_depth do?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Burrow helpers");
}

#[test]
fn a_question_of_several_sentences_is_answered_by_its_first() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Wombat burrows\n\nWombats dig burrows with strong claws. A burrow keeps a \
         wombat cool by day and safe from dingoes by night.\n",
    );
    let guides = dir.to_str().unwrap();
    let run = |query: &str| env.run(&["--guides", guides, "--guide", "zoo", "--json", query]);
    // the follow-up asks for more than the guides say
    let o = run("What is a wombat burrow? Sketch one for a quokka enclosure.");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Wombat burrows");
    // asked as one sentence, the same words are not answered
    let o = run("What is a wombat burrow to sketch for a quokka enclosure?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
}

#[test]
fn sides_that_share_a_stem_are_told_apart_by_their_words() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "sorting.md",
        "# Sorting algorithms\n\nQuicksort and merge sort; sorted output either way.\n",
    );
    let guides = dir.to_str().unwrap();
    // "Sorting" names neither `sort` nor `sorted`
    let o = env.run(&["--guides", guides, "--json", "sort() vs sorted()"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("the guides don't compare \"sort\" and \"sorted\""),
        "{}",
        stderr(&o)
    );
    let dir = env.guide(
        "mine",
        "sorting.md",
        "# Sorting algorithms\n\nQuicksort and merge sort.\n\n\
         # list.sort() vs sorted()\n\nOne sorts in place, the other returns a new list.\n",
    );
    let o = env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--json",
        "sort() vs sorted()",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "list.sort() vs sorted()");
}

#[test]
fn a_question_about_a_quality_of_the_language_finds_the_language() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "python.md",
        "# Advantages of generators\n\nGenerators in Python save memory: values come one \
         at a time.\n\n# Pros and cons of Python\n\nPython is easy to read and has many \
         libraries; it is slower than C.\n",
    );
    let guides = dir.to_str().unwrap();
    for query in [
        "What are the advantages of Python?",
        "what are some drawbacks of the python language",
    ] {
        let o = env.run(&["--guides", guides, "--guide", "python", "--json", query]);
        assert_eq!(code(&o), 0, "{query}: {}", stderr(&o));
        assert_eq!(json(&o)[0]["title"], "Pros and cons of Python", "{query}");
    }
    let o = env.run(&[
        "--guides",
        guides,
        "--guide",
        "python",
        "--json",
        "advantages of generators in python",
    ]);
    assert_eq!(json(&o)[0]["title"], "Advantages of generators");
}

#[test]
fn a_quality_asked_of_a_subject_weighs_less_than_the_subject() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Advantages of generators\n\nGenerators save memory: values come one at a time, \
         and a pipeline of them never holds the whole data.\n\n# Advantages of tuples\n\n\
         Tuples are smaller than lists and can be dictionary keys.\n\n# Numpy arrays\n\nA \
         numpy array holds numbers of one type in one block of memory, so it is smaller and \
         much faster than lists for arithmetic on every element.\n",
    );
    let o = env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--guide",
        "zoo",
        "--json",
        "what are the advantages of numpy over lists",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Numpy arrays");
}

#[test]
fn the_language_asked_about_alone_is_answered_by_its_key_features() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "python.md",
        "# Key features of Python\n\nPython is interpreted and dynamically typed.\n\n\
         # Pros and cons of Python\n\nPython is easy to read and has many libraries, so \
         Python code is quick to write; Python is slower than C, and Python's GIL keeps \
         threads from running Python bytecode in parallel.\n",
    );
    let guides = dir.to_str().unwrap();
    for query in ["What is Python?", "python"] {
        let o = env.run(&["--guides", guides, "--guide", "python", "--json", query]);
        assert_eq!(code(&o), 0, "{query}: {}", stderr(&o));
        assert_eq!(json(&o)[0]["title"], "Key features of Python", "{query}");
    }
}

#[test]
fn a_code_name_is_found_as_written_and_explained_in_words() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "objects.md",
        "# New features of version two\n\nFaster startup and a new parser.\n\n\
         # Object creation\n\nThe `__new__` method makes the instance; `__init__` then \
         fills it in.\n\n# Running scripts\n\n```python\nif __name__ == '__main__':\n    \
         main()\n```\n",
    );
    let guides = dir.to_str().unwrap();
    let ask = |q: &str| env.run(&["--guides", guides, "--guide", "objects", "--json", q]);
    // `__new__` is not the English word "new"
    let o = ask("What is __new__?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Object creation");
    // a line of code that uses names does not say why it is written
    let o = ask("Why do we write if __name__ == '__main__'?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stderr(&o).contains("__main__"), "{}", stderr(&o));
    // looked up by name, the example is what the guides have
    let o = ask("__main__");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Running scripts");
}

#[test]
fn a_question_is_answered_by_a_section_about_all_of_it() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "zoo.md",
        "# Animal care\n\nKeepers weigh every quokka in the morning and brush the wombats \
         after lunch.\n\n# Burrows\n\nWombats dig deep burrows in dry soil.\n\n# Night walks\n\n\
         Owls hunt at dusk. A bilby digs for seeds at night.\n\n# Feeding\n\nKeepers feed \
         the owls mice and the bilby seeds.\n\n# Scales\n\n```python\nscale.weigh(bilby)\n```\n",
    );
    let guides = dir.to_str().unwrap();
    let run = |query: &str| env.run(&["--guides", guides, "--guide", "zoo", "--json", query]);
    let o = run("how often do keepers weigh a quokka?");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Animal care");
    // the section has all but the scale the question is about
    let o = run("which scale do keepers use to weigh a quokka?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    // a name looked up is found in code; a question asked in words is not
    // answered by an example that uses the words
    let o = run("weigh bilby");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        json(&o).iter().any(|h| h["title"] == "Scales"),
        "{}",
        stdout(&o)
    );
    let o = run("weigh bilby?");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
}

#[test]
fn a_question_mark_alone_still_looks_a_name_up() {
    // "is python interpreted?" has no question wording: the section whose
    // title is that question comes first, with or without the mark, not an
    // explanation of the interpreter lock
    let env = TestEnv::new();
    for query in ["is python interpreted", "is python interpreted?"] {
        assert_eq!(
            top_title(&env, query),
            "How is Python interpreted?",
            "{query}"
        );
    }
}
