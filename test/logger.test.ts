import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

describe("the logger", () => {
  it("never writes the bot token or an interaction token, wherever it appears", () => {
    const lines: string[] = [];
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.part-of-the-token";
    const logger = createLogger({
      level: "info",
      pretty: false,
      secrets: [token],
      destination: { write: (l: string) => void lines.push(l) },
    });
    logger.info({ token, headers: { authorization: `Bot ${token}` } }, `logging in with ${token}`);
    logger.error(
      { err: new Error("404 on /api/v10/webhooks/100000000000000001/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original") },
      "failed",
    );
    logger.warn({ url: "http://x/api/v10/interactions/123456789012345678/aW50ZXJhY3Rpb246c2VjcmV0/callback" }, "retry");
    logger.info(
      {
        interaction: {
          id: "1",
          token: 'interaction-secret "quoted\\" end',
          nested: { Authorization: "Bot another-secret" },
        },
      },
      "deep",
    );
    const all = lines.join("");
    expect(all).not.toContain("secret");
    expect(all).toContain("[redacted]");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[3] as string).interaction).toEqual({
      id: "1",
      token: "[redacted]",
      nested: { Authorization: "[redacted]" },
    });
  });

  it("caps an error's text and leaves out the objects it carries, cause included", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      pretty: false,
      destination: { write: (l: string) => void lines.push(l) },
    });
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", port: 9 });
    const error = Object.assign(new Error("x".repeat(100_000), { cause }), {
      detail: "y".repeat(100_000),
      requestBody: { files: [{ data: Buffer.alloc(10_000) }] },
    });
    logger.error({ err: error }, "failed");
    expect(lines[0]?.length).toBeLessThan(10_000);
    const { err } = JSON.parse(lines[0] as string);
    expect(err.message).toMatch(/^x{2000}… \(98000 more characters\)$/);
    expect(err.detail).toHaveLength(2000 + "… (98000 more characters)".length);
    expect(err.requestBody).toBeUndefined();
    expect(err.cause).toMatchObject({ type: "Error", code: "ECONNREFUSED", port: 9 });
  });

  it("writes every line whole, in order, in batches to a file descriptor, and flushes on request", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "summit-log-"));
    const file = path.join(dir, "bot.log");
    const fd = openSync(file, "w");
    const logger = createLogger({
      level: "info",
      pretty: false,
      secrets: ["MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.part-of-the-token"],
      destination: fd,
    });
    const questions = Array.from(
      { length: 300 },
      (_, i) => `question ${i}: 한국 전쟁 🕊️ "quoted" \\ MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.part-of-the-token`,
    );
    for (const question of questions) logger.info({ question }, "interaction handled");
    await new Promise<void>((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    expect(lines.map((line) => JSON.parse(line).question)).toEqual(
      questions.map((q) => q.replace("MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.part-of-the-token", "[redacted]")),
    );
  });
});
