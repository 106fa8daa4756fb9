/**
 * Discord's limits, in one place: every reply path truncates to these, and the engine keeps its
 * autocomplete suggestions within them so any transport can show them as they are.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** All titles, descriptions, fields, footers and author names of a message's embeds together. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  attachmentDescription: 1024,
} as const;

/** Shortens text to `max` characters (code points, so an emoji is never cut in half), ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max && text.length <= max) return text;
  let out = "";
  for (const char of chars) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
