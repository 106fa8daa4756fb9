import { readFileSync } from "node:fs";
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
  correct: boolean;
  top?: string;
  answered: boolean;
}

export const DEV_BANK = new URL("../fixtures/dev-questions.jsonl", import.meta.url);

export function readBank(file: URL | string): BankQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BankQuestion);
}

/**
 * Top-1 grading through the CLI's batch path: the best match must be expected and answered, or, for a
 * question the article cannot answer, the reply must say so.
 */
export function gradeBank(context: CommandContext, bank: readonly BankQuestion[]): Graded[] {
  return bank.map((q) => {
    const result = runBatchLine(context, JSON.stringify(q)) as {
      answered?: boolean;
      matches?: Array<{ id: string }>;
      error?: string;
    };
    const answered = result.answered === true;
    const top = result.matches?.[0]?.id;
    const correct = q.expect.none
      ? !answered && !result.error
      : answered && top !== undefined && (q.expect.any_of ?? []).includes(top);
    return { ...q, correct, answered, ...(top ? { top } : {}) };
  });
}

export function accuracyBy(
  graded: readonly Graded[],
  key: (g: Graded) => string,
): Map<string, { correct: number; total: number }> {
  const groups = new Map<string, { correct: number; total: number }>();
  for (const g of graded) {
    const group = groups.get(key(g)) ?? { correct: 0, total: 0 };
    group.total += 1;
    group.correct += g.correct ? 1 : 0;
    groups.set(key(g), group);
  }
  return groups;
}
