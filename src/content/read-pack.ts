import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { load as parseYaml, YAMLException } from "js-yaml";
import type * as z from "zod";
import {
  ContentError,
  renderArticlePack,
  type ArticlePack,
  type ContentProblem,
  type LoadOptions,
  type SlidePicture,
  type ValidatedPack,
} from "./pack.js";
import { articleFileSchema, searchFileSchema, slidesFileSchema } from "./schema.js";

export const PACK_FILES = { article: "article.yaml", slides: "slides.yaml", search: "search.yaml" } as const;

const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const IMAGE_TYPES: Array<{ contentType: string; extensions: string[]; magic: (b: Buffer) => boolean }> = [
  {
    contentType: "image/png",
    extensions: [".png"],
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  },
  { contentType: "image/jpeg", extensions: [".jpg", ".jpeg"], magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
  { contentType: "image/gif", extensions: [".gif"], magic: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  {
    contentType: "image/webp",
    extensions: [".webp"],
    magic: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

/** Reads, validates and prepares a pack: `readArticlePack`, then `renderArticlePack`. */
export async function loadArticlePack(dir: string, options: LoadOptions = {}): Promise<ArticlePack> {
  return renderArticlePack(await readArticlePack(dir), options);
}

/**
 * Reads and validates a pack. Every problem in every file is collected before failing, so an editor
 * fixes a broken pack in one pass; a pack with any problem is never returned half-loaded.
 */
export async function readArticlePack(dir: string): Promise<ValidatedPack> {
  const packDir = path.resolve(dir);
  const problems: ContentProblem[] = [];
  const report = (file: string, field: string, message: string) => problems.push({ file, field, message });

  const [articleRead, slidesRead, searchRead] = await Promise.all([
    readPackFile(packDir, PACK_FILES.article, articleFileSchema, report),
    readPackFile(packDir, PACK_FILES.slides, slidesFileSchema, report),
    readPackFile(packDir, PACK_FILES.search, searchFileSchema, report, { synonyms: [] }),
  ]);
  const [article, slidesFile, search] = [articleRead?.value, slidesRead?.value, searchRead?.value];
  const paragraphName = (i: number, field?: string) =>
    articleRead?.describe(["paragraphs", i, ...(field ? [field] : [])]) ?? "";
  const slideName = (i: number, field?: string) => slidesRead?.describe(["slides", i, ...(field ? [field] : [])]) ?? "";

  const seenIds = new Map<string, string>();
  const claimId = (id: string, file: string, field: string) => {
    const owner = seenIds.get(id);
    if (owner) report(file, field, `duplicate id "${id}" (already used by ${owner})`);
    else seenIds.set(id, `${file} ${field}`);
  };
  article?.paragraphs.forEach((p, i) => claimId(p.id, PACK_FILES.article, paragraphName(i, "id")));

  const slides: ValidatedPack["slides"] = [];
  if (slidesFile) {
    const numbers = new Map<number, number>();
    for (const [i, s] of slidesFile.slides.entries()) {
      claimId(s.id, PACK_FILES.slides, slideName(i, "id"));
      const first = numbers.get(s.number);
      if (first !== undefined)
        report(
          PACK_FILES.slides,
          slideName(i, "number"),
          `duplicate slide number ${s.number} (also ${slideName(first)})`,
        );
      else numbers.set(s.number, i);
    }
    slidesFile.slides.forEach((s, i) => {
      if (numbers.get(s.number) === i && s.number > slidesFile.slides.length) {
        report(
          PACK_FILES.slides,
          slideName(i, "number"),
          `must be between 1 and ${slidesFile.slides.length}, the number of slides`,
        );
      }
    });
    const sorted = [...slidesFile.slides].sort((a, b) => a.number - b.number);
    const photos = await Promise.all(
      sorted.map(async (s): Promise<SlidePicture | undefined> => {
        if (!s.image) return undefined;
        if (s.image.url) return { kind: "url", url: s.image.url, alt: s.image.alt };
        const field = slideName(slidesFile.slides.indexOf(s), "image.file");
        const file = await readPackImage(packDir, s.image.file ?? "", (message) =>
          report(PACK_FILES.slides, field, message),
        );
        return file && { kind: "file", ...file, fileName: `slide-${s.number}${file.extension}`, alt: s.image.alt };
      }),
    );
    sorted.forEach((s, i) => {
      const picture = photos[i];
      slides.push({
        slide: { id: s.id, number: s.number, title: s.title, caption: s.caption, credit: s.credit },
        ...(picture ? { picture } : {}),
      });
    });
  }

  if (problems.length > 0 || !article || !slidesFile || !search) throw new ContentError(packDir, problems);
  const pack = {
    dir: packDir,
    version: article.version,
    meta: {
      title: article.title,
      publisher: article.publisher,
      sourceUrl: article.sourceUrl,
      ...(article.date || article.summitDate ? { date: article.date ?? article.summitDate } : {}),
      ...(article.credit ? { credit: article.credit } : {}),
      summary: article.summary,
    },
    paragraphs: article.paragraphs.map((p, i) => ({ ...p, position: i + 1 })),
    synonyms: search.synonyms,
  };
  return { pack, slides };
}

async function readPackFile<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  report: (file: string, field: string, message: string) => void,
  whenMissing?: z.input<S>,
): Promise<{ value: z.output<S>; describe: (parts: readonly PropertyKey[]) => string } | undefined> {
  let source: string;
  try {
    source = UTF8.decode(await readFile(path.join(dir, file)));
  } catch (error) {
    if (error instanceof TypeError) {
      report(file, "", "is not UTF-8 text: save it as UTF-8");
      return undefined;
    }
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (missing && whenMissing !== undefined) return { value: schema.parse(whenMissing), describe: formatPath };
    report(file, "", missing ? "file not found" : `cannot be read (${(error as Error).message})`);
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(source, { filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    report(file, `line ${error.mark.line + 1}`, `is not valid YAML (${error.reason})`);
    return undefined;
  }
  if (!withinSize(data, MAX_VALUES)) {
    report(file, "", `holds more than ${MAX_VALUES} values (YAML aliases count each time they are used)`);
    return undefined;
  }
  const describe = (parts: readonly PropertyKey[]) => describePath(parts, data, source);
  const result = schema.safeParse(data ?? {});
  if (result.success) return { value: result.data, describe };
  for (const issue of result.error.issues) {
    const missing = issue.code === "invalid_type" && valueAt(data, issue.path) === undefined;
    report(file, describe(issue.path), missing ? "is missing" : issue.message);
  }
  return undefined;
}

// Fatal: a Latin-1 file would otherwise show replacement characters on Discord.
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** What a pack file may hold in all, counted as parsed: bounds the work an alias bomb can make. */
const MAX_VALUES = 100_000;

function withinSize(value: unknown, limit: number): boolean {
  let budget = limit;
  const walk = (v: unknown): boolean => {
    if (--budget < 0) return false;
    if (Array.isArray(v)) return v.every(walk);
    if (v && typeof v === "object" && !(v instanceof Date)) return Object.values(v).every(walk);
    return true;
  };
  return walk(value);
}

function valueAt(data: unknown, parts: readonly PropertyKey[]): unknown {
  return parts.reduce<unknown>(
    (v, part) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[part] : undefined),
    data,
  );
}

/** Names a list item as an editor finds it: `slide s5 (line 23), credit` rather than `slides[4].credit`. */
const ITEM_NAMES: Record<string, string> = { slides: "slide", paragraphs: "paragraph" };

function describePath(parts: readonly PropertyKey[], data: unknown, source: string): string {
  const [list, index, ...rest] = parts;
  const item = typeof list === "string" ? ITEM_NAMES[list] : undefined;
  if (!item || typeof index !== "number") return formatPath(parts);
  const id = (valueAt(data, [list as string, index, "id"]) as unknown) ?? undefined;
  const line = itemLines(source, list as string)[index];
  const name = `${item} ${typeof id === "string" ? id : index + 1}${line ? ` (line ${line})` : ""}`;
  return rest.length > 0 ? `${name}, ${formatPath(rest)}` : name;
}

function formatPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}

/** The line (1-based) where each item of a top-level list starts, read from the YAML as written. */
function itemLines(source: string, key: string): number[] {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
  const found: number[] = [];
  let indent: number | undefined;
  for (let i = start + 1; start >= 0 && i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\S/.test(line) && !line.startsWith("#") && !line.startsWith("-")) break;
    const item = /^(\s*)- /.exec(line);
    if (item && (indent === undefined || item[1]?.length === indent)) {
      indent = item[1]?.length;
      found.push(i + 1);
    }
  }
  return found;
}

/** Loads a slide photo that must stay inside the pack folder, symlinks included. */
async function readPackImage(
  packDir: string,
  relative: string,
  fail: (message: string) => void,
): Promise<{ data: Buffer; contentType: string; extension: string } | undefined> {
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes("..")) {
    fail(`"${relative}" must be a relative path inside the pack folder`);
    return undefined;
  }
  const extension = path.extname(relative).toLowerCase();
  const type = IMAGE_TYPES.find((t) => t.extensions.includes(extension));
  if (!type) {
    fail(`"${relative}" must be a .png, .jpg, .gif or .webp image`);
    return undefined;
  }
  let resolved: string;
  try {
    resolved = await realpath(path.join(packDir, relative));
  } catch {
    fail(`"${relative}" does not exist in the pack folder`);
    return undefined;
  }
  const realPackDir = await realpath(packDir);
  if (!resolved.startsWith(realPackDir + path.sep)) {
    fail(`"${relative}" points outside the pack folder`);
    return undefined;
  }
  const info = await stat(resolved);
  if (!info.isFile() || info.size > MAX_IMAGE_BYTES) {
    fail(`"${relative}" must be an image file of at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
    return undefined;
  }
  const data = await readFile(resolved);
  if (!type.magic(data)) {
    fail(`"${relative}" is not a valid ${extension.slice(1).toUpperCase()} image`);
    return undefined;
  }
  return { data, contentType: type.contentType, extension: extension === ".jpeg" ? ".jpg" : extension };
}
