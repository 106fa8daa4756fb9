import Fuse from "fuse.js";
import { DISCORD_LIMITS, truncate } from "../limits.js";
import type { ArticlePack } from "../content/pack.js";
import type { TimelineEvent } from "./timeline.js";

/** An autocomplete suggestion: the label shown while typing and the value the command receives. */
export interface Choice {
  name: string;
  value: string;
}

interface Suggestion extends Choice {
  /** Words to match what is typed against, the label first; lower case, as typed text is matched. */
  keys: { label: string; detail: string };
}

/**
 * Suggestion lists are built once per engine: autocomplete runs on every keystroke and must stay cheap.
 * Matching partial, misspelled input ("kim il", "flgs") is what fuse.js's fuzzy search is for.
 */
export interface Suggester {
  topics: (typed: string) => Choice[];
  history: (typed: string) => Choice[];
  slides: (typed: string) => Choice[];
}

const FUSE_OPTIONS = {
  keys: [
    { name: "keys.label", weight: 2 },
    { name: "keys.detail", weight: 1 },
  ],
  ignoreLocation: true,
  threshold: 0.35,
  // Keys and typed text are lower-cased once, not on every keystroke for every suggestion.
  isCaseSensitive: true,
};

export function createSuggester(pack: ArticlePack, timeline: readonly TimelineEvent[]): Suggester {
  const topics = pack.paragraphs.map((p) => suggestion(p.topic, p.topic, p.text));
  const slides = pack.slides.map((s) =>
    suggestion(
      `${s.number} · ${s.title} — ${s.caption}`,
      String(s.number),
      `${s.caption} ${s.credit}`,
      `${s.number} ${s.title}`,
    ),
  );
  // An event's label already holds its sentence: matching it twice would only cost time.
  const events = timeline.map((e) => suggestion(`${e.when} · ${e.sentence}`, e.when, ""));
  // History also answers event names, so paragraph topics follow the dated events.
  const history = [...events, ...topics];

  const ask = withFuse([
    ...topics,
    ...pack.slides.map((s) => suggestion(`Slide ${s.number}: ${s.title}`, s.title, s.caption)),
  ]);
  const byWhen = withFuse(history);
  const bySlide = withFuse(slides);
  return {
    // The question as typed comes first, so Discord's list never replaces what the user wrote.
    topics: (typed) => unique([...(typed.trim() ? [asChoice(typed.trim(), typed.trim())] : []), ...ask(typed)]),
    history: (typed) => unique(byWhen(typed)),
    slides: (typed) => unique(bySlide(typed)),
  };
}

/** How many recent inputs each list remembers: what people type repeats ("19", "195", "kim"). */
const REMEMBERED_INPUTS = 256;

function withFuse(items: Suggestion[]): (typed: string) => Choice[] {
  const fuse = new Fuse(items, FUSE_OPTIONS);
  const recent = new Map<string, Choice[]>();
  return (typed) => {
    const text = typed.trim().slice(0, 200).toLowerCase();
    let choices = recent.get(text);
    if (choices) recent.delete(text);
    else {
      const found = text ? fuse.search(text, { limit: DISCORD_LIMITS.choices }).map((r) => r.item) : items;
      choices = found.slice(0, DISCORD_LIMITS.choices).map((s) => ({ name: s.name, value: s.value }));
      if (recent.size >= REMEMBERED_INPUTS) recent.delete(recent.keys().next().value as string);
    }
    // Map order is insertion order: re-inserting keeps the least recently used first, to be dropped.
    recent.set(text, choices);
    return choices;
  };
}

/** A suggestion matches on its label, by default the name as shown (what is typed is matched against what is seen). */
function suggestion(name: string, value: string, detail: string, label?: string): Suggestion {
  const choice = asChoice(name, value);
  return { ...choice, keys: { label: (label ?? choice.name).toLowerCase(), detail: detail.toLowerCase() } };
}

function asChoice(name: string, value: string): Choice {
  const clean = (text: string, max: number) => truncate(text.replace(/[\p{Cc}\p{Cs}]/gu, " ").trim() || "…", max);
  return { name: clean(name, DISCORD_LIMITS.choiceName), value: clean(value, DISCORD_LIMITS.choiceValue) };
}

function unique(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  return choices.filter((c) => !seen.has(c.value) && seen.add(c.value)).slice(0, DISCORD_LIMITS.choices);
}
