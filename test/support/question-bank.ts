import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { CommandContext } from "../../commands/index.js";
import { runBatchLine } from "../../src/cli/run.js";

export interface BankQuestion {
  id: string;
  question: string;
  kind: string;
  style: string;
  expect: { any_of?: string[]; none?: boolean };
}

export interface Graded extends BankQuestion {
  /** A confident right answer, or for a question the article cannot answer, neither an answer nor offers. */
  correct: boolean;
  /** The right passage is in what the user sees: the confident answer or one of the offers. */
  shown: boolean;
  top?: string;
  answered: boolean;
  offered: string[];
}

export const DEV_BANK = new URL("../fixtures/dev-questions.jsonl", import.meta.url);
export const UNANSWERABLE_BANK = new URL("../fixtures/unanswerable-questions.jsonl", import.meta.url);
export const BUNDLED_PACK = "content/korea-summit";
const FIXTURE_PACKS = new URL("../fixtures/packs/", import.meta.url);

/** Every bank with the pack it asks about: ours (dev, unanswerables) and each fixture pack's own. */
export function allBanks(): Array<{ name: string; bank: URL; pack: string }> {
  const banks = [{ name: "dev", bank: DEV_BANK, pack: BUNDLED_PACK }];
  if (existsSync(UNANSWERABLE_BANK)) banks.push({ name: "unanswerable", bank: UNANSWERABLE_BANK, pack: BUNDLED_PACK });
  const slugs = existsSync(FIXTURE_PACKS) ? readdirSync(FIXTURE_PACKS).sort() : [];
  for (const slug of slugs) {
    const bank = new URL(`${slug}/questions.jsonl`, FIXTURE_PACKS);
    if (existsSync(bank)) banks.push({ name: slug, bank, pack: new URL(`${slug}/`, FIXTURE_PACKS).pathname });
  }
  return banks;
}

export function readBank(file: URL | string): BankQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BankQuestion);
}

/** Grading through the CLI's batch path, as `--json` reports it: the answer, the offers, the best match. */
export function gradeBank(context: CommandContext, bank: readonly BankQuestion[]): Graded[] {
  return bank.map((q) => {
    const result = runBatchLine(context, JSON.stringify(q)) as {
      answered?: boolean;
      offered?: string[];
      matches?: Array<{ id: string }>;
      error?: string;
    };
    const answered = result.answered === true;
    const offered = result.offered ?? [];
    const top = result.matches?.[0]?.id;
    const expected = (id: string | undefined) => id !== undefined && (q.expect.any_of ?? []).includes(id);
    const declined = !answered && offered.length === 0 && !result.error;
    const correct = q.expect.none ? declined : answered && expected(top);
    const shown = q.expect.none ? declined : (answered && expected(top)) || offered.some(expected);
    return { ...q, correct, shown, answered, offered, ...(top ? { top } : {}) };
  });
}

export function accuracyBy(
  graded: readonly Graded[],
  key: (g: Graded) => string,
  passed: (g: Graded) => boolean = (g) => g.correct,
): Map<string, { correct: number; total: number }> {
  const groups = new Map<string, { correct: number; total: number }>();
  for (const g of graded) {
    const group = groups.get(key(g)) ?? { correct: 0, total: 0 };
    group.total += 1;
    group.correct += passed(g) ? 1 : 0;
    groups.set(key(g), group);
  }
  return groups;
}
