import type { ArticlePack, Paragraph, Slide } from "../content/pack.js";
import {
  analyze,
  buildLexicon,
  expressionTerm,
  correctSpelling,
  DERIVATION_PREFIX,
  stem,
  isCommonWord,
  isGenericWord,
  isPictureWord,
  tokenize,
  type Lexicon,
  type Term,
} from "./analyze.js";
import { PERSON_WORDS, TIME_WORDS } from "./english.js";
import { isAdverb, lemmaCandidates, relatedWords } from "./lexicon.js";

export type PassageKind = "paragraph" | "slide";

interface IndexedField {
  /** The text shown to users is the first field; the others only help finding the passage. */
  text: string;
  terms: Term[];
  weight: number;
}

export interface Passage {
  id: string;
  kind: PassageKind;
  /** Paragraph position or slide number. */
  position: number;
  /** The words shown for it: a paragraph's text or a slide's caption. */
  text: string;
  /** A short name of what it is about: a paragraph's topic or a slide's title. */
  topic: string;
  paragraph?: Paragraph;
  slide?: Slide;
  fields: IndexedField[];
  /** Terms that stand next to each other in any field ("south korean president"), both orders. */
  pairs: Set<string>;
}

interface Posting {
  passage: number;
  weight: number;
}

export interface SearchIndex {
  passages: Passage[];
  byId: Map<string, Passage>;
  lexicon: Lexicon;
  postings: Map<string, Posting[]>;
  /** How telling a term is: rare terms weigh more (BM25's idf). */
  idf: (term: string) => number;
  /**
   * Terms of the article's title. The title names what the whole article is about, so its words tell
   * passages apart no better than a word found in half of them, however rarely the passages repeat them.
   */
  titleTerms: ReadonlySet<string>;
  /** The weight of a title term: that of a term found in half the passages. */
  titleIdf: number;
  /**
   * Per-passage score and coverage accumulators, one slot per passage, all zero between searches.
   * Allocated once: a search is synchronous, and a new pair of arrays per question costs more than
   * the scoring itself in a small pack (and is thousands of slots in a big one).
   */
  accumulators: { scores: Float64Array; coverage: Float64Array; related: Float64Array };
}

export interface AnalyzedQuery {
  /** Distinct terms to match, each with its weight. */
  terms: Map<string, number>;
  /**
   * Question words the article does not use, each matched through its synonyms and derived words
   * (WordNet) that it does use, at a discount. A word none of whose relatives match counts against
   * every answer with its weight, as a missing word does.
   */
  expansions: Array<{ word: string; weight: number; alternatives: Map<string, number> }>;
  /** Content words of the question that nothing in the article matches, not even a relative. */
  missing: number;
  /**
   * Neighbouring terms of the question ("a b", as in Passage.pairs), which score more when they are
   * neighbours in a passage too, each with the bonus it adds.
   */
  pairs: Array<{ key: string; bonus: number }>;
  /** The question asks for a picture ("show me the photo where..."). */
  wantsPicture: boolean;
  /** The question asks when ("when", "since when", "what year"). */
  asksWhen: boolean;
  /** The question asks who someone is. */
  asksWho: boolean;
}

export interface ScoredPassage {
  passage: Passage;
  score: number;
  /** Share of the question's weight this passage matches, 0..1. */
  coverage: number;
  /** Share of the question's weight matched only through related words, 0..1. */
  related: number;
  /** The question's terms, for highlighting: every term of a passage has a posting, so those it shows are the ones it matched. */
  queryTerms: ReadonlyMap<string, number>;
}

// BM25F: field-weighted term frequency, saturated (k1) and normalized by field length (b).
const K1 = 1.2;
const B = 0.5;
const FIELD_WEIGHTS = { main: 1, title: 1, topic: 0.3, credit: 0.5 } as const;
/** Share of a pair's weight added when two neighbouring question terms are neighbours in a passage. */
const PAIR_BONUS = 0.5;
/**
 * Weight of a question word the article does not know. It counts against every answer: a rare word
 * ("latitude", "vietnam") fully, a common one ("died", "stay") less, a fragment ("oon") least.
 */
