import type { ArticlePack } from "../content/pack.js";
import {
  analyzeQuery,
  buildSearchIndex,
  highlightRanges,
  scorePassages,
  type AnalyzedQuery,
  type Passage,
  type ScoredPassage,
  type SearchIndex,
} from "./index.js";
import {
  emptyReply,
  offerPassage,
  passageSource,
  showPassage,
  showSlide,
  type Answer,
  type Match,
  type Reply,
  type ShownPassage,
} from "./reply.js";
import { editDistance } from "./analyze.js";
import { createSuggester, type Suggester } from "./suggest.js";
import { centuryFrom, writeNumbersAsDigits } from "./numbers.js";
import { extractTimeline, longDate, parseYearQuery, spanFit, type TimelineEvent, type YearSpan } from "./timeline.js";

export interface SearchEngine {
  pack: ArticlePack;
  index: SearchIndex;
  timeline: TimelineEvent[];
  /** The century a decade named without one means here ("the fifties"). */
  century: (decade: number) => number;
  datedPassages: Set<string>;
  suggest: Suggester;
}

/** A passage answers a question only when it matches at least this share of the question's weight. */
const MIN_COVERAGE = 0.5;
/** The share it must match when a content word of the question is nowhere in the article. */
const MIN_COVERAGE_WITH_MISSING = 0.6;
/**
 * `ask` decides between answering, offering and declining. It answers when the best passage covers the
 * question well enough; below that, down to OFFER_COVERAGE, when every content word of the question is
 * somewhere in the article, the question is about the article but the engine is not sure which passage
 * answers it, so it offers its best few. Tuned on the dev bank only.
 */
const OFFER_COVERAGE = 0.35;
/** Passages offered to choose from, and the least share of the best one's score an offer needs. */
const OFFERS = { count: 3, share: 0.3 } as const;
/** Related passages must score at least this share of the best one. */
const RELATED_SHARE = 0.35;
/**
 * Without a request for a picture, the article's paragraphs are the better answer: captions describe a
 * moment, paragraphs explain. A "when" question favours passages that carry a date.
 */
/** Lists (search results, timeline events) stop here; a reply longer than this is not read. */
const MAX_LISTED = 10;
const ASK_PREFERENCES = { slideWithoutPicture: 0.85, datedForWhen: 1.25, introductionForWho: 1.3 } as const;

export function createSearchEngine(pack: ArticlePack): SearchEngine {
  const timeline = extractTimeline(pack.paragraphs, pack.meta.date);
  return {
    pack,
    index: buildSearchIndex(pack),
    timeline,
    century: centuryFrom(timeline.flatMap((e) => [e.from, e.to])),
    datedPassages: new Set(timeline.map((e) => e.passageId)),
    suggest: createSuggester(pack, timeline),
  };
}

const isSlide = (p: Passage) => p.kind === "slide";
const isParagraph = (p: Passage) => p.kind === "paragraph";

function toMatches(results: readonly ScoredPassage[]): Match[] {
  return results.map((r) => ({ id: r.passage.id, score: Math.round(r.score * 1000) / 1000 }));
}

function shown(result: ScoredPassage): ShownPassage {
  return showPassage(result.passage, highlightRanges(result.passage, result.queryTerms));
}

function nearestTopics(engine: SearchEngine, results: readonly ScoredPassage[]): string[] {
  const fromResults = results.slice(0, 3).map((r) => topicOf(r.passage));
  return fromResults.length > 0 ? fromResults : engine.index.passages.filter(isParagraph).slice(0, 3).map(topicOf);
}

function topicOf(passage: Passage): string {
  return passage.kind === "slide" ? passageSource(passage) : passage.topic;
}

function notCovered(engine: SearchEngine, results: readonly ScoredPassage[], what: string): Answer {
  const reply = emptyReply(false, "Not in the article", `The article doesn't say anything about ${what}.`);
  reply.suggestions = nearestTopics(engine, results);
  return { reply, matches: toMatches(results.slice(0, 3)) };
}

