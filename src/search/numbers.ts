/** Numbers as people write them in questions: spelled-out years and decades read as digits. */

const UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = [
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
/** "fifties" -> 5, "twenties" -> 2. */
const DECADES = new Map(TENS.flatMap((word, i) => (word ? [[word.replace(/y$/, "ies"), i] as const] : [])));

/** 0-99 from words: "fifty", "sixty one", "sixty-one", "oh five" (as in "nineteen oh five"), "twelve". */
const TWO_DIGITS = `(?:(?:${TENS.slice(2).join("|")})(?:[- ](?:${UNITS.slice(1).join("|")}))?|${TEENS.join("|")}|oh[- ](?:${UNITS.slice(1).join("|")}))`;
const HUNDREDS = `(?:${TEENS.slice(0).join("|")}|twenty)`;
const SPELLED_YEAR = new RegExp(`\\b(${HUNDREDS})[- ](${TWO_DIGITS}|hundreds?)\\b`, "gi");
const THOUSANDS_YEAR = new RegExp(`\\btwo thousand(?:(?: and)? (${TWO_DIGITS}|${UNITS.slice(1).join("|")}))?\\b`, "gi");
const DECADE = new RegExp(`\\b(?:the\\s+)?(?:(${HUNDREDS})[- ])?(${[...DECADES.keys()].join("|")})\\b`, "gi");
const SHORT_DECADE = /\b(?:the\s+)?['’]?([1-9])0['’]?s\b/gi;

function twoDigits(words: string): number {
  const parts = words.toLowerCase().split(/[- ]/);
  if (parts[0] === "oh") return UNITS.indexOf(parts[1] ?? "");
  if (UNITS.includes(parts[0] ?? "")) return UNITS.indexOf(parts[0] ?? "");
  const teen = TEENS.indexOf(parts[0] ?? "");
  if (teen >= 0) return 10 + teen;
  const units = UNITS.indexOf(parts[1] ?? "");
  return TENS.indexOf(parts[0] ?? "") * 10 + Math.max(0, units);
}

function hundreds(word: string): number {
  const w = word.toLowerCase();
  return w === "twenty" ? 20 : 10 + TEENS.indexOf(w);
}

/**
 * Rewrites spelled-out years and decades as digits: "nineteen fifty" -> "1950", "two thousand four" ->
 * "2004", "the fifties" and "the '50s" -> "1950s". A decade without its century takes `century(decade)`.
 */
export function writeNumbersAsDigits(text: string, century: (decade: number) => number): string {
  return text
    .replace(SPELLED_YEAR, (_, first: string, rest: string) =>
      rest.toLowerCase() === "hundreds"
        ? `${hundreds(first) * 100}s`
        : String(hundreds(first) * 100 + (rest.toLowerCase() === "hundred" ? 0 : twoDigits(rest))),
    )
    .replace(THOUSANDS_YEAR, (_, rest?: string) => String(2000 + (rest ? twoDigits(rest) : 0)))
    .replace(DECADE, (_, first: string | undefined, decade: string) => {
      const tens = DECADES.get(decade.toLowerCase()) ?? 0;
      return `${first ? hundreds(first) * 100 + tens * 10 : century(tens) + tens * 10}s`;
    })
    .replace(SHORT_DECADE, (_, tens: string) => `${century(Number(tens)) + Number(tens) * 10}s`);
}

/**
 * The century a decade named without one most likely means in an article: the one whose decade holds the
 * most of its years, else the twentieth.
 */
export function centuryFrom(years: readonly number[]): (decade: number) => number {
  return (decade) => {
    const counts = new Map<number, number>();
    for (const year of years) {
      if (Math.floor((year % 100) / 10) === decade)
        counts.set(year - (year % 100), (counts.get(year - (year % 100)) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1900;
  };
}