const UNKNOWN_WEIGHT = { common: 2.5, fragment: 1 } as const;
/** What a related word (a synonym, a derived word) is worth against the question's own word. */
const RELATED_FACTOR = 0.7;
/** What a word of the same root is worth ("japan" for "japanese", "northern" for "north"). */
const SAME_ROOT_FACTOR = 0.8;

export function buildSearchIndex(pack: ArticlePack): SearchIndex {
  const lexicon = buildLexicon(pack.synonyms, [
    ...pack.paragraphs.flatMap((p) => [p.text, p.topic]),
    ...pack.slides.flatMap((s) => [s.title, s.caption, s.credit]),
  ]);
  const field = (text: string, weight: number): IndexedField => ({
    text,
    terms: analyze(tokenize(text), lexicon),
    weight,
  });
  const passages = [
    ...pack.paragraphs.map((p) => ({
      id: p.id,
      kind: "paragraph" as const,
      position: p.position,
      text: p.text,
      topic: p.topic,
      paragraph: p,
      fields: [field(p.text, FIELD_WEIGHTS.main), field(p.topic, FIELD_WEIGHTS.topic)],
    })),
    ...pack.slides.map((s) => ({
      id: s.id,
      kind: "slide" as const,
      position: s.number,
      text: s.caption,
      topic: s.title,
      slide: s,
      fields: [
        field(s.caption, FIELD_WEIGHTS.main),
        field(s.title, FIELD_WEIGHTS.title),
        field(s.credit, FIELD_WEIGHTS.credit),
      ],
    })),
  ].map((p): Passage => ({ ...p, pairs: neighbourPairs(p.fields) }));
  const accumulators = {
    scores: new Float64Array(passages.length),
    coverage: new Float64Array(passages.length),
    related: new Float64Array(passages.length),
  };
  const titleTerms = new Set(analyze(tokenize(pack.meta.title), lexicon).map((t) => t.term));
  return {
    passages,
    byId: new Map(passages.map((p) => [p.id, p])),
    lexicon,
    ...buildPostings(passages),
    titleTerms,
    accumulators,
  };
}

function neighbourPairs(fields: readonly IndexedField[]): Set<string> {
  const pairs = new Set<string>();
  for (const { terms } of fields) {
    for (let i = 1; i < terms.length; i++) {
      const [a, b] = [(terms[i - 1] as Term).term, (terms[i] as Term).term];
      pairs.add(`${a} ${b}`).add(`${b} ${a}`);
    }
  }
  return pairs;
}

function buildPostings(passages: readonly Passage[]): Pick<SearchIndex, "postings" | "idf" | "titleIdf"> {
  const fieldCount = Math.max(0, ...passages.map((p) => p.fields.length));
  const averageLength = Array.from({ length: fieldCount }, (_, f) => {
    const lengths = passages.flatMap((p) => (p.fields[f] ? [p.fields[f].terms.length] : []));
    return Math.max(1, lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length));
  });
  const postings = new Map<string, Posting[]>();
  passages.forEach((passage, index) => {
    const weights = new Map<string, number>();
    passage.fields.forEach((f, i) => {
      const norm = 1 - B + (B * f.terms.length) / (averageLength[i] ?? 1);
      for (const { term } of f.terms) weights.set(term, (weights.get(term) ?? 0) + f.weight / norm);
    });
    for (const [term, weight] of weights) {
      const list = postings.get(term) ?? [];
      list.push({ passage: index, weight: (weight * (K1 + 1)) / (weight + K1) });
      postings.set(term, list);
    }
  });
  const total = passages.length;
  const idf = (term: string) => {
    const df = postings.get(term)?.length ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };
  return { postings, idf, titleIdf: Math.log(1 + (total / 2 + 0.5) / (total / 2 + 0.5)) };
}

/**
 * Understands a question: corrects spelling towards the article's words, maps synonyms, notices a
 * request for a picture, matches words the article does not use through their WordNet relatives, and
 * keeps the words that still match nothing, which count against any answer.
 */
