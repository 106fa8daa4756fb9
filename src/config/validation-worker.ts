import { parentPort, workerData } from "node:worker_threads";
import { botEnvSchema, readConfig } from "./env.js";
import { ConfigError } from "./config-error.js";
import { ContentError } from "../content/pack.js";
import { readArticlePack } from "../content/read-pack.js";
import type { ValidationOutcome, ValidationRequest } from "./validate-off-thread.js";

/** The worker thread of validate-off-thread.ts: validates, posts the outcome, and ends. */
async function validate(request: ValidationRequest): Promise<ValidationOutcome<unknown>> {
  try {
    if (request.task === "pack") return { ok: true, value: await readArticlePack(request.dir) };
    const config = readConfig(botEnvSchema);
    return { ok: true, value: { config, validated: await readArticlePack(config.CONTENT_DIR) } };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problem: { kind: "config", message: error.message } };
    if (error instanceof ContentError)
      return { ok: false, problem: { kind: "content", dir: error.dir, problems: error.problems } };
    throw error;
  }
}

parentPort?.postMessage(await validate(workerData as ValidationRequest));
