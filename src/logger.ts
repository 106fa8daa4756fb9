import { inspect } from "node:util";
import { pino, type Logger } from "pino";

export type { Logger } from "pino";

// Interaction tokens travel in REST paths (/interactions/{id}/{token}/callback, /webhooks/{app}/{token}):
// any log line that carries a URL or an error message could leak one. A field named token or
// authorization, at any depth, is a secret by its name.
const TOKEN_IN_PATH = String.raw`(\/(?:interactions|webhooks)\/\d+\/)[^/?"\s\\]+`;
const SECRET_FIELD = String.raw`("(?:token|authorization)":)"(?:[^"\\]|\\.)*"`;

/**
 * The one logger: JSON lines in production, pretty when developing at a terminal (pino-pretty is a dev
 * dependency). Every line passes one redaction just before it is written, so neither the bot token nor
 * an interaction token reaches the log, whichever field or error message carried it. Redacting the
 * written line, rather than with pino's path-based redact, copies no objects on every log call.
 */
export function createLogger(options: {
  level: string;
  pretty: boolean;
  secrets?: readonly string[];
  /** A stream (tests), or an open file descriptor to write JSON lines to as in production; standard output by default. */
  destination?: pino.DestinationStream | number;
}): Logger {
  // Secrets, token paths and secret fields as one pattern: one pass over each line, not three.
  const secrets = (options.secrets ?? [])
    .filter((s) => s.length >= 8)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const unsafe = new RegExp([...secrets, TOKEN_IN_PATH, SECRET_FIELD].join("|"), "gi");
  const redact = (line: string) =>
    line.replace(unsafe, (_, path?: string, field?: string) =>
      path ? `${path}[redacted]` : field ? `${field}"[redacted]"` : "[redacted]",
    );
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { service: "summit-bot" },
    serializers: { err: serializeError },
    hooks: { streamWrite: redact },
  };
  if (typeof options.destination === "object") return pino(settings, options.destination);
  if (options.pretty) return pino({ ...settings, transport: { target: "pino-pretty", options: { colorize: true } } });
  // Lines go out in batches of 4 KB, and at least every half second, off the event loop (pino flushes
  // what is left when the process exits). The batch holds lines as bytes: docs/design.md says why.
  const batch = pino.destination({
    dest: options.destination ?? 1,
    minLength: 4096,
    periodicFlush: 500,
    sync: false,
    contentMode: "buffer",
  }) as unknown as ByteSink;
  // pino's logger.flush() calls the stream's flush.
  const lines = {
    write: (line: string) => batch.write(Buffer.from(line)),
    flush: (done?: (error?: Error) => void) => batch.flush(done),
  };
  return pino(settings, lines);
}

/** The longest text an error puts in a line: room for a message or a stack, never for a request's body. */
const MAX_ERROR_TEXT = 2000;

/**
 * An error as a log line shows it: type, message, stack, cause and its own text, number and boolean fields,
 * each text capped. Objects it carries are left out: discord.js's REST errors hold the request's body, files
 * included. Their method and URL become `route` (the line's redaction hides tokens in the path).
 */
function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return capText(typeof error === "string" ? error : inspect(error, { depth: 2 }));
  const fields: Record<string, unknown> = { type: error.name, message: capText(error.message) };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string") fields[key] = capText(value);
    else if (typeof value === "number" || typeof value === "boolean") fields[key] = value;
  }
  if (typeof fields.method === "string" && typeof fields.url === "string") {
    fields.route = `${fields.method.toUpperCase()} ${capText(new URL(fields.url, "http://unknown").pathname)}`;
    delete fields.method;
    delete fields.url;
  }
  fields.stack = capText(error.stack ?? "");
  if (error.cause !== undefined && depth < 3) fields.cause = serializeError(error.cause, depth + 1);
  return fields;
}

function capText(text: string): string {
  return text.length <= MAX_ERROR_TEXT
    ? text
    : `${text.slice(0, MAX_ERROR_TEXT)}… (${text.length - MAX_ERROR_TEXT} more characters)`;
}

/** sonic-boom in "buffer" mode: its type declarations know only text mode. */
interface ByteSink {
  write(bytes: Buffer): boolean;
  flush(done?: (error?: Error) => void): void;
}

/** Pretty output only where a person reads it and pino-pretty is installed (not in the image). */
export function wantsPrettyLogs(nodeEnv: string): boolean {
  if (nodeEnv === "production" || !process.stdout.isTTY) return false;
  try {
    import.meta.resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
