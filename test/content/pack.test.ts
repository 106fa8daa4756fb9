import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, type ContentProblem } from "../../src/content/pack.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import { BUNDLED_PACK, packCopy } from "../support/packs.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function problemsOf(edit: Parameters<typeof packCopy>[0]): Promise<ContentProblem[]> {
  const { dir, cleanup } = await packCopy(edit);
  cleanups.push(cleanup);
  const error = await loadArticlePack(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems;
}

// A 1x1 transparent PNG.
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe("the bundled pack", () => {
  it("holds the article's metadata, 10 paragraphs and 8 slides, each with a picture", async () => {
    const pack = await loadArticlePack(BUNDLED_PACK);
    expect(pack.meta).toMatchObject({
      title: "In Pictures: Kim Jong Un Meets Moon Jae-in for Korean Peace Talks",
      publisher: "Newsweek",
      sourceUrl: "https://www.newsweek.com/pictures-kim-jong-un-meets-moon-jae-korean-peace-talks-903974",
      date: "2018-04-27",
    });
    expect(pack.paragraphs.map((p) => p.id)).toEqual(["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"]);
    expect(pack.paragraphs[5]?.text).toMatch(/^From 1910 to 1945/);
    expect(pack.slides.map((s) => [s.id, s.number])).toEqual(Array.from({ length: 8 }, (_, i) => [`s${i + 1}`, i + 1]));
    expect(pack.slides[4]).toMatchObject({ title: "the border", credit: "Korea Summit Press Pool/Pool via Reuters" });
    for (const slide of pack.slides) {
      expect(slide.picture).toMatchObject({
        kind: "card",
        fileName: `slide-${slide.number}.png`,
        contentType: "image/png",
      });
    }
  });
});

describe("a broken pack never half-loads", () => {
  it("names a missing caption", async () => {
    expect(await problemsOf(({ slides }) => void delete slides.slides[2].caption)).toContainEqual({
      file: "slides.yaml",
      field: expect.stringMatching(/^slide s3 \(line \d+\), caption$/),
      message: "is missing",
    });
  });

  it("names a duplicate slide number", async () => {
    const problems = await problemsOf(({ slides }) => void (slides.slides[3].number = 3));
    expect(problems).toContainEqual({
      file: "slides.yaml",
      field: expect.stringMatching(/^slide s4 \(line \d+\), number$/),
      message: expect.stringContaining("duplicate slide number 3"),
    });
  });

  it("refuses image paths outside the pack: ../, absolute, and symlinks out", async () => {
    const problems = await problemsOf(async ({ slides }, dir) => {
      slides.slides[0].image = { file: "../../etc/passwd.png", alt: "x" };
      slides.slides[1].image = { file: "/etc/hostname.png", alt: "x" };
      await symlink("/etc/hostname", path.join(dir, "escape.png"));
      slides.slides[2].image = { file: "escape.png", alt: "x" };
    });
    expect(problems.map((p) => p.field.replace(/ \(line \d+\)/, ""))).toEqual(
      expect.arrayContaining(["slide s1, image.file", "slide s2, image.file", "slide s3, image.file"]),
    );
    expect(problems.find((p) => p.field.startsWith("slide s3 "))?.message).toContain("outside the pack");
  });

  it("names an empty paragraph and wrong types", async () => {
    const problems = await problemsOf(({ article, slides }) => {
      article.paragraphs[4].text = "   ";
      slides.slides[0].title = 42;
      slides.slides[1].number = "two";
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          file: "article.yaml",
          field: expect.stringMatching(/^paragraph p5 \(line \d+\), text$/),
          message: "must not be empty",
        },
        {
          file: "slides.yaml",
          field: expect.stringMatching(/^slide s1 \(line \d+\), title$/),
          message: "must be text",
        },
        {
          file: "slides.yaml",
          field: expect.stringMatching(/^slide s2 \(line \d+\), number$/),
          message: "must be a whole number",
        },
      ]),
    );
  });

  it("lists every problem of every file at once, including unknown keys", async () => {
    const problems = await problemsOf(({ article, slides }) => {
      article.sourceUrl = "http://insecure.example";
      slides.slides[0].captoin = "typo";
    });
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(
      expect.arrayContaining(["article.yaml sourceUrl", expect.stringMatching(/^slides.yaml slide s1 \(line \d+\)$/)]),
    );
  });

  it("reports invalid YAML with its line and a missing file", async () => {
    const { dir, cleanup } = await packCopy();
    cleanups.push(cleanup);
    await writeFile(path.join(dir, "slides.yaml"), "slides:\n  - id: s1\n   number: [\n");
    await rm(path.join(dir, "article.yaml"));
    const error = (await loadArticlePack(dir).catch((e: unknown) => e)) as ContentError;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { file: "article.yaml", field: "", message: "file not found" },
        expect.objectContaining({ file: "slides.yaml", field: expect.stringMatching(/^line \d+$/) }),
      ]),
    );
    expect(error.message).toContain("slides.yaml: line");
  });

  it("rejects a file that only claims to be an image", async () => {
    const problems = await problemsOf(async ({ slides }, dir) => {
      await writeFile(path.join(dir, "fake.png"), "not a png");
      slides.slides[0].image = { file: "fake.png", alt: "x" };
    });
    expect(problems).toContainEqual({
      file: "slides.yaml",
      field: expect.stringMatching(/^slide s1 \(line \d+\), image.file$/),
      message: '"fake.png" is not a valid PNG image',
    });
  });
});