export function analyzeQuery(index: SearchIndex, query: string): AnalyzedQuery {
  const tokens = correctSpelling(tokenize(query), index.lexicon);
  const wordAt = new Map(tokens.map((t) => [t.start, t.word]));
  const terms = new Map<string, number>();
  const expansions: AnalyzedQuery["expansions"] = [];
  const sequence: string[] = [];
  let missing = 0;
  const analyzed = analyze(
    tokens.filter((t) => !isPictureWord(t.word)),
    index.lexicon,
  );
  // An expression the article does not use stands for its words ("get together" is one meaning); one it
  // does use counts beside them.
  const relatives = new Map<string, Map<string, number>>();
  const expand = (word: string) => relatives.get(word) ?? relatives.set(word, expansionOf(index, word)).get(word)!;
  const standing = analyzed.filter((t) => t.expression && !index.postings.has(t.term) && expand(t.term).size > 0);
  const inExpression = (t: Term) => !t.expression && standing.some((e) => e.start <= t.start && t.end <= e.end);
  for (const t of analyzed) {
    if (inExpression(t) || (t.expression && !standing.includes(t) && !index.postings.has(t.term))) continue;
    const word = t.expression ? t.term : (wordAt.get(t.start) ?? "");
    if (index.postings.has(t.term)) terms.set(t.term, termWeight(index, t.term));
    // Chat words the article never uses ("tell", "happening") say nothing about the topic.
    else if (!t.expression && (isGenericWord(word) || TIME_WORDS.has(word))) continue;
    else {
      const weight = t.expression ? UNKNOWN_WEIGHT.common : unknownWeight(index, word);
      const alternatives = expand(t.expression ? t.term : word);
      if (alternatives.size > 0) expansions.push({ word, weight, alternatives });
      else {
        terms.set(t.term, weight);
        if (weight > UNKNOWN_WEIGHT.fragment) missing += 1;
      }
    }
    sequence.push(t.term);
  }
  const pairs = sequence.slice(1).map((term, i) => {
    const before = sequence[i] as string;
    return { key: `${before} ${term}`, bonus: (PAIR_BONUS * ((terms.get(before) ?? 0) + (terms.get(term) ?? 0))) / 2 };
  });
  return {
    terms,
    expansions,
    missing,
    pairs,
    wantsPicture: tokens.some((t) => isPictureWord(t.word)),
    asksWhen: tokens.some((t) => TIME_WORDS.has(t.word)),
    asksWho: tokens.some((t) => PERSON_WORDS.has(t.word)),
  };
}

function termWeight(index: SearchIndex, term: string): number {
  const idf = index.idf(term);
  return index.titleTerms.has(term) ? Math.min(idf, index.titleIdf) : idf;
}

/**
 * The article's terms for a word it does not use: the WordNet relatives (synonyms, derived words) of the
 * word's dictionary forms, each with what it is worth. Expressions are looked up as they are ("pass_away").
 */
function expansionOf(index: SearchIndex, word: string): Map<string, number> {
  const alternatives = new Map<string, number>();
  // A decade or a century ("1950s", "1800s") is any of its years the article names.
  const span = /^(\d{2})00s$/.exec(word) ? 100 : /^\d{3}0s$/.test(word) ? 10 : 0;
  if (span) {
    const from = Number(word.slice(0, 4));
    for (const term of index.postings.keys())
      if (/^\d{4}$/.test(term) && Number(term) >= from && Number(term) < from + span) alternatives.set(term, 1);
    return alternatives;
  }
  const lemmas = word.includes("_") ? [word] : lemmaCandidates(word);
  for (const lemma of lemmas) {
    for (const relative of relatedWords(lemma)) {
      const term = relative.includes("_") ? expressionTerm(relative.split("_")) : stem(relative);
      if (index.postings.has(term)) alternatives.set(term, RELATED_FACTOR);
    }
    if (!word.includes("_") && lemma !== word && index.postings.has(stem(lemma))) alternatives.set(stem(lemma), 1);
  }
  // Derived forms WordNet does not link: a known word that the word begins, or that begins the word.
  for (const known of index.lexicon.wordsByPrefix().get(word.slice(0, DERIVATION_PREFIX)) ?? []) {
    const term = index.lexicon.knownWords.get(known) ?? stem(known);
    if ((known.startsWith(word) || word.startsWith(known)) && index.postings.has(term) && !alternatives.has(term))
      alternatives.set(term, SAME_ROOT_FACTOR);
  }
  return alternatives;
}

