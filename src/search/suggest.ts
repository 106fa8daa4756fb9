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
  /** Words to match what is typed against; the label first. */
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
};

export function createSuggester(pack: ArticlePack, timeline: readonly TimelineEvent[]): Suggester {
  const topics = pack.paragraphs.map((p) => suggestion(p.topic, p.topic, p.text));
  const slides = pack.slides.map((s) =>
    suggestion(`${s.number} · ${s.title} — ${s.caption}`, String(s.number), `${s.caption} ${s.credit}`, `${s.number} ${s.title}`),
  );
  const events = timeline.map((e) => suggestion(`${e.when} · ${e.sentence}`, e.when, e.sentence));
  // History also answers event names, so paragraph topics follow the dated events.
  const history = [...events, ...topics];

  const ask = withFuse([...topics, ...pack.slides.map((s) => suggestion(`Slide ${s.number}: ${s.title}`, s.title, s.caption))]);
  const byWhen = withFuse(history);
  const bySlide = withFuse(slides);
  return {
    // The question as typed comes first, so Discord's list never replaces what the user wrote.
    topics: (typed) => unique([...(typed.trim() ? [asChoice(typed.trim(), typed.trim())] : []), ...ask(typed)]),
    history: (typed) => unique(byWhen(typed)),
    slides: (typed) => unique(bySlide(typed)),
  };
}

function withFuse(items: Suggestion[]): (typed: string) => Choice[] {
  const fuse = new Fuse(items, FUSE_OPTIONS);
  return (typed) => {
    const text = typed.trim().slice(0, 200);
    const found = text ? fuse.search(text, { limit: DISCORD_LIMITS.choices }).map((r) => r.item) : items;
    return found.slice(0, DISCORD_LIMITS.choices).map((s) => ({ name: s.name, value: s.value }));
  };
}

function suggestion(name: string, value: string, detail: string, label = name): Suggestion {
  return { ...asChoice(name, value), keys: { label, detail } };
}

function asChoice(name: string, value: string): Choice {
  const clean = (text: string, max: number) => truncate(text.replace(/[\p{Cc}\p{Cs}]/gu, " ").trim() || "…", max);
  return { name: clean(name, DISCORD_LIMITS.choiceName), value: clean(value, DISCORD_LIMITS.choiceValue) };
}

function unique(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  return choices.filter((c) => !seen.has(c.value) && seen.add(c.value)).slice(0, DISCORD_LIMITS.choices);
}