/** `ask`: the passage that answers a free-text question, or an honest "not covered". */
export function answerQuestion(engine: SearchEngine, asked: string): Answer {
  const question = writeNumbersAsDigits(asked, engine.century);
  const position = slidePositionIn(question, engine.pack.slides.length);
  const named = engine.pack.slides.find((s) => s.number === position);
  if (named) return slideAnswer(engine, engine.index.byId.get(named.id) as Passage, [], [{ id: named.id, score: 1 }]);
  // "How old", "how many", "what time": only a passage that states such a thing can answer, and the
  // words that ask for it name no topic.
  const typed = ANSWER_TYPES.find((t) => t.asks.test(question));
  const answerType = typed?.states;
  const query = analyzeQuery(engine.index, typed ? question.replace(typed.asks, " ") : question);
  const boost = (passage: Passage) =>
    (!query.wantsPicture && isSlide(passage) ? ASK_PREFERENCES.slideWithoutPicture : 1) *
    (query.asksWhen && engine.datedPassages.has(passage.id) ? ASK_PREFERENCES.datedForWhen : 1);
  const accept = (passage: Passage) =>
    (!query.wantsPicture || isSlide(passage)) && (!answerType || answerType.test(passage.text));
  let results = scorePassages(engine.index, query, { accept, boost });
  if (query.wantsPicture && results.length === 0)
    results = scorePassages(engine.index, query, { accept: (p) => !answerType || answerType.test(p.text), boost });
  // "Who is X?" is answered where the article introduces X: its first passage that matches as fully.
  const fullest = Math.max(0, ...results.map((r) => r.coverage));
  const introduction = results
    .filter((r) => r.coverage >= fullest - 1e-9)
    .sort(
      (a, b) => Number(isSlide(a.passage)) - Number(isSlide(b.passage)) || a.passage.position - b.passage.position,
    )[0];
  if (query.asksWho && introduction) introduction.score *= ASK_PREFERENCES.introductionForWho;
  results.sort((a, b) => b.score - a.score);
  const unsure = doubt(engine, query, results, "that");
  if (unsure) return unsure;
  const best = results[0] as ScoredPassage;
  const reply = emptyReply(true, best.passage.topic);
  reply.passages = [shown(best)];
  if (query.asksWhen) {
    const when = dateOf(engine, best);
    if (when) reply.message = `When: ${when}.`;
  }
  reply.related = results
    .slice(1)
    .filter((r) => r.score >= best.score * RELATED_SHARE)
    .slice(0, 2)
    .map(shown);
  if (best.passage.slide) reply.slide = showSlide(best.passage.slide, engine.pack.slides.length);
  return { reply, matches: toMatches(results) };
}

const NUMBER_WORD =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?";
const QUANTITY = `(?:\\d[\\d,.]*|${NUMBER_WORD})`;
/** Questions that ask for a kind of fact, and how a passage states one. */
const ANSWER_TYPES: Array<{ asks: RegExp; states: RegExp }> = [
  {
    asks: /\bhow old\b|\bwhat age\b|\bhow young\b/i,
    states: new RegExp(`\\b${QUANTITY}[- ]years?[- ]old\\b|\\bage(?:d| of)? \\d`, "i"),
  },
  {
    asks: /\bwhat time\b|\bwhat hour\b/i,
    states:
      /\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\b|p\.?m\b)|\bnoon\b|\bmidnight\b|o'clock|\bmorning\b|\bafternoon\b|\bevening\b|\bnight\b|\bdawn\b|\bdusk\b/i,
  },
  {
    asks: /\bhow long\b/i,
    states: new RegExp(
      `\\b${QUANTITY}[- ](?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\\b|\\b(?:from|between|since) (?:\\w+ )?\\d{3,4}\\b|\\b\\d{4}\\s*(?:-|–|to|until)\\s*\\d{2,4}\\b|\\bfor (?:years|decades|centuries|months|weeks|days|hours)\\b`,
      "i",
    ),
  },
  {
    asks: /\bhow (?:tall|high|deep|far|wide|big|large|heavy|fast)\b/i,
    states: new RegExp(
      `\\b${QUANTITY}\\s*(?:feet|foot|ft|meters?|metres?|km|kilomet(?:er|re)s?|miles?|tons?|tonnes?|pounds?|kg|mph|km/h|square)\\b`,
      "i",
    ),
  },
  // A count or an amount: any number but a year alone, or a number word.
  {
    asks: /\bhow (?:many|much)\b/i,
    states: new RegExp(
      `(?:^|[^\\d])(?!1[0-9]{3}\\b|20[0-9]{2}\\b)\\d[\\d,.]*(?:\\b|%)|\\b(?:${NUMBER_WORD})\\b|[$€£]`,
      "i",
    ),
  },
];

/**
 * When what a passage tells happened: of its dated events, the one nearest the words the question
 * matched ("the armistice was signed on July 27, 1953"), or for a slide, the article's own date (a
 * gallery's photos show the event it reports).
 */
