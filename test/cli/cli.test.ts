import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { packCopy } from "../support/packs.js";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/** The CLI as a user runs it; resolves with exit code and output whatever the code. */
async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ["src/cli/main.ts", ...args], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the CLI", { timeout: 60_000 }, () => {
  it("answers history, ask and photo as a person reads them", async () => {
    const history = await cli(["history", "1950"]);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain("1950: A war broke out in 1950");
    const photo = await cli(["photo", "5"]);
    expect(photo.stdout).toContain("History is made as President Moon Jae-in steps across the border");
    expect(photo.stdout).toContain("Credit: Korea Summit Press Pool/Pool via Reuters");
  });

  it("prints one JSON object with --json, also when the article has no answer (exit 0)", async () => {
    const { code, stdout } = await cli(["--json", "ask", "How many people died in the Korean War?"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      command: "ask",
      query: "How many people died in the Korean War?",
      answered: false,
      reply: { answered: false },
    });
    expect(Array.isArray(result.matches)).toBe(true);
  });

  it("answers words without a command as a question", async () => {
    const { code, stdout } = await cli(["who", "invaded", "the", "south", "in", "1950?"]);
    expect(code).toBe(0);
    expect(stdout).toContain("A war broke out in 1950");
  });

  it("lists every command it runs with an example in --help and help, in terminal syntax", async () => {
    const usage = await cli(["--help"]);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toContain("e.g. history 1950");
    const help = await cli(["help"]);
    expect(help.stdout).toContain(
      "history: The article's timeline: a year, a range, a decade or an event. Example: history 1950",
    );
    for (const output of [usage.stdout, help.stdout]) {
      expect(output).not.toContain("/history");
      expect(output).not.toMatch(/^\s*(gallery|reload)\b/m);
    }
  });

  it("saves the slide's picture with --out and prints where", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "summit-out-"));
    try {
      const { stdout } = await cli(["photo", "5", "--out", dir]);
      const saved = path.join(dir, "slide-5.png");
      expect(stdout).toContain(`Picture: ${saved}`);
      expect((await readFile(saved)).subarray(1, 4).toString()).toBe("PNG");
      expect((await cli(["photo", "5"])).stdout).toContain("Picture: slide-5.png (save it with --out DIR)");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with one line for a missing question or a command that acts on Discord", async () => {
    for (const args of [["ask"], [], ["gallery", "post"]]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    }
  });

  it("answers a batch line by line, with an error in place of a bad line", async () => {
    const file = path.join(tmpdir(), `batch-${process.pid}.jsonl`);
    await writeFile(
      file,
      [
        '{"command":"history","query":"1948"}',
        "not json",
        '{"kind":"ask","question":"who won the korean war tho","id":"x"}',
        '{"command":"dance","query":"x"}',
        "",
      ].join("\n"),
    );
    const { code, stdout } = await cli(["--batch", file, "--json"]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ command: "history", answered: true, matches: [{ id: "p8" }] });
    expect(lines[1]).toEqual({ error: expect.stringContaining("not JSON") });
    expect(lines[2]).toMatchObject({ command: "ask", answered: true });
    expect(lines[2].matches[0].id).toBe("p9");
    expect(lines[3]).toEqual({ error: expect.stringContaining('Unknown command "dance"') });
  });

  it("exits 2 for an unreadable batch file and 1 for a broken pack, naming file and field", async () => {
    const missing = await cli(["--batch", "/nonexistent/file.jsonl", "--json"]);
    expect(missing.code).toBe(2);
    const { dir, cleanup } = await packCopy(({ slides }) => void delete slides.slides[0].credit);
    try {
      const broken = await cli(["ask", "hello"], { CONTENT_DIR: dir });
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/slides\.yaml: slide s1 \(line \d+\), credit: is missing/);
      const check = await run(TSX, ["src/cli/check-content.ts", dir]).catch((e: { code: number; stderr: string }) => e);
      expect(check).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/slides\.yaml: slide s1 \(line \d+\), credit: is missing/),
      });
    } finally {
      await cleanup();
    }
  });
});
