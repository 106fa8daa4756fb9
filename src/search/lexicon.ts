import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * General English from WordNet, in the compact form scripts/build-lexicon.ts derives (data/lexicon/):
 * irregular forms, multi-word expressions, and each word's synonyms and derived words. Each file is read
 * the first time it is needed; the related words stay one string, searched in place: no map to build.
 */

// The files are the package's own (package.json "exports"), found from the sources and from dist alike.
const dataFile = (name: string) =>
  readFileSync(createRequire(import.meta.url).resolve(`summit-bot/data/lexicon/${name}`), "utf8");

let forms: ReadonlyMap<string, string> | undefined;
let phrases: ReadonlySet<string> | undefined;
let related: string | undefined;
let adverbs: ReadonlySet<string> | undefined;

/** Whether WordNet knows the word only as an adverb ("reportedly"): it qualifies, it names no topic. */
export function isAdverb(word: string): boolean {
  adverbs ??= new Set(dataFile("adverbs.txt").split("\n"));
  return adverbs.has(word);
}

/** The base of an irregular form ("took" -> "take", "children" -> "child"), or none. */
export function irregularBase(word: string): string | undefined {
  forms ??= new Map(
    dataFile("forms.txt")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
  return forms.get(word);
}

/** Whether two lemmas make a multi-word expression ("pass away", "take off", "head of" no). */
export function isMultiWordExpression(first: string, second: string): boolean {
  phrases ??= new Set(dataFile("phrases.txt").split("\n"));
  return phrases.has(`${first} ${second}`);
}

let phraseStarts: ReadonlySet<string> | undefined;
const startsOf = new Map<string, readonly string[]>();
/** Bounds the memo: questions bring words without end. */
const MEMO_LIMIT = 50_000;

/**
 * The dictionary forms of a word that begin a multi-word expression ("passed" -> pass), remembered:
 * every word of every passage is asked once per neighbour when a pack is indexed.
 */
export function expressionStarts(word: string): readonly string[] {
  const known = startsOf.get(word);
  if (known) return known;
  phraseStarts ??= new Set(
    dataFile("phrases.txt")
      .split("\n")
      .map((p) => p.slice(0, p.indexOf(" "))),
  );
  const starts = lemmaCandidates(word).filter((lemma) => phraseStarts?.has(lemma));
  if (startsOf.size >= MEMO_LIMIT) startsOf.clear();
  startsOf.set(word, starts);
  return starts;
}

/** Synonyms and derived words of a lemma, multi-word ones with "_" ("die" -> "decease", "pass_away"...). */
export function relatedWords(lemma: string): string[] {
  related ??= dataFile("related.txt");
  // Lines are sorted by their first word: binary search over character positions, each at its line's start.
  let low = 0;
  let high = related.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const start = related.lastIndexOf("\n", middle - 1) + 1;
    const space = related.indexOf(" ", start);
    const key = related.slice(start, space);
    if (key === lemma) return related.slice(space + 1, related.indexOf("\n", space)).split(" ");
    if (key < lemma) low = related.indexOf("\n", space) + 1;
    else high = start;
  }
  return [];
}

/**
 * The dictionary forms a word may be an inflection of, itself first: "invaded" -> invaded, invade,
 * "gases" -> gases, gas, "took" -> took, take. Regular endings are undone by WordNet's own rules.
 */
export function lemmaCandidates(word: string): string[] {
  const candidates = [word];
  const base = irregularBase(word);
  if (base) candidates.push(base);
  for (const [ending, replacement] of ENDINGS) {
    if (word.length > ending.length + 2 && word.endsWith(ending))
      candidates.push(word.slice(0, -ending.length) + replacement);
  }
  const doubled = /([bdgklmnprt])\1(ed|ing)$/.exec(word);
  if (doubled) candidates.push(word.slice(0, doubled.index + 1));
  return [...new Set(candidates)];
}

/** WordNet's detachment rules (morphy), nouns, verbs and adjectives together. */
const ENDINGS: Array<[string, string]> = [
  ["ies", "y"],
  ["ied", "y"],
  ["es", "e"],
  ["es", ""],
  ["s", ""],
  ["ed", "e"],
  ["ed", ""],
  ["ing", "e"],
  ["ing", ""],
  ["er", ""],
  ["est", ""],
  ["men", "man"],
];
