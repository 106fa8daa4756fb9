import { beforeAll, describe, expect, it } from "vitest";
import { loadArticlePack } from "../../src/content/read-pack.js";
import type { ArticlePack } from "../../src/content/pack.js";
import { escapeText, parseSlideControlId, renderReply } from "../../src/discord/render.js";
import { DISCORD_LIMITS } from "../../src/limits.js";
import { emptyReply } from "../../src/search/reply.js";

let pack: ArticlePack;
beforeAll(async () => {
  pack = await loadArticlePack("content/korea-summit");
});

describe("escaping what users typed", () => {
  it("shows mentions, markdown and code fences literally", () => {
    const escaped = escapeText(
      "@everyone @here <@123456789012345678> <@&987654321098765432> **bold** `code` ```fence``` [link](https://x.y) # heading",
    );
    expect(escaped).not.toMatch(/@everyone|@here|<@\d|<@&/);
    expect(escaped).toContain("\\*\\*bold\\*\\*");
    expect(escaped).toContain("\\`\\`\\`fence\\`\\`\\`");
    expect(escaped).toContain("\\[link\\](");
  });
});

describe("rendering replies for Discord", () => {
  it("stays within Discord's limits however long the reply", () => {
    const reply = emptyReply(true, "t".repeat(1000), "m".repeat(10_000));
    reply.passages = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i}`,
      kind: "paragraph" as const,
      source: `Paragraph ${i}`,
      text: "x".repeat(3000),
      highlights: [],
    }));
    reply.related = reply.passages.slice(0, 2);
    reply.fields = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(100), value: "v".repeat(5000) }));
    const embed = renderReply(reply, pack, { userId: "200000000000000001" }).embeds[0];
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.author?.name.length ?? 0) +
      (embed?.footer?.text.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed?.title?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed?.description?.endsWith("…")).toBe(true);
    for (const field of embed?.fields ?? [])
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
  });

  it("attaches a slide's picture under the name its embed shows, with buttons that carry slide, asker and pack version", () => {
    const reply = emptyReply(true, "the border");
    reply.slide = {
      number: 5,
      total: 8,
      title: "the border",
      caption: "c",
      credit: "Korea Summit Press Pool/Pool via Reuters",
      picture: { fileName: "slide-5.png", alt: "alt" },
    };
    const rendered = renderReply(reply, pack, { userId: "200000000000000001" });
    expect(rendered.embeds[0]?.image?.url).toBe("attachment://slide-5.png");
    expect(rendered.files.map((f) => f.name)).toEqual(["slide-5.png"]);
    const ids = rendered.components[0]?.components.map((b) => ("custom_id" in b ? b.custom_id : "")) ?? [];
    expect(ids.map((id) => parseSlideControlId(id)?.slide)).toEqual([4, 6]);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    expect(parseSlideControlId(ids[0] ?? "")?.ownerId).toBe("200000000000000001");
  });

  it("pings nobody unless a user is mentioned, and keeps 'not in the article' private", () => {
    const declined = renderReply(emptyReply(false, "Not in the article"), pack, {
      userId: "1",
      mention: "200000000000000002",
    });
    expect(declined.allowedMentions).toEqual({ parse: [] });
    expect(declined.flags).toBe(64);
    const addressed = renderReply(emptyReply(true, "x"), pack, { userId: "1", mention: "200000000000000002" });
    expect(addressed).toMatchObject({
      content: "<@200000000000000002>",
      allowedMentions: { parse: [], users: ["200000000000000002"] },
    });
    expect(addressed.flags).toBeUndefined();
  });
});