describe("what Discord and the bot can take", () => {
  it("refuses links Discord rejects in an embed: spaces, backslashes, non-ASCII hosts, over 2,048 characters", async () => {
    const problems = await problemsOf(({ article, slides }) => {
      article.sourceUrl = "https://example.com/a page";
      slides.slides[0].image = { url: "https://example.com\\photo.jpg", alt: "x" };
      slides.slides[1].image = { url: "https://exämple.com/photo.jpg", alt: "x" };
      slides.slides[2].image = { url: `https://example.com/${"x".repeat(2048)}.jpg`, alt: "x" };
    });
    expect(problems.map((p) => `${p.file} ${p.field.replace(/ \(line \d+\)/, "")}`)).toEqual(
      expect.arrayContaining([
        "article.yaml sourceUrl",
        "slides.yaml slide s1, image.url",
        "slides.yaml slide s2, image.url",
        "slides.yaml slide s3, image.url",
      ]),
    );
  });

  it("refuses more slides than the slideshow's menu shows", async () => {
    const problems = await problemsOf(({ slides }) => {
      slides.slides = Array.from({ length: 26 }, (_, i) => ({
        id: `s${i + 1}`,
        number: i + 1,
        title: `Slide ${i + 1}`,
        caption: "A caption.",
        credit: "A credit",
      }));
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "slides.yaml",
        field: "slides",
        message: expect.stringContaining("at most 25 slides"),
      }),
    );
  });

  it("refuses a synonym list beyond its bounds, aliases counted as expanded", async () => {
    const tooMany = await problemsOf(({ search }) => {
      search.synonyms = Array.from({ length: 501 }, (_, i) => [`word${i}`, `other${i}`]);
    });
    expect(tooMany).toContainEqual(
      expect.objectContaining({ file: "search.yaml", message: "must list at most 500 groups" }),
    );

    const { dir, cleanup } = await packCopy();
    cleanups.push(cleanup);
    // Each level refers to the one before nine times: 9^7 entries from a few hundred bytes.
    const levels = ["a0: &a0 [x, y, z, w, v, u, t, s, r]"];
    for (let i = 1; i <= 7; i++)
      levels.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    await writeFile(path.join(dir, "search.yaml"), `${levels.join("\n")}\nsynonyms: [*a7]\n`);
    const error = (await loadArticlePack(dir).catch((e: unknown) => e)) as ContentError;
    expect(error.problems).toContainEqual({
      file: "search.yaml",
      field: "",
      message: "holds more than 100000 values (YAML aliases count each time they are used)",
    });
  });

  it("refuses text that is not UTF-8, naming the file", async () => {
    const { dir, cleanup } = await packCopy();
    cleanups.push(cleanup);
    const article = await readFile(path.join(dir, "article.yaml"), "utf8");
    await writeFile(
      path.join(dir, "article.yaml"),
      Buffer.from(article.replace("Newsweek", "Newsw\u00e9ek"), "latin1"),
    );
    const error = (await loadArticlePack(dir).catch((e: unknown) => e)) as ContentError;
    expect(error.problems).toEqual([
      { file: "article.yaml", field: "", message: "is not UTF-8 text: save it as UTF-8" },
    ]);
  });
});

describe("photos", () => {
  it("uses a bundled photo instead of the card, and an https URL as it is", async () => {
    const { dir, cleanup } = await packCopy(async ({ slides }, packDir) => {
      await mkdir(path.join(packDir, "images"));
      await writeFile(path.join(packDir, "images", "five.png"), TINY_PNG);
      slides.slides[4].image = { file: "images/five.png", alt: "Moon steps over the line" };
      slides.slides[5].image = { url: "https://cdn.example.com/six.jpg", alt: "The handshake" };
    });
    cleanups.push(cleanup);
    const pack = await loadArticlePack(dir);
    expect(pack.slides[4]?.picture).toMatchObject({
      kind: "file",
      fileName: "slide-5.png",
      contentType: "image/png",
      alt: "Moon steps over the line",
    });
    expect(pack.slides[5]?.picture).toEqual({
      kind: "url",
      url: "https://cdn.example.com/six.jpg",
      alt: "The handshake",
    });
    expect(pack.slides[6]?.picture.kind).toBe("card");
  });
});
