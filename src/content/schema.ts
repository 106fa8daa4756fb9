import * as z from "zod";
import "./zod-setup.js";

/** The three hand-edited files of an article pack, one zod schema each. */

const text = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` });

const passageId = z.string({ error: "must be text" }).regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: "must be a short lowercase id such as p1 or s1",
});

/**
 * A link as Discord accepts it in an embed: https, at most 2,048 characters, printable ASCII with no
 * spaces or backslashes (a non-ASCII host goes in its punycode form, xn--...).
 */
const discordUrl = z
  .string({ error: "must be an https URL" })
  .max(2048, { error: "must be at most 2048 characters" })
  .regex(/^https:\/\/[\x21-\x5b\x5d-\x7e]+$/, {
    error: "must be an https URL of plain ASCII without spaces or backslashes (a non-ASCII host as xn--...)",
  })
  .pipe(z.url({ protocol: /^https$/, error: "must be an https URL" }));

/** What a pack may hold: the slideshow's menu shows 25 slides; the rest keeps loading fast. */
export const PACK_LIMITS = { paragraphs: 200, slides: 25, synonymGroups: 500, groupEntries: 50, synonymEntries: 5000 };

// YAML reads an unquoted 2018-04-27 as a date; accept both spellings.
const isoDate = z
  .union([z.date(), z.string()], { error: "must be a date such as 2018-04-27" })
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.iso.date({ error: "must be a date such as 2018-04-27" }));

export const articleFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()], { error: "must be text" }).transform(String).pipe(text(64)),
  title: text(256),
  publisher: text(100),
  sourceUrl: discordUrl,
  // The article's date; summitDate is its older name, still read.
  date: isoDate.optional(),
  summitDate: isoDate.optional(),
  /** How the text is credited, e.g. "Text © Newsweek, quoted with credit from the original." */
  credit: text(300).optional(),
  summary: text(1000),
  paragraphs: z
    .array(z.strictObject({ id: passageId, topic: text(100), text: text(2000) }), { error: "must be a list" })
    .min(1, { error: "must list at least one paragraph" })
    .max(PACK_LIMITS.paragraphs, { error: `must list at most ${PACK_LIMITS.paragraphs} paragraphs` }),
});

const slideImageSchema = z
  .strictObject({
    file: z.string({ error: "must be a path inside the pack" }).min(1).optional(),
    url: discordUrl.optional(),
    alt: text(1024),
  })
  .refine((image) => (image.file === undefined) !== (image.url === undefined), {
    error: "needs exactly one of file or url",
  });

export const slidesFileSchema = z.strictObject({
  slides: z
    .array(
      z.strictObject({
        id: passageId,
        number: z.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(1),
        title: text(100),
        caption: text(1000),
        credit: text(200),
        image: slideImageSchema.optional(),
      }),
      { error: "must be a list" },
    )
    .min(1, { error: "must list at least one slide" })
    .max(PACK_LIMITS.slides, {
      error: `must list at most ${PACK_LIMITS.slides} slides (what the slideshow's menu can show)`,
    }),
});

export const searchFileSchema = z.strictObject({
  synonyms: z
    .array(
      z
        .array(text(60), { error: "must be a list of words" })
        .min(2, { error: "needs at least two entries" })
        .max(PACK_LIMITS.groupEntries, { error: `must have at most ${PACK_LIMITS.groupEntries} entries` }),
      { error: "must be a list of groups" },
    )
    .max(PACK_LIMITS.synonymGroups, { error: `must list at most ${PACK_LIMITS.synonymGroups} groups` })
    .refine((groups) => groups.flat().length <= PACK_LIMITS.synonymEntries, {
      error: `must have at most ${PACK_LIMITS.synonymEntries} entries in all`,
    })
    .default([]),
});

export type ArticleFile = z.infer<typeof articleFileSchema>;
export type SlidesFile = z.infer<typeof slidesFileSchema>;
export type SearchFile = z.infer<typeof searchFileSchema>;
