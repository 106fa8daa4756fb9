import { Worker } from "node:worker_threads";
import type { BotConfig } from "./env.js";
import { ConfigError } from "./config-error.js";
import { ContentError, type ContentProblem, type ValidatedPack } from "../content/pack.js";

/**
 * The bot validates its configuration and content pack in a worker thread: zod and js-yaml load and run
 * on a core of their own while discord.js compiles in the main thread, and they never enter the bot's
 * heap. Errors come back as the same ConfigError and ContentError a validation in-thread throws.
 */

export type ValidationRequest = { task: "startup" } | { task: "pack"; dir: string };

export type ValidationOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      problem: { kind: "config"; message: string } | { kind: "content"; dir: string; problems: ContentProblem[] };
    };

/** Configuration from `env` (and `.env`), then the pack in its CONTENT_DIR. */
export async function validateStartup(
  env: NodeJS.ProcessEnv,
): Promise<{ config: BotConfig; validated: ValidatedPack }> {
  const { config, validated } = await runValidation<{ config: BotConfig; validated: ValidatedPack }>(
    { task: "startup" },
    env,
  );
  return { config, validated: withBuffers(validated) };
}

/** The pack in `dir` (a reload). */
export async function validatePack(dir: string): Promise<ValidatedPack> {
  return withBuffers(await runValidation<ValidatedPack>({ task: "pack", dir }));
}

// Run from TypeScript sources (development, tests) or from the bundle, where the worker is built beside this.
const fromSources = import.meta.url.endsWith(".ts");
const entry = new URL(fromSources ? "./validation-worker.ts" : "./validation-worker.js", import.meta.url);

function runValidation<T>(request: ValidationRequest, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const options = { workerData: request, env };
  // From sources the worker registers tsx itself: Node 20 does not pass a loader's hooks on to worker threads.
  const worker = fromSources
    ? new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(entry, options);
  return new Promise((resolve, reject) => {
    worker.once("message", (outcome: ValidationOutcome<T>) => {
      if (outcome.ok) resolve(outcome.value);
      else if (outcome.problem.kind === "config") reject(new ConfigError(outcome.problem.message));
      else reject(new ContentError(outcome.problem.dir, outcome.problem.problems));
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`the validation worker stopped (exit code ${code}) before answering`)),
    );
  });
}

/** Photos cross the thread as plain Uint8Arrays; the bot sends Buffers. */
function withBuffers(validated: ValidatedPack): ValidatedPack {
  for (const { picture } of validated.slides) {
    if (picture && "data" in picture)
      picture.data = Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength);
  }
  return validated;
}
