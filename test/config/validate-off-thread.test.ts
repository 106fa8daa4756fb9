import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { ContentError } from "../../src/content/pack.js";
import { validatePack, validateStartup } from "../../src/config/validate-off-thread.js";
import { BUNDLED_PACK, packCopy } from "../support/packs.js";

const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const BOT_ENV = {
  DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake-gateway.token-for-tests_only",
  DISCORD_APPLICATION_ID: "100000000000000001",
  CONTENT_DIR: BUNDLED_PACK,
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("validation in a worker thread", { timeout: 30_000 }, () => {
  it("hands the bot its configuration, parsed, and the pack in CONTENT_DIR", async () => {
    const { config, validated } = await validateStartup({
      ...BOT_ENV,
      COOLDOWNS: "ask=5",
      SHARD_COUNT: "1",
      SHARD_IDS: "0",
    });
    expect(config).toMatchObject({
      DISCORD_APPLICATION_ID: "100000000000000001",
      COOLDOWNS: { ask: 5 },
      SHARD_IDS: [0],
      SHARD_COUNT: 1,
      LOG_LEVEL: "info",
    });
    expect(validated.pack.paragraphs).toHaveLength(10);
    expect(validated.slides.map((s) => s.slide.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("stops on a bad variable with the one-line ConfigError that names it", async () => {
    const failure = validateStartup({ ...BOT_ENV, DISCORD_TOKEN: "" });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow("Configuration error: DISCORD_TOKEN is required");
  });

  it("reports every problem of a broken pack as a ContentError naming file and field", async () => {
    const { dir, cleanup } = await packCopy(({ article, slides }) => {
      delete article.paragraphs[2].text;
      slides.slides[1].number = 99;
    });
    cleanups.push(cleanup);
    const failure = validatePack(dir);
    await expect(failure).rejects.toBeInstanceOf(ContentError);
    const problems = await failure.catch((error: ContentError) => error.problems);
    expect(problems).toEqual([
      {
        file: "article.yaml",
        field: expect.stringMatching(/^paragraph p3 \(line \d+\), text$/),
        message: expect.any(String),
      },
      {
        file: "slides.yaml",
        field: expect.stringMatching(/^slide s2 \(line \d+\), number$/),
        message: "must be between 1 and 8, the number of slides",
      },
    ]);
  });

  it("returns a bundled photo as a Buffer, ready to send", async () => {
    const { dir, cleanup } = await packCopy(async ({ slides }, packDir) => {
      await mkdir(path.join(packDir, "images"));
      await writeFile(path.join(packDir, "images", "five.png"), TINY_PNG);
      slides.slides[4].image = { file: "images/five.png", alt: "Moon steps over the line" };
    });
    cleanups.push(cleanup);
    const picture = (await validatePack(dir)).slides[4]?.picture;
    expect(picture).toMatchObject({ kind: "file", fileName: "slide-5.png", contentType: "image/png" });
    const data = picture && "data" in picture ? picture.data : undefined;
    expect(Buffer.isBuffer(data)).toBe(true);
    expect(data?.equals(TINY_PNG)).toBe(true);
  });
});
