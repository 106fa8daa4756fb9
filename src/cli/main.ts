import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { contentEnvSchema, readConfig } from "../config/env.js";
import { formatReply } from "./format.js";
import { answerJson, loadCommandContext, runBatchLine, runCommand, UsageError } from "./run.js";
import { exitOnStartupError } from "./startup.js";

const USAGE = `Usage: npm run cli -- [--json] <command> [words]    e.g. npm run cli -- history 1950
       npm run cli -- --batch FILE --json                 (JSON lines of {"command","query"})`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: { json: { type: "boolean" }, batch: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [name, ...rest] = positionals;
  if (!values.batch && !name) {
    console.error(`No command given. ${USAGE}`);
    return 2;
  }
  const config = readConfig(contentEnvSchema);
  const context = await loadCommandContext(config);

  if (values.batch) {
    let lines: string[];
    try {
      lines = (await readFile(values.batch, "utf8")).split(/\r?\n/).filter((l) => l.trim());
    } catch (error) {
      console.error(
        `Cannot read ${values.batch}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 2;
    }
    for (const line of lines) {
      const result = runBatchLine(context, line);
      console.log(values.json ? JSON.stringify(result) : formatBatchResult(result, context.engine.pack.meta));
    }
    return 0;
  }

  const words = rest.join(" ");
  try {
    const { answer } = runCommand(context, name as string, words);
    console.log(
      values.json
        ? JSON.stringify(answerJson(name as string, words, answer))
        : formatReply(answer.reply, context.engine.pack.meta, process.stdout.isTTY),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
}

function formatBatchResult(result: object, meta: Parameters<typeof formatReply>[1]): string {
  if ("error" in result) return `error: ${String(result.error)}\n`;
  const { command, query, reply } = result as ReturnType<typeof answerJson>;
  return `> ${command} ${query}\n${formatReply(reply, meta, false)}\n`;
}

main().then((code) => (process.exitCode = code), exitOnStartupError);
