import { commands, type CommandContext } from "../commands/index.js";
import { loadArticlePack } from "../src/content/read-pack.js";
import type { ArticlePack } from "../src/content/pack.js";
import { createSearchEngine } from "../src/search/engine.js";
import { accuracyBy, allBanks, gradeBank, readBank, type Graded } from "./support/question-bank.js";

/**
 * `npm run eval`: every question bank against its pack. For each: confident right answers, the right
 * passage among what is shown (the answer or an offer), and unanswerable questions declined. Only the
 * dev bank lists its misses: the other banks check generalization and are not read to tune the engine.
 */
const percent = ({ correct, total }: { correct: number; total: number }) =>
  `${total ? ((100 * correct) / total).toFixed(1) : "-"}% (${correct}/${total})`;

function report(name: string, graded: readonly Graded[], details: boolean): void {
  const answerable = graded.filter((g) => !g.expect.none);
  const unanswerable = graded.filter((g) => g.expect.none);
  const all = (pass: (g: Graded) => boolean) => accuracyBy(answerable, () => "all", pass).get("all");
  console.log(
    `${name.padEnd(26)} confident ${percent(all((g) => g.correct) ?? { correct: 0, total: 0 }).padEnd(16)}` +
      ` shown ${percent(all((g) => g.shown) ?? { correct: 0, total: 0 }).padEnd(16)}` +
      ` unanswerables declined ${unanswerable.filter((g) => g.correct).length}/${unanswerable.length}`,
  );
  if (!details) return;
  for (const [style, group] of [...accuracyBy(answerable, (g) => `${g.kind}/${g.style}`)].sort())
    console.log(`    ${style.padEnd(20)} ${percent(group)}`);
  for (const m of graded.filter((g) => !g.correct))
    console.log(
      `    miss ${m.id} ${m.kind}/${m.style}: ${JSON.stringify(m.question)} -> ${m.answered ? m.top : `offered [${m.offered.join(",")}]`} (expected ${m.expect.none ? "none" : m.expect.any_of?.join("|")})`,
    );
}

const context = (pack: ArticlePack): CommandContext => ({
  engine: createSearchEngine(pack),
  commands,
  surface: "terminal",
});
const SHOW_ALL = process.argv.includes("--misses");
const packs = new Map<string, ArticlePack>();
for (const { name, bank, pack: dir } of allBanks()) {
  const pack = packs.get(dir) ?? (await loadArticlePack(dir));
  packs.set(dir, pack);
  const questions = readBank(bank);
  report(name, gradeBank(context(pack), questions), name === "dev" || SHOW_ALL);
  // The pack's synonym list is an override: without it, general English must do nearly as well.
  if (name === "dev")
    report("dev, no pack synonyms", gradeBank(context({ ...pack, synonyms: [] }), questions), SHOW_ALL);
}
