import { stemmer } from "stemmer";
import { commonWords, GENERIC_WORDS, PICTURE_WORDS, STOPWORDS } from "./english.js";
import { expressionStarts, irregularBase, isMultiWordExpression } from "./lexicon.js";

/** A word as written, lower-cased, with its place in the original text (for highlighting). */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** What the engine matches on: a stem or a synonym group, with the span of text it came from. */
export interface Term {
  term: string;
  start: number;
  end: number;
  /** A multi-word expression ("pass_away"), found beside the terms of its own words. */
  expression?: boolean;
}

/**
 * Words and phrases of one pack: synonym groups keyed by their stems, and every word the engine knows
 * (used to correct misspellings towards words that mean something here).
 */
export interface Lexicon {
  /** Each synonym entry's stems and its group, keyed by its first stem, longest entries first. */
  phrases: Map<string, Array<{ stems: string[]; term: string }>>;
  /** Every word the engine knows, with its stem. */
  knownWords: Map<string, string>;
  /**
   * Spelling candidates: each known word and its stem, and each of those with one letter deleted, lead
   * to the known word. Looking up a typo's own deletions finds every word one edit away (and some two
   * edits away) without comparing against the whole vocabulary. Most keys lead to one word, kept as
   * itself rather than in an array: the map holds thousands of keys, built the first time a question
   * has a word the pack does not know, not at start-up.
   */
  spellings: () => ReadonlyMap<string, string | string[]>;
  /** Known words of DERIVATION_PREFIX letters or more, by their first DERIVATION_PREFIX letters; built when first used. */
  wordsByPrefix: () => ReadonlyMap<string, string[]>;
}

/** The shortest word that is looked up as the root of another ("japan" in "japanese", "north" in "northern"). */
export const DERIVATION_PREFIX = 5;

// Dotted abbreviations (U.S., U.N.) first, then words and numbers; hyphens split ("Il-sung" is "il sung").
const TOKEN = /[A-Za-z](?:\.[A-Za-z])+\.?|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = normalizeWord(match[0]);
    if (word) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

function normalizeWord(raw: string): string {
  if (/^[a-z]+$/.test(raw)) return raw;
  // Accents go ("Séoul" is "seoul"); plain ASCII, most words, has none to strip.
  let word = /^[\x20-\x7e]+$/.test(raw)
    ? raw.toLowerCase()
    : raw.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace("’", "'");
  // Abbreviations lose their dots (U.N. is "un", TV is "tv"), except where that spells a function
  // word: "U.S." and "US" stay "u.s.", apart from the pronoun "us".
  if (word.includes(".") || /^[A-Z]{2,}$/.test(raw)) {
    const letters = word.replaceAll(".", "");
    return STOPWORDS.has(letters) ? `${letters.split("").join(".")}.` : letters;
  }
  word = word.replace(/n't$/, "").replace(/'(s|t|re|ve|ll|d|m)$/, "");
  // 38th parallel, 1st slide: the number is what matters.
  return word.replace(/^(\d+)(st|nd|rd|th)$/, "$1");
}

/** A word's stem, irregular forms first brought to their base ("took" and "taking" both "take"). */
export function stem(word: string): string {
  return /^\d|\./.test(word) ? word : stemmer(irregularBase(word) ?? word);
}

/** The term of a multi-word expression: its words' stems ("passed away" and "pass away" are "pass_away"). */
export const expressionTerm = (words: readonly string[]) => words.map(stem).join("_");

export function buildLexicon(synonyms: readonly string[][], texts: Iterable<string>): Lexicon {
  const phrases = new Map<string, Array<{ stems: string[]; term: string }>>();
  const knownWords = new Map<string, string>();
  const know = (word: string) => knownWords.has(word) || knownWords.set(word, stem(word));
  for (const word of [...STOPWORDS, ...GENERIC_WORDS, ...PICTURE_WORDS]) know(word);
  for (const group of synonyms) {
    const entries = group.map((entry) => tokenize(entry).map((t) => stem(t.word)));
    const term = entries[0]?.join("_");
    if (!term) continue;
    for (const [i, stems] of entries.entries()) {
      const first = stems[0];
      if (first === undefined) continue;
      const starting = phrases.get(first);
      if (starting) starting.push({ stems, term });
      else phrases.set(first, [{ stems, term }]);
      for (const token of tokenize(group[i] ?? "")) know(token.word);
    }
  }
  // Longest first; of two equal entries in different groups, the first listed wins (the sort is stable).
  for (const starting of phrases.values()) starting.sort((a, b) => b.stems.length - a.stems.length);
  for (const text of texts) for (const token of tokenize(text)) know(token.word);
  joinPlaceAdjectives(knownWords);
  let spellings: ReadonlyMap<string, string | string[]> | undefined;
  let wordsByPrefix: Map<string, string[]> | undefined;
  const groupByPrefix = () => {
    const groups = new Map<string, string[]>();
    for (const word of knownWords.keys()) {
      if (word.length < DERIVATION_PREFIX || !/^[a-z]+$/.test(word)) continue;
      const key = word.slice(0, DERIVATION_PREFIX);
      (groups.get(key) ?? groups.set(key, []).get(key))?.push(word);
    }
    return groups;
  };
  return {
    phrases,
    knownWords,
    spellings: () => (spellings ??= buildSpellings(knownWords)),
    wordsByPrefix: () => (wordsByPrefix ??= groupByPrefix()),
  };
}

