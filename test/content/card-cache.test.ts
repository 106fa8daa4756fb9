import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadArticlePack } from "../../src/content/read-pack.js";
import type { ArticlePack } from "../../src/content/pack.js";
import { BUNDLED_PACK, packCopy } from "../support/packs.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function emptyCacheDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "summit-cards-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const pngOf = (pack: ArticlePack, index: number) => {
  const picture = pack.slides[index]?.picture;
  return picture && "data" in picture ? picture.data : undefined;
};

describe("the slide card cache", () => {
  it("keeps the cards drawn at the first load and serves them at the next", async () => {
    const cardCacheDir = await emptyCacheDir();
    const first = await loadArticlePack(BUNDLED_PACK, { cardCacheDir });
    const files = (await readdir(cardCacheDir)).sort();
    expect(files).toHaveLength(8);
    expect(files.every((f) => /^[0-9a-f]{32}\.png$/.test(f))).toBe(true);

    // Swap two cached cards: a load that reads the cache shows the swap, one that draws would not.
    const [a, b] = [pngOf(first, 0) as Buffer, pngOf(first, 1) as Buffer];
    const fileOf = async (png: Buffer) => {
      for (const f of files)
        if ((await readFile(path.join(cardCacheDir, f))).equals(png)) return path.join(cardCacheDir, f);
      throw new Error("card not in the cache");
    };
    const [fileA, fileB] = [await fileOf(a), await fileOf(b)];
    await writeFile(fileA, b);
    await writeFile(fileB, a);
    const second = await loadArticlePack(BUNDLED_PACK, { cardCacheDir });
    expect(pngOf(second, 0)?.equals(b)).toBe(true);
    expect(pngOf(second, 1)?.equals(a)).toBe(true);
  });

  it("draws again a cached card that is not a PNG, and replaces it", async () => {
    const cardCacheDir = await emptyCacheDir();
    const first = await loadArticlePack(BUNDLED_PACK, { cardCacheDir });
    const [file] = await readdir(cardCacheDir);
    await writeFile(path.join(cardCacheDir, file as string), "not a png");
    const second = await loadArticlePack(BUNDLED_PACK, { cardCacheDir });
    expect(second.slides.map((_, i) => pngOf(second, i)?.subarray(1, 4).toString())).toEqual(Array(8).fill("PNG"));
    expect(second.slides.every((_, i) => pngOf(second, i)?.equals(pngOf(first, i) as Buffer))).toBe(true);
    expect((await readFile(path.join(cardCacheDir, file as string))).subarray(1, 4).toString()).toBe("PNG");
  });

  it("draws a new card when a slide's text changes, and keeps the others", async () => {
    const cardCacheDir = await emptyCacheDir();
    await loadArticlePack(BUNDLED_PACK, { cardCacheDir });
    const { dir, cleanup } = await packCopy(({ slides }) => {
      slides.slides[2].caption = "A caption edited after the cards were drawn.";
    });
    cleanups.push(cleanup);
    const edited = await loadArticlePack(dir, { cardCacheDir });
    expect(await readdir(cardCacheDir)).toHaveLength(9);
    expect(edited.slides[2]?.picture.alt).toContain("A caption edited after the cards were drawn.");
  });

  it("still loads when the cache folder cannot be created", async () => {
    const blocker = path.join(await emptyCacheDir(), "a-file");
    await writeFile(blocker, "");
    const pack = await loadArticlePack(BUNDLED_PACK, { cardCacheDir: path.join(blocker, "cards") });
    expect(pack.slides.every((_, i) => pngOf(pack, i)?.subarray(1, 4).toString() === "PNG")).toBe(true);
  });
});