function dateOf(engine: SearchEngine, result: ScoredPassage): string | undefined {
  const { passage } = result;
  const matched = highlightRanges(passage, result.queryTerms);
  const distance = (event: TimelineEvent) => {
    const offset = passage.text.indexOf(event.sentence);
    const [start, end] = event.dateRange.map((i) => i + Math.max(0, offset)) as [number, number];
    return Math.min(Infinity, ...matched.map(([a, b]) => (b < start ? start - b : a > end ? a - end : 0)));
  };
  const events = engine.timeline.filter((e) => e.passageId === passage.id);
  const nearest = events.sort((a, b) => distance(a) - distance(b))[0];
  if (nearest) return nearest.when;
  return isSlide(passage) && engine.pack.meta.date ? longDate(engine.pack.meta.date) : undefined;
}

/**
 * Whether the best result is clearly the answer; if not, the best few to choose from or a "not covered".
 * A content word the article has nowhere may be what the question is about: answering then takes a
 * fuller match, and nothing is offered.
 */
function doubt(
  engine: SearchEngine,
  query: AnalyzedQuery,
  results: readonly ScoredPassage[],
  what: string,
): Answer | undefined {
  const best = results[0];
  if (!best) return notCovered(engine, results, what);
  if (best.coverage >= (query.missing > 0 ? MIN_COVERAGE_WITH_MISSING : MIN_COVERAGE)) return undefined;
  const offered = results.filter((r) => r.score >= best.score * OFFERS.share).slice(0, OFFERS.count);
  const sure = Math.max(...offered.map((r) => r.coverage));
  return query.missing > 0 || sure < OFFER_COVERAGE ? notCovered(engine, results, what) : offer(offered, results);
}

/** Not sure: the best few passages to choose from. */
function offer(offered: readonly ScoredPassage[], results: readonly ScoredPassage[]): Answer {
  const reply = emptyReply(false, "Not sure", "I'm not sure; one of these may answer it.");
  reply.offers = offered.map((r) => offerPassage(r.passage));
  return { reply, matches: toMatches(results) };
}

/** One passage, as its answer: what a click on an offered passage shows. */
export function showOffered(engine: SearchEngine, passageId: string): Answer {
  const passage = engine.index.byId.get(passageId);
  if (!passage)
    return { reply: emptyReply(false, "Not in the article", "That passage is no longer in the article."), matches: [] };
  if (passage.slide) return slideAnswer(engine, passage, [], [{ id: passage.id, score: 1 }]);
  const reply = emptyReply(true, passage.topic);
  reply.passages = [showPassage(passage, [])];
  return { reply, matches: [{ id: passage.id, score: 1 }] };
}

/** When what a passage tells happened, nearest the words of the question it answered: a "when was that?". */
export function dateOfPassage(engine: SearchEngine, passageId: string, question: string): Answer {
  const passage = engine.index.byId.get(passageId);
  if (!passage)
    return { reply: emptyReply(false, "Not in the article", "That passage is no longer in the article."), matches: [] };
  const query = analyzeQuery(engine.index, writeNumbersAsDigits(question, engine.century));
  const result = scorePassages(engine.index, query, { accept: (p) => p.id === passageId })[0] ?? {
    passage,
    score: 0,
    coverage: 0,
    related: 0,
    queryTerms: query.terms,
  };
  const when = dateOf(engine, result);
  const matches = [{ id: passageId, score: 1 }];
  if (!when) return { reply: emptyReply(false, passage.topic, `${passageSource(passage)} gives no date.`), matches };
  const reply = emptyReply(true, passage.topic, `When: ${when}.`);
  reply.passages = [shown(result)];
  return { reply, matches };
}

/** `search`: every passage that matches, best first. */
export function searchArticle(engine: SearchEngine, words: string): Answer {
  const results = scorePassages(engine.index, analyzeQuery(engine.index, words));
  const best = results[0];
  if (!best || best.coverage < MIN_COVERAGE) return notCovered(engine, results, "that");
  const listed = results.filter((r) => r.coverage >= MIN_COVERAGE / 2).slice(0, MAX_LISTED);
  const reply = emptyReply(true, `${listed.length} ${listed.length === 1 ? "match" : "matches"}`);
  reply.passages = listed.map(shown);
  return { reply, matches: toMatches(results) };
}

/** `photo`: one slide by number or by words; with neither, the first. */
export function findSlide(engine: SearchEngine, request: { number?: number; query?: string }): Answer {
  const total = engine.pack.slides.length;
  const number = request.number ?? (request.query?.trim() ? slideNumberIn(request.query, total) : 1);
  if (number !== undefined) {
    const slide = engine.pack.slides.find((s) => s.number === number);
    if (!slide) {
      const reply = emptyReply(
        false,
        "No such slide",
        `The gallery has ${total} slides: pick a number from 1 to ${total}.`,
      );
      return { reply, matches: [] };
    }
    const passage = engine.index.byId.get(slide.id) as Passage;
    return slideAnswer(engine, passage, [], [{ id: slide.id, score: 1 }]);
  }
  const query = analyzeQuery(engine.index, request.query ?? "");
  const results = scorePassages(engine.index, query, { accept: isSlide });
  const unsure = doubt(engine, query, results, "that in its photos");
  if (unsure) return unsure;
  const best = results[0] as ScoredPassage;
  return slideAnswer(engine, best.passage, highlightRanges(best.passage, best.queryTerms), toMatches(results));
}