/** Endings that make a place's or a people's adjective: Korea -> Korean, Japan -> Japanese, north -> northern. */
const PLACE_ENDINGS = ["n", "an", "ian", "ese", "ern", "ish"];

/**
 * Where a pack has both a place and its adjective ("korea" and "korean"), the adjective reads as the
 * place: a question about one finds passages that use the other, as a synonym list would make it.
 */
function joinPlaceAdjectives(knownWords: Map<string, string>): void {
  for (const [word, wordStem] of knownWords) {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || STOPWORDS.has(word)) continue;
    for (const ending of PLACE_ENDINGS) {
      for (const adjective of [word + ending, word.replace(/[ae]$/, "") + ending]) {
        if (adjective !== word && knownWords.has(adjective)) knownWords.set(adjective, wordStem);
      }
    }
  }
}

function buildSpellings(knownWords: ReadonlyMap<string, string>): ReadonlyMap<string, string | string[]> {
  const spellings = new Map<string, string | string[]>();
  for (const [word, wordStem] of knownWords) {
    forEachSpellingKey(word, wordStem, (key) => {
      const words = spellings.get(key);
      if (words === undefined) spellings.set(key, word);
      else if (typeof words === "string") {
        if (words !== word) spellings.set(key, [words, word]);
      } else if (!words.includes(word)) words.push(word);
    });
  }
  return spellings;
}

/** A word and its stem, each whole and with each one letter deleted (a key may come twice). */
function forEachSpellingKey(word: string, wordStem: string, use: (key: string) => void): void {
  for (const form of word === wordStem ? [word] : [word, wordStem]) {
    use(form);
    for (let i = 0; i < form.length; i++) use(form.slice(0, i) + form.slice(i + 1));
  }
}

/**
 * Turns text into terms: synonyms become their group, words their stem, function words go. The same
 * analysis runs on the article and on questions, so "dmz" meets "demilitarized zone".
 */
export function analyze(tokens: readonly Token[], lexicon: Lexicon): Term[] {
  const stems = tokens.map((t) => lexicon.knownWords.get(t.word) ?? stem(t.word));
  const terms: Term[] = [];
  for (let i = 0; i < tokens.length;) {
    const matched = matchPhrase(stems, i, lexicon);
    const first = tokens[i] as Token;
    if (matched) {
      terms.push({ term: matched.term, start: first.start, end: (tokens[i + matched.length - 1] as Token).end });
      i += matched.length;
      continue;
    }
    if (!STOPWORDS.has(first.word)) terms.push({ term: stems[i] as string, start: first.start, end: first.end });
    const next = tokens[i + 1];
    if (next && expressionAt(first.word, next.word))
      terms.push({ term: `${stems[i]}_${stems[i + 1]}`, start: first.start, end: next.end, expression: true });
    i += 1;
  }
  return terms;
}

/** Whether two words, the first in any form ("passed", "took"), make a multi-word expression. */
function expressionAt(first: string, second: string): boolean {
  if (STOPWORDS.has(first) || /\d|\./.test(first + second)) return false;
  return expressionStarts(first).some(
    (lemma) =>
      isMultiWordExpression(lemma, second) ||
      (second.endsWith("s") && isMultiWordExpression(lemma, second.slice(0, -1))),
  );
}

/** The longest synonym entry that the stems spell from `at` on. */
function matchPhrase(
  stems: readonly string[],
  at: number,
  lexicon: Lexicon,
): { term: string; length: number } | undefined {
  for (const phrase of lexicon.phrases.get(stems[at] as string) ?? []) {
    if (phrase.stems.every((s, i) => stems[at + i] === s)) return { term: phrase.term, length: phrase.stems.length };
  }
  return undefined;
}

/**
 * Replaces words the pack does not know with the closest word it does ("paralel" -> "parallel"), so
 * misspelled questions find the same passages. Common English words ("capital", "stay") are real words
 * the article does not use, not typos; short words and numbers are left alone too: one letter changed
 * in "war" or "1950" makes another word.
 */
export function correctSpelling(tokens: readonly Token[], lexicon: Lexicon): Token[] {
  return tokens.map((token) => {
    const word = token.word;
    if (lexicon.knownWords.has(word) || isCommonWord(word) || word.length < 4 || /\d|\./.test(word)) return token;
    const correction = closestWord(token.word, lexicon);
    return correction ? { ...token, word: correction } : token;
  });
}

function closestWord(word: string, lexicon: Lexicon): string | undefined {
  const allowed = word.length >= 9 ? 2 : 1;
  const wordStem = stem(word);
  let best: string | undefined;
  let bestDistance = allowed + 1;
  const candidates = new Set<string>();
  forEachSpellingKey(word, wordStem, (key) => {
    const words = lexicon.spellings().get(key);
    if (typeof words === "string") candidates.add(words);
    else for (const known of words ?? []) candidates.add(known);
  });
  for (const candidate of candidates) {
    const candidateStem = lexicon.knownWords.get(candidate) ?? candidate;
    const distance = Math.min(
      editDistance(word, candidate, bestDistance),
      editDistance(wordStem, candidateStem, bestDistance),
    );
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] as number, limit);
}

export const isPictureWord = (word: string) => PICTURE_WORDS.has(word);
export const isGenericWord = (word: string) => STOPWORDS.has(word) || GENERIC_WORDS.has(word);
export const isCommonWord = (word: string) => commonWords().has(word);
