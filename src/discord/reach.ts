import { setTimeout as sleep } from "node:timers/promises";
import { Routes, type REST, type RESTGetAPIGatewayBotResult } from "discord.js";

/** Discord could not be reached at start-up: one line that says what failed and what to check. */
export class DiscordUnreachableError extends Error {
  override name = "DiscordUnreachableError";
}

const ATTEMPTS = 3;
const ATTEMPT_TIMEOUT_S = 5;
/** Waited after the first failure, doubled after each next one. */
const FIRST_BACKOFF_MS = 1000;

/**
 * Start-up's first request, GET /gateway/bot, tried a few times with backoff and a short timeout each, so
 * an unreachable Discord stops the process in under 20 s (discord.js alone: up to 4 × 15 s, then a stack).
 * An answer from Discord (401 for a wrong token) is thrown as it is: trying again would not change it.
 */
export async function reachDiscord(rest: REST): Promise<RESTGetAPIGatewayBotResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const signal = AbortSignal.timeout(ATTEMPT_TIMEOUT_S * 1000);
      return (await rest.get(Routes.gatewayBot(), { signal })) as RESTGetAPIGatewayBotResult;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === "number" && status < 500) throw error;
      if (attempt === ATTEMPTS)
        throw new DiscordUnreachableError(
          `Cannot reach Discord at ${rest.options.api}: ${describe(error)} (${ATTEMPTS} attempts). Check ` +
            "DISCORD_API_URL, the network and DNS, and any proxy (HTTPS_PROXY, NO_PROXY with NODE_USE_ENV_PROXY=1).",
        );
      await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}

/** What went wrong, in words: network errors carry a code, on the error or on its cause. */
function describe(error: unknown): string {
  const e = error as { name?: string; code?: string; status?: number; message?: string; cause?: typeof e };
  const code = e.code ?? e.cause?.code;
  const host = (e as { hostname?: string }).hostname ?? (e.cause as { hostname?: string } | undefined)?.hostname;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host name ${host ?? ""} does not resolve`;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "the connection was reset";
  if (e.name === "AbortError" || e.name === "TimeoutError") return `no answer within ${ATTEMPT_TIMEOUT_S} s`;
  if (typeof e.status === "number") return `Discord answered ${e.status}`;
  return [code, e.message ?? String(error)].filter(Boolean).join(" ");
}
