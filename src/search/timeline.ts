import { centuryFrom, writeNumbersAsDigits } from "./numbers.js";
import type { Paragraph } from "../content/pack.js";

/** A dated event found in a paragraph: the sentence it is told in and the years it spans. */
export interface TimelineEvent {
  passageId: string;
  position: number;
  /** The sentence, and where the date sits in it (for highlighting). */
  sentence: string;
  dateRange: [number, number];
  from: number;
  to: number;
  /** As shown: "1950", "1950-1953", "July 27, 1953". */
  when: string;
  /** Sort key within a year: month and day when known. */
  monthDay: number;
}

export interface YearSpan {
  from: number;
  to: number;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = `(${MONTHS.join("|")})`;
const YEAR = "(1[0-9]{3}|20[0-9]{2})";

// One pattern, most specific first, so "from 1950 to 1953" is one range and not two years.
const DATE = new RegExp(
  [
    `\\b${MONTH}\\s+(\\d{1,2}),?\\s+${YEAR}\\b`,
    `\\b(\\d{1,2})\\s+${MONTH}\\s+${YEAR}\\b`,
    `\\b(?:from\\s+|between\\s+)?${YEAR}\\s*(?:-|–|—|to|until|till|through|and)\\s*${YEAR}\\b`,
    `\\b${YEAR}\\b`,
    `\\bthis\\s+(year|week|month)\\b`,
  ].join("|"),
  // ASCII patterns: without the "u" flag the expression compiles and runs faster.
  "gi",
);

/**
 * Finds the article's dated events: years, ranges ("from 1950 to 1953"), full dates, and "this week" or
 * "this year", which mean the summit's own date.
 */
export function extractTimeline(paragraphs: readonly Paragraph[], articleDate?: string): TimelineEvent[] {
  const articleYear = Number(articleDate?.slice(0, 4));
  const articleMonthDay = Number(articleDate?.slice(5, 7)) * 100 + Number(articleDate?.slice(8, 10));
  const events: TimelineEvent[] = [];
  for (const paragraph of paragraphs) {
    for (const sentence of sentences(paragraph.text)) {
      for (const m of sentence.matchAll(DATE)) {
        const g = m.slice(1);
        const base = {
          passageId: paragraph.id,
          position: paragraph.position,
          sentence,
          dateRange: [m.index, m.index + m[0].length] as [number, number],
        };
        if (g[0] && g[1] && g[2]) {
          const year = Number(g[2]);
          events.push({
            ...base,
            from: year,
            to: year,
            when: m[0].replace(/\s+/g, " "),
            monthDay: monthDay(g[0], g[1]),
          });
        } else if (g[3] && g[4] && g[5]) {
          const year = Number(g[5]);
          events.push({
            ...base,
            from: year,
            to: year,
            when: m[0].replace(/\s+/g, " "),
            monthDay: monthDay(g[4], g[3]),
          });
        } else if (g[6] && g[7]) {
          const [from, to] = [Number(g[6]), Number(g[7])].sort((a, b) => a - b) as [number, number];
          events.push({ ...base, from, to, when: `${from}-${to}`, monthDay: 0 });
        } else if (g[8]) {
          events.push({ ...base, from: Number(g[8]), to: Number(g[8]), when: g[8], monthDay: 0 });
        } else if (g[9] && articleDate) {
          const unit = g[9].toLowerCase();
          events.push({
            ...base,
            from: articleYear,
            to: articleYear,
            when: unit === "year" ? String(articleYear) : monthYear(articleDate),
            monthDay: unit === "year" ? 1231 : articleMonthDay,
          });
        }
      }
    }
  }
  return events.sort((a, b) => a.from - b.from || a.monthDay - b.monthDay || a.to - b.to || a.position - b.position);
}

function monthDay(month: string, day: string): number {
  return (MONTHS.indexOf(month.toLowerCase()) + 1) * 100 + Number(day);
}

/** "2018-04-27" -> "April 2018", without Intl: its locale data slows start-up (docs/design.md). */
function monthYear(isoDate: string): string {
  const month = MONTHS[Number(isoDate.slice(5, 7)) - 1] ?? "";
  return `${month.charAt(0).toUpperCase()}${month.slice(1)} ${isoDate.slice(0, 4)}`;
}

/** "2018-04-27" -> "April 27, 2018". */
export function longDate(isoDate: string): string {
  const [month, year] = monthYear(isoDate).split(" ");
  return `${month} ${Number(isoDate.slice(8, 10))}, ${year}`;
}

/**
 * A full stop ends a sentence only when a space and a capital follow, and not after an initial ("John
 * F. Kennedy"), a title ("Dr."), a dotted abbreviation ("U.S.", "p.m.") or "St.".
 */
const SENTENCE_END =
  /(?<!\b(?:[A-Z]|[A-Za-z]\.[A-Za-z]|Dr|Mr|Mrs|Ms|St|Mt|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|No|vs|etc)\.)(?<=[.!?])\s+(?=[A-Z"“])/;

export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads the years a history query asks about: "1950", "1948-1953", "1910 to 1948", "between 1945 and
 * 1950", "1940s". Returns the span and the query's remaining words.
 */
export function parseYearQuery(
  text: string,
  century: (decade: number) => number = centuryFrom([]),
): { span?: YearSpan; words: string } {
  const query = writeNumbersAsDigits(text, century);
  const patterns: Array<[RegExp, (m: RegExpMatchArray) => YearSpan]> = [
    [
      /\b(?:from\s+|between\s+)?(\d{4})\s*(?:-|–|—|to|until|till|through|and)\s*(\d{4})\b/i,
      (m) => orderedSpan(Number(m[1]), Number(m[2])),
    ],
    [/\b(?:the\s+)?(\d{2})00['’]?s\b/i, (m) => ({ from: Number(m[1]) * 100, to: Number(m[1]) * 100 + 99 })],
    [/\b(?:the\s+)?(\d{3})0['’]?s\b/i, (m) => ({ from: Number(m[1]) * 10, to: Number(m[1]) * 10 + 9 })],
    [/\b(\d{4})\b/, (m) => ({ from: Number(m[1]), to: Number(m[1]) })],
  ];
  for (const [pattern, toSpan] of patterns) {
    const m = query.match(pattern);
    if (m) return { span: toSpan(m), words: query.replace(pattern, " ").trim() };
  }
  return { words: query.trim() };
}

function orderedSpan(a: number, b: number): YearSpan {
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/**
 * How well an event fits the asked years: an event that starts in the asked span fits best, one that
 * merely overlaps it (a war still going on) less, one outside it not at all.
 */
export function spanFit(event: TimelineEvent, span: YearSpan): number {
  if (event.to < span.from || event.from > span.to) return 0;
  const starts = event.from >= span.from && event.from <= span.to;
  const inside = starts && event.to <= span.to;
  return inside ? 1 : starts ? 0.8 : 0.6;
}
