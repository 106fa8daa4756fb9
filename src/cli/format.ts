import { styleText } from "node:util";
import type { ArticleMeta } from "../content/pack.js";
import { markMatches, type Reply } from "../search/reply.js";

export interface FormatOptions {
  /** Matched words in bold, where the terminal shows styles. */
  styled: boolean;
  /** Where the slide's picture was saved (--out). */
  picture?: string;
}

/** Prints a reply for a person at a terminal. */
export function formatReply(reply: Reply, meta: ArticleMeta, { styled, picture: saved }: FormatOptions): string {
  const bold = (text: string) => (styled ? styleText("bold", text) : text);
  const heading = reply.slide ? `Slide ${reply.slide.number} of ${reply.slide.total} · ${reply.title}` : reply.title;
  const lines: string[] = [bold(heading)];
  if (reply.message) lines.push(reply.message);
  const list = reply.passages.length > 1;
  for (const passage of reply.passages) {
    const text = markMatches(passage, bold);
    lines.push(list ? `• ${passage.when ? `${passage.when}: ` : ""}${text}  (${passage.source})` : text);
  }
  if (reply.slide) {
    const { picture } = reply.slide;
    const where = "url" in picture ? picture.url : (saved ?? `${picture.fileName} (save it with --out DIR)`);
    lines.push(`Credit: ${reply.slide.credit}`, `Picture: ${where}`);
  }
  if (!list && reply.passages[0] && !reply.slide)
    lines.push(`— ${reply.passages[0].source}, "${meta.title}", ${meta.publisher}`);
  if (reply.offers.length > 0) lines.push(...reply.offers.map((o, i) => `${i + 1}. ${o.source}: ${o.text}`));
  if (reply.related.length > 0) {
    lines.push("", "Related:", ...reply.related.map((p) => `• ${p.source}: ${p.text}`));
  }
  if (reply.suggestions.length > 0)
    lines.push("", "The article does cover:", ...reply.suggestions.map((s) => `• ${s}`));
  for (const field of reply.fields) lines.push(`${bold(field.name)}: ${field.value}`);
  return lines.join("\n");
}
