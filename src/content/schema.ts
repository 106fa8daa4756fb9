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

// YAML reads an unquoted 2018-04-27 as a date; accept both spellings.
const isoDate = z
  .union([z.date(), z.string()], { error: "must be a date such as 2018-04-27" })
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.iso.date({ error: "must be a date such as 2018-04-27" }));

export const articleFileSchema = z.strictObject({
  version: z.union([z.string(), z.number()], { error: "must be text" }).transform(String).pipe(text(64)),
  title: text(256),
  publisher: text(100),
  sourceUrl: z.url({ protocol: /^https$/, error: "must be an https URL" }),
  // The article's date; summitDate is its older name, still read.
  date: isoDate.optional(),
  summitDate: isoDate.optional(),
  /** How the text is credited, e.g. "Text © Newsweek, quoted with credit from the original." */
  credit: text(300).optional(),
  summary: text(1000),
  paragraphs: z
    .array(z.strictObject({ id: passageId, topic: text(100), text: text(2000) }), { error: "must be a list" })
    .min(1, { error: "must list at least one paragraph" }),
});

const slideImageSchema = z
  .strictObject({
    file: z.string({ error: "must be a path inside the pack" }).min(1).optional(),
    url: z.url({ protocol: /^https$/, error: "must be an https URL" }).optional(),
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
    .min(1, { error: "must list at least one slide" }),
});

export const searchFileSchema = z.strictObject({
  synonyms: z
    .array(z.array(text(60), { error: "must be a list of words" }).min(2, { error: "needs at least two entries" }), {
      error: "must be a list of groups",
    })
    .default([]),
});

export type ArticleFile = z.infer<typeof articleFileSchema>;
export type SlidesFile = z.infer<typeof slidesFileSchema>;
export type SearchFile = z.infer<typeof searchFileSchema>;
