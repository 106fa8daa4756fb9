import { contentEnvSchema, readConfig } from "../src/config/env.js";
import { loadCommandContext } from "../src/cli/run.js";
import { accuracyBy, DEV_BANK, gradeBank, readBank } from "./support/question-bank.js";

/** `npm run eval [BANK.jsonl]`: top-1 accuracy of the engine on a question bank, by command and style. */
const bankFile = process.argv[2] ?? DEV_BANK;
const context = await loadCommandContext(readConfig(contentEnvSchema));
const graded = gradeBank(context, readBank(bankFile));

const percent = ({ correct, total }: { correct: number; total: number }) =>
  `${((100 * correct) / total).toFixed(1)}% (${correct}/${total})`;
for (const [title, key] of [
  ["command", (g: (typeof graded)[number]) => g.kind],
  ["style", (g: (typeof graded)[number]) => g.style],
] as const) {
  console.log(`By ${title}:`);
  for (const [name, group] of [...accuracyBy(graded, key)].sort())
    console.log(`  ${name.padEnd(14)} ${percent(group)}`);
}
const unanswerable = graded.filter((g) => g.expect.none);
console.log(
  `Abstained on ${unanswerable.filter((g) => g.correct).length}/${unanswerable.length} questions the article cannot answer.`,
);
console.log(`Overall top-1: ${percent(accuracyBy(graded, () => "all").get("all") ?? { correct: 0, total: 0 })}`);
const misses = graded.filter((g) => !g.correct);
if (misses.length > 0) {
  console.log("Misses:");
  for (const m of misses)
    console.log(
      `  ${m.id} ${m.kind}/${m.style}: ${JSON.stringify(m.question)} -> ${m.answered ? m.top : "not answered"} (expected ${m.expect.none ? "none" : m.expect.any_of?.join("|")})`,
    );
}
