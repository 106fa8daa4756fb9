import { renderSlideCards } from "./render-cards.js";

// The pack as the bot holds it, and drawing its cards. Reading and validating it (js-yaml, zod) is
// read-pack.ts, which the bot runs off its main thread (see validate-off-thread.ts).

export interface ArticleMeta {
  title: string;
  publisher: string;
  sourceUrl: string;
  /** The article's date (ISO), when the pack gives one. */
  date?: string;
  /** How the text is credited, when the pack says so. */
  credit?: string;
  summary: string;
}

export interface Paragraph {
  id: string;
  /** 1-based position in the article. */
  position: number;
  topic: string;
  text: string;
}

/** What a slide shows: a licensed photo (bundled file or https URL) or, without one, its rendered card. */
export type SlidePicture =
  | { kind: "file" | "card"; fileName: string; contentType: string; data: Buffer; alt: string }
  | { kind: "url"; url: string; alt: string };

export interface Slide {
  id: string;
  number: number;
  title: string;
  caption: string;
  credit: string;
  picture: SlidePicture;
}

export interface ArticlePack {
  dir: string;
  version: string;
  meta: ArticleMeta;
  paragraphs: Paragraph[];
  slides: Slide[];
  synonyms: string[][];
}

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export class ContentError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: ContentProblem[],
  ) {
    super(
      `The content pack in ${dir} is invalid:\n` +
        problems.map((p) => `  ${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n"),
    );
    this.name = "ContentError";
  }
}

/** A pack that passed validation, with its slide cards still to draw. */
export interface ValidatedPack {
  pack: Omit<ArticlePack, "slides">;
  /** In slide order; a slide without a photo has no picture yet. */
  slides: Array<{ slide: Omit<Slide, "picture">; picture?: SlidePicture }>;
}

export interface LoadOptions {
  /** Where drawn slide cards are kept for the next start (see render-cards.ts); none when unset. */
  cardCacheDir?: string;
}

/** Gives every slide without a photo its card (drawn in a short-lived process, or cached; see render-cards.ts). */
export async function renderArticlePack(
  { pack, slides }: ValidatedPack,
  { cardCacheDir }: LoadOptions = {},
): Promise<ArticlePack> {
  const withoutPhoto = slides.filter((s) => !s.picture).map((s) => s.slide);
  const cards = await renderSlideCards(
    withoutPhoto.map((s) => ({
      number: s.number,
      total: slides.length,
      title: s.title,
      caption: s.caption,
      credit: s.credit,
      galleryTitle: pack.meta.title,
    })),
    cardCacheDir,
  );
  return {
    ...pack,
    slides: slides.map(({ slide, picture }) => {
      const card = cards[withoutPhoto.indexOf(slide)];
      return {
        ...slide,
        picture: picture ?? {
          kind: "card",
          fileName: `slide-${slide.number}.png`,
          contentType: "image/png",
          alt: `Slide ${slide.number}: ${slide.title}. ${slide.caption} (${slide.credit})`.slice(0, 1024),
          data: card as Buffer,
        },
      };
    }),
  };
}
