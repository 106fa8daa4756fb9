import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { findCommand } from "../../commands/index.js";
import { contentEnvSchema, readConfig } from "../config/env.js";
import type { ArticlePack } from "../content/pack.js";
import type { Reply } from "../search/reply.js";
import { formatReply } from "./format.js";
import { answerJson, loadCommandContext, runBatchLine, runCommand, terminalCommands, UsageError } from "./run.js";
import { exitOnStartupError } from "./startup.js";

const USAGE = `Usage: npm run -s cli -- [options] [command] <words>
A question without a command is answered as "ask".

Commands:
${terminalCommands.map((c) => `  ${c.name.padEnd(10)} ${c.description}. e.g. ${[c.name, c.example].filter(Boolean).join(" ")}`).join("\n")}

Options:
  --json         one JSON object per answer
  --batch FILE   answer each line of FILE: JSON {"command","query"}
  --out DIR      save the slide's picture into DIR (photo, slideshow)
  -h, --help     this help`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        json: { type: "boolean" },
        batch: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
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
  if (!values.batch && positionals.length === 0) {
    console.error('No question or command given: try npm run -s cli -- "who invaded the south?", or --help.');
    return 2;
  }
  const context = await loadCommandContext(readConfig(contentEnvSchema));
  const { meta } = context.engine.pack;

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
      console.log(values.json ? JSON.stringify(result) : formatBatchResult(result, meta));
    }
    return 0;
  }

  // "who invaded the south?" is a question: words that do not start with a command are asked.
  const [first = "", ...rest] = positionals;
  const [name, words] = findCommand(first) ? [first, rest.join(" ")] : ["ask", positionals.join(" ")];
  try {
    const { answer } = runCommand(context, name, words);
    const picture = values.out ? await savePicture(answer.reply, context.engine.pack, values.out) : undefined;
    console.log(
      values.json
        ? JSON.stringify(answerJson(name, words, answer))
        : formatReply(answer.reply, meta, { styled: process.stdout.isTTY, picture }),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
}

/** Writes the reply's slide picture into `dir`; returns its path (nothing for a photo shown by URL). */
async function savePicture(reply: Reply, pack: ArticlePack, dir: string): Promise<string | undefined> {
  const picture = pack.slides.find((s) => s.number === reply.slide?.number)?.picture;
  if (!picture || picture.kind === "url") return undefined;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, picture.fileName);
  await writeFile(file, picture.data);
  return file;
}

function formatBatchResult(result: object, meta: Parameters<typeof formatReply>[1]): string {
  if ("error" in result) return `error: ${String(result.error)}\n`;
  const { command, query, reply } = result as ReturnType<typeof answerJson>;
  return `> ${command} ${query}\n${formatReply(reply, meta, { styled: false })}\n`;
}

main().then((code) => (process.exitCode = code), exitOnStartupError);