function slideAnswer(
  engine: SearchEngine,
  passage: Passage,
  highlights: Array<[number, number]>,
  matches: Match[],
): Answer {
  const slide = passage.slide;
  if (!slide) throw new Error(`${passage.id} is not a slide`);
  const reply = emptyReply(true, slide.title);
  reply.passages = [showPassage(passage, highlights)];
  reply.slide = showSlide(slide, engine.pack.slides.length);
  return { reply, matches };
}

const NUMBER_WORDS = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
const ORDINAL_WORDS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
];

const NUMBER = `\\d+|${NUMBER_WORDS.join("|")}`;
const POSITION = `\\d+(?:st|nd|rd|th)|${ORDINAL_WORDS.join("|")}|last`;
const PICTURE = "photo|photograph|picture|pic|image|slide|shot|one";
// "slide 5", "photo #5", "slide five"; "the fifth one", "5th photo", "the last pic".
const NUMBERED = new RegExp(
  `\\b(?:slide|photo|photograph|picture|pic|image)s?\\s*(?:#|no\\.?|number)?\\s*([-+]?(?:${NUMBER}))\\b`,
);
const POSITIONED = new RegExp(`\\b(${POSITION})\\s+(?:${PICTURE})s?\\b`);

/** The slide a position or number names ("the fifth one", "5th", "slide five", "last"), read as a number. */
function positionValue(word: string, total: number): number | undefined {
  if (word === "last") return total;
  if (/^[-+]?\d+/.test(word)) return parseInt(word, 10);
  const index = Math.max(NUMBER_WORDS.indexOf(word), ORDINAL_WORDS.indexOf(word));
  return index >= 0 ? index + 1 : undefined;
}

/** A word and each form of it with one letter left out: two words one edit apart share one of these. */
const withOneLetterOut = (word: string) => [word, ...Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1))];

/** Ordinal and number words of five letters or more, by each of their one-letter-out forms. */
const POSITION_SPELLINGS = new Map(
  [...ORDINAL_WORDS, ...NUMBER_WORDS]
    .filter((word) => word.length >= 5)
    .flatMap((word) => withOneLetterOut(word).map((key) => [key, word] as const)),
);

/** Ordinal and number words as typed, misspellings of them brought back ("secnd" -> "second"). */
function spellPositions(text: string): string {
  return text.replace(/[a-z]{5,}/g, (word) => {
    for (const key of withOneLetterOut(word)) {
      const known = POSITION_SPELLINGS.get(key);
      if (known && editDistance(word, known, 2) <= 1) return known;
    }
    return word;
  });
}

/** A slide named by its position anywhere in a question: "what does the first photo show?". */
function slidePositionIn(question: string, total: number): number | undefined {
  const text = spellPositions(question.toLowerCase());
  const m = NUMBERED.exec(text) ?? POSITIONED.exec(text);
  return m?.[1] === undefined ? undefined : positionValue(m[1], total);
}

/**
 * Reads a slide number from a `photo` query that is nothing else: "5", "#5", "slide 5", "-1", "fifth",
 * "the first photo", "5th", "the last one". Anything that looks like a number counts, even out of range,
 * so the user is told the range instead of a search.
 */
