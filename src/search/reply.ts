import type { Slide } from "../content/pack.js";
import type { Passage, PassageKind } from "./index.js";

/**
 * What a command answers, independent of where it is shown: the CLI prints it, the Discord layer renders
 * it as embeds, files and buttons. Plain data, so `--json` can print it as it is.
 */
export interface Reply {
  /** False when the article does not cover the request or the input was out of range. */
  answered: boolean;
  title: string;
  /** A sentence shown before the passages, e.g. why nothing was found. */
  message?: string;
  /** The answer: the best passage first, or a list (search results, timeline events). */
  passages: ShownPassage[];
  /** Up to two more passages on the same subject. */
  related: ShownPassage[];
  /** A slide whose picture goes with the reply. */
  slide?: ShownSlide;
  /**
   * Passages to choose from when the engine is not sure (then `answered` is false and `message` says so):
   * the transport lets the user pick one to see it.
   */
  offers: OfferedPassage[];
  /** Nearest topics the article does cover, offered when it cannot answer. */
  suggestions: string[];
  /** Named facts such as the article's metadata or the list of commands. */
  fields: Array<{ name: string; value: string }>;
  /** Show the slide with slideshow controls (first, previous, next, last, pick) rather than plain paging. */
  slideshow?: boolean;
  /** Something the transport carries out beyond answering (posting slides, reloading the pack). */
  action?: ReplyAction;
}

export type ReplyAction =
  { kind: "post-gallery"; channelId: string; slides: number[]; intro: boolean } | { kind: "reload" };

export interface ShownPassage {
  id: string;
  kind: PassageKind;
  /** Where it is from, e.g. "Paragraph 9" or "Slide 5: the border". */
  source: string;
  text: string;
  /** Character ranges of `text` that matched the request. */
  highlights: Array<[number, number]>;
  /** For timeline events: when it happened, e.g. "1950-1953" or "July 27, 1953". */
  when?: string;
}

/** A passage offered to choose from: enough to recognize it, shown whole once picked. */
export interface OfferedPassage {
  id: string;
  /** Where it is from, e.g. "Paragraph 9" or "Slide 5: the border". */
  source: string;
  /** Its start, cut at a word: a button label or a list line. */
  text: string;
}

export interface ShownSlide {
  number: number;
  total: number;
  title: string;
  caption: string;
  credit: string;
  /** The photo's https URL, or the name of the attached file (a bundled photo or the slide's card). */
  picture: { url: string; alt: string } | { fileName: string; alt: string };
}

export interface Match {
  id: string;
  /** Relevance, higher is better; only the order is meaningful. */
  score: number;
}

/** A command's result: the reply plus the passages it matched, best first, for tooling and evaluation. */
export interface Answer {
  reply: Reply;
  matches: Match[];
}

export function emptyReply(answered: boolean, title: string, message?: string): Reply {
  const reply: Reply = { answered, title, passages: [], related: [], offers: [], suggestions: [], fields: [] };
  if (message) reply.message = message;
  return reply;
}

export function passageSource(passage: Passage): string {
  return passage.kind === "slide" ? `Slide ${passage.position}: ${passage.topic}` : `Paragraph ${passage.position}`;
}

/** A passage as shown: its own text, or a part of it (a timeline event's sentence) with the event's date. */
export function showPassage(
  passage: Passage,
  highlights: Array<[number, number]> = [],
  event?: { text: string; when: string },
): ShownPassage {
  const shown: ShownPassage = {
    id: passage.id,
    kind: passage.kind,
    source: passageSource(passage),
    text: event?.text ?? passage.text,
    highlights,
  };
  if (event) shown.when = event.when;
  return shown;
}

/** Longest start of an offered passage's text. */
const OFFER_TEXT = 80;

export function offerPassage(passage: Passage): OfferedPassage {
  const text = passage.text.replace(/\s+/g, " ").trim();
  const cut = text.length <= OFFER_TEXT ? text : `${text.slice(0, text.lastIndexOf(" ", OFFER_TEXT - 1))}…`;
  return { id: passage.id, source: passageSource(passage), text: cut };
}

export function showSlide(slide: Slide, total: number): ShownSlide {
  const { picture } = slide;
  return {
    number: slide.number,
    total,
    title: slide.title,
    caption: slide.caption,
    credit: slide.credit,
    picture:
      picture.kind === "url"
        ? { url: picture.url, alt: picture.alt }
        : { fileName: picture.fileName, alt: picture.alt },
  };
}

/** A passage's text with its matched words passed through `mark` and the rest through `plain`. */
export function markMatches(
  passage: ShownPassage,
  mark: (text: string) => string,
  plain: (text: string) => string = (text) => text,
): string {
  let out = "";
  let at = 0;
  for (const [start, end] of [...passage.highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += plain(passage.text.slice(at, start)) + mark(passage.text.slice(start, end));
    at = end;
  }
  return out + plain(passage.text.slice(at));
}
