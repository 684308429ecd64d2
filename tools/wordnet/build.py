#!/usr/bin/env python3
"""Turns WordNet into index/related.tsv: general English word relations that
lead from a word someone might type to words the bundled guides use.

    python3 tools/wordnet/build.py [/usr/share/wordnet] > index/related.tsv

Rerun by hand when the guides change much (the output is committed; building
pyq never needs WordNet). Reads WordNet 3.0 as Debian's `wordnet-base`
installs it (WordNet licence: free to use, copy and distribute with its
copyright notice, which the output's header carries).

What is kept, to stay small and conservative:
- keys: single, lowercase, alphabetic words of WordNet that are in common
  use (at least one sense seen in WordNet's sense-tagged corpus), plus the
  irregular forms of WordNet's exception lists (`indices` -> `index`, and
  `index` -> `indices` when the guides write `indices`), marked `=` as the
  same word in another form;
- relations of a key, among its three most frequent senses: derivationally
  related forms between nouns and verbs (convert -> conversion, execute ->
  execution; not extend -> extensive);
- for a key the guides never use, also the other words of its most frequent
  sense (its synonyms), and for such a key with a single sense the more
  general word it is filed under (shortcoming -> disadvantage); a word the
  guides use is never widened (function -> map would mislead);
- a related word is kept only when the guides use it (or a regular
  inflection of it), and when it is not a mere inflection of the key (the
  stemmer already joins those).
"""
import collections
import os
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GUIDES = os.path.join(ROOT, "guides")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# senses of a key whose relations are followed, most frequent first
SENSES_FOLLOWED = 3
WORD = re.compile(r"^[a-z]{3,}$")


def guide_vocabulary():
    words = collections.Counter()
    for name in sorted(os.listdir(GUIDES)):
        if name.endswith(".md"):
            with open(os.path.join(GUIDES, name), encoding="utf-8") as f:
                words.update(re.findall(r"[a-z]+", f.read().lower()))
    return words


def load_synsets():
    synsets = {}
    for pos, name in POS_FILES.items():
        with open(os.path.join(WORDNET, f"data.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ")[0].split()
                offset, n = fields[0], int(fields[3], 16)
                words = [fields[4 + 2 * i].lower() for i in range(n)]
                i = 4 + 2 * n
                pointers = []
                for _ in range(int(fields[i])):
                    symbol, target, target_pos, source_target = fields[i + 1 : i + 5]
                    i += 4
                    target_pos = "a" if target_pos == "s" else target_pos
                    pointers.append(
                        (symbol, (target_pos, target), int(source_target[:2], 16), int(source_target[2:], 16))
                    )
                synsets[(pos, offset)] = (words, pointers)
    return synsets


def load_index():
    """lemma -> [(pos, [synset keys, most frequent sense first], tagged senses)]"""
    index = collections.defaultdict(list)
    for pos, name in POS_FILES.items():
        with open(os.path.join(WORDNET, f"index.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma, pointer_count = fields[0], int(fields[3])
                tagged = int(fields[5 + pointer_count])
                offsets = fields[6 + pointer_count :]
                index[lemma].append((pos, [(pos, o) for o in offsets], tagged))
    return index


def inflections(word):
    """The word and its regular inflections."""
    forms = [word, word + "s", word + "es", word + "ed", word + "d", word + "ing"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    if word.endswith("e"):
        forms.append(word[:-1] + "ing")
    # a doubled final consonant: set, setting; stop, stopped
    if len(word) > 2 and word[-1] not in "aeiouwxy":
        forms += [word + word[-1] + "ing", word + word[-1] + "ed"]
    return forms


def used(word, vocabulary):
    """Whether the guides use the word, or a regular inflection of it."""
    return any(f in vocabulary for f in inflections(word))


def inflection_of(a, b):
    """Whether one word is a regular inflection of the other (the stemmer
    joins those already)."""
    return b in inflections(a) or a in inflections(b)


def main():
    vocabulary = guide_vocabulary()
    synsets = load_synsets()
    index = load_index()
    related = collections.defaultdict(set)
    for lemma, entries in index.items():
        if not WORD.match(lemma) or sum(t for _, _, t in entries) == 0:
            continue
        # A word the guides use is searched as it is: only its derivations
        # are added. A word they never use also leads to the other words of
        # its most frequent sense, and, when it has a single sense, to the
        # more general word WordNet files it under (drawback: disadvantage).
        foreign = not used(lemma, vocabulary)
        single_sense = sum(len(senses) for _, senses, _ in entries) == 1
        for pos, senses, _ in entries:
            for rank, key in enumerate(senses[:SENSES_FOLLOWED]):
                words, pointers = synsets[key]
                me = words.index(lemma) + 1 if lemma in words else 0
                for symbol, target, source, target_word in pointers:
                    # between nouns and verbs only: convert, conversion;
                    # not extend, extensive
                    nouns_verbs = pos in "nv" and target[0] in "nv"
                    if symbol == "+" and source == me and target in synsets and nouns_verbs:
                        related[lemma].add(synsets[target][0][target_word - 1])
                    if symbol == "@" and source == 0 and foreign and single_sense:
                        related[lemma].update(synsets[target][0])
                if rank == 0 and foreign:
                    related[lemma].update(words)
    exceptions = {}
    for name in POS_FILES.values():
        with open(os.path.join(WORDNET, f"{name}.exc"), encoding="latin-1") as f:
            for line in f:
                form, *bases = line.split()
                if WORD.match(form):
                    exceptions.setdefault(form, set()).update(b for b in bases if WORD.match(b))
    out = {}
    for lemma, words in related.items():
        kept = sorted(
            w
            for w in words
            if WORD.match(w) and used(w, vocabulary) and w != lemma and not inflection_of(lemma, w)
        )
        if kept:
            out[lemma] = kept
    for form, bases in exceptions.items():
        kept = [b for b in bases if used(b, vocabulary) and b != form and not inflection_of(form, b)]
        # an irregular form is the same word as its base: marked with "="
        if kept and not used(form, vocabulary):
            out[form] = sorted(set(out.get(form, [])) | {"=" + b for b in kept})
        # an irregular form the guides use is found from its base: a query
        # for "indexes" finds "indices"
        if used(form, vocabulary):
            for base in kept:
                out[base] = sorted(set(out.get(base, [])) | {"=" + form})
    print("# Word relations of general English, from WordNet 3.0 (Princeton University;")
    print("# Debian's wordnet-base), kept where they lead to words of the bundled guides.")
    print("# Generated by tools/wordnet/build.py; do not edit by hand.")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("# word<TAB>related words of the guides; =word: the same word, an irregular form")
    for lemma in sorted(out):
        print(f"{lemma}\t{' '.join(out[lemma])}")


if __name__ == "__main__":
    main()