function slideNumberIn(query: string, total: number): number | undefined {
  const text = spellPositions(query.trim().toLowerCase())
    .replace(/^(?:the\s+)?(?:#|no\.?|number|slide|photo|picture|pic)?\s*/, "")
    .replace(new RegExp(`\\s+(?:${PICTURE})s?$`), "");
  if (/^[-+]?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return new RegExp(`^(?:${POSITION}|${NUMBER})$`).test(text) ? positionValue(text, total) : undefined;
}

/** `history`: the dated events, in order, for a year, a range, a decade, an event's words, or all. */
export function findHistory(engine: SearchEngine, query = ""): Answer {
  const { span, words } = parseYearQuery(query, engine.century);
  if (!span && !words) return timelineAnswer(engine, "The article's timeline", engine.timeline, []);
  if (span) return historyForSpan(engine, span, words);

  const results = scorePassages(engine.index, analyzeQuery(engine.index, words), { accept: isParagraph });
  const best = results[0];
  if (!best || best.coverage < MIN_COVERAGE) return notCovered(engine, results, "that in its history");
  const found = results.filter((r) => r.score >= best.score * RELATED_SHARE).slice(0, 5);
  const events = engine.timeline.filter((e) => found.some((r) => r.passage.id === e.passageId));
  const undated = found.filter((r) => !events.some((e) => e.passageId === r.passage.id)).map(shown);
  return timelineAnswer(engine, `History: ${words}`, events, undated, found);
}

function historyForSpan(engine: SearchEngine, span: YearSpan, words: string): Answer {
  const label = span.from === span.to ? String(span.from) : `${span.from}-${span.to}`;
  const fitting = engine.timeline.map((event) => ({ event, fit: spanFit(event, span) })).filter((f) => f.fit > 0);
  if (fitting.length === 0) {
    const nearest = nearestEvents(engine.timeline, span);
    const reply = emptyReply(
      false,
      "Not in the article",
      `The article mentions nothing in ${label}. The nearest dated events:`,
    );
    reply.passages = nearest.map((e) => showEvent(engine, e));
    reply.suggestions = nearest.map((e) => e.when);
    return { reply, matches: nearest.map((e) => ({ id: e.passageId, score: 0 })) };
  }
  // Words beside the years ("war 1950") rank the events of those years.
  const wordScores = new Map(
    words
      ? scorePassages(engine.index, analyzeQuery(engine.index, words), { accept: isParagraph }).map((r) => [
          r.passage.id,
          r.score,
        ])
      : [],
  );
  const ranked = [...fitting].sort(
    (a, b) => (wordScores.get(b.event.passageId) ?? 0) - (wordScores.get(a.event.passageId) ?? 0) || b.fit - a.fit,
  );
  const matches = dedupe(ranked.map((f) => ({ id: f.event.passageId, score: Math.round(f.fit * 1000) / 1000 })));
  return {
    ...timelineAnswer(
      engine,
      `History: ${label}`,
      fitting.map((f) => f.event),
      [],
    ),
    matches,
  };
}

function nearestEvents(timeline: readonly TimelineEvent[], span: YearSpan): TimelineEvent[] {
  // The timeline is in order: the last event before the span and the first after it.
  const before = timeline
    .filter((e) => e.to < span.from)
    .sort((a, b) => a.to - b.to || a.monthDay - b.monthDay)
    .at(-1);
  const after = timeline.find((e) => e.from > span.to);
  return [before, after].filter((e): e is TimelineEvent => e !== undefined);
}

function timelineAnswer(
  engine: SearchEngine,
  title: string,
  events: readonly TimelineEvent[],
  undated: ShownPassage[],
  ranked?: readonly ScoredPassage[],
): Answer {
  const reply = emptyReply(true, title);
  const count = events.length + undated.length;
  reply.passages = [...events.slice(0, MAX_LISTED).map((e) => showEvent(engine, e)), ...undated].slice(0, MAX_LISTED);
  if (count > MAX_LISTED)
    reply.message = `The first ${MAX_LISTED} of ${count} events, in order; narrow the years to see the rest.`;
  const matches = ranked ? toMatches(ranked) : dedupe(events.map((e) => ({ id: e.passageId, score: 1 })));
  return { reply, matches };
}

function showEvent(engine: SearchEngine, event: TimelineEvent): ShownPassage {
  const passage = engine.index.byId.get(event.passageId) as Passage;
  return showPassage(passage, [event.dateRange], { text: event.sentence, when: event.when });
}

function dedupe(matches: Match[]): Match[] {
  const seen = new Set<string>();
  return matches.filter((m) => !seen.has(m.id) && seen.add(m.id));
}

/** `about`: the article's metadata and credits, as the pack states them. */
export function describeArticle(engine: SearchEngine): Reply {
  const { meta, slides, paragraphs, version } = engine.pack;
  const reply = emptyReply(true, meta.title, meta.summary);
  const photos = [...new Set(slides.map((s) => s.credit))].join("; ");
  const text = meta.credit ?? `Text: ${meta.publisher}, ${meta.sourceUrl}.`;
  reply.fields = [
    { name: "Published by", value: `${meta.publisher}, ${meta.sourceUrl}` },
    ...(meta.date ? [{ name: "Date", value: meta.date }] : []),
    { name: "Contents", value: `${paragraphs.length} paragraphs, ${slides.length} slides (content pack ${version})` },
    { name: "Credits", value: `${text} Photos: ${photos}.` },
  ];
  return reply;
}