function unknownWeight(index: SearchIndex, word: string): number {
  if (word.length <= 3 || isAdverb(word)) return UNKNOWN_WEIGHT.fragment;
  return isCommonWord(word) ? UNKNOWN_WEIGHT.common : index.idf(word);
}

export interface ScoreOptions {
  accept?: (passage: Passage) => boolean;
  /** A multiplier for a passage's score, for what the question asks beyond its words. */
  boost?: (passage: Passage) => number;
  /** How many of the best to return. */
  limit?: number;
}

/**
 * Ranks passages by BM25F over the question's terms, plus a bonus for terms that are neighbours in
 * both. Scores accumulate in flat arrays: a common term can touch thousands of passages in a big pack.
 */
export function scorePassages(index: SearchIndex, query: AnalyzedQuery, options: ScoreOptions = {}): ScoredPassage[] {
  const { accept, boost, limit = 50 } = options;
  const { scores, coverage, related } = index.accumulators;
  let totalWeight = 0;
  for (const weight of query.terms.values()) totalWeight += weight;
  for (const { weight } of query.expansions) totalWeight += weight;
  const touched: number[] = [];
  const add = (passage: number, score: number, share: number) => {
    if (scores[passage] === 0) {
      if (accept && !accept(index.passages[passage] as Passage)) return false;
      touched.push(passage);
    }
    scores[passage] = (scores[passage] as number) + score;
    coverage[passage] = (coverage[passage] as number) + share;
    return true;
  };
  for (const [term, weight] of query.terms) {
    for (const { passage, weight: termWeight } of index.postings.get(term) ?? []) {
      add(passage, weight * termWeight, weight / totalWeight);
    }
  }
  // A word matched through its relatives counts once per passage, by its best relative there.
  for (const { weight, alternatives } of query.expansions) {
    const best = new Map<number, { score: number; factor: number }>();
    for (const [term, factor] of alternatives) {
      for (const { passage, weight: termWeight } of index.postings.get(term) ?? []) {
        const found = best.get(passage);
        if (!found || found.score < factor * termWeight) best.set(passage, { score: factor * termWeight, factor });
      }
    }
    for (const [passage, { score, factor }] of best) {
      const share = (weight * factor) / totalWeight;
      if (add(passage, weight * score, share)) related[passage] = (related[passage] as number) + share;
    }
  }
  for (const i of touched) {
    const passage = index.passages[i] as Passage;
    for (const pair of query.pairs) if (passage.pairs.has(pair.key)) scores[i] = (scores[i] as number) + pair.bonus;
    if (boost) scores[i] = (scores[i] as number) * boost(passage);
  }
  const matchable = query.expansions.length
    ? new Map([...query.terms, ...query.expansions.flatMap((e) => [...e.alternatives])])
    : query.terms;
  const position = (i: number) => (index.passages[i] as Passage).position;
  const results = touched
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || position(a) - position(b))
    .slice(0, limit)
    .map((i): ScoredPassage => ({
      passage: index.passages[i] as Passage,
      score: scores[i] as number,
      coverage: coverage[i] as number,
      related: related[i] as number,
      queryTerms: matchable,
    }));
  for (const i of touched) scores[i] = coverage[i] = related[i] = 0;
  return results;
}

/** Character ranges of a passage's shown text that match the given terms. */
export function highlightRanges(passage: Passage, terms: ReadonlyMap<string, number>): Array<[number, number]> {
  return (passage.fields[0]?.terms ?? []).filter((t) => terms.has(t.term)).map((t) => [t.start, t.end]);
}
