import { config as loadDotenv } from "dotenv";
import * as z from "zod";
import { ConfigError } from "./config-error.js";
import "../content/zod-setup.js";

/** Configuration comes from the environment (and `.env`), parsed once at start-up by each entry point. */

/** At most `count` answers in any `seconds`. */
export interface FloodLimit {
  count: number;
  seconds: number;
}

const snowflake = z.string().regex(/^\d{17,20}$/, { error: "must be a Discord id (17-20 digits)" });

export const contentEnvSchema = z.object({
  CONTENT_DIR: z.string().trim().min(1, { error: "must name a folder" }).default("content/korea-summit"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
  /**
   * Drawn slide cards, kept for the next start; safe to delete. Inside the project by default, as build
   * tools keep their caches: a folder with a fixed name in the shared temp folder could be planted by
   * another user of the machine with pictures the bot would post.
   */
  CARD_CACHE_DIR: z
    .string()
    .trim()
    .min(1, { error: "must name a folder" })
    .default("node_modules/.cache/summit-bot/cards"),
});

export const botEnvSchema = contentEnvSchema
  .extend({
    DISCORD_TOKEN: z
      .string({ error: "is required (the bot token from the Discord developer portal)" })
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, { error: "does not look like a bot token" }),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL ending in /api" }).optional(),
    /** Per-command cooldowns in seconds, e.g. "ask=5,gallery=120"; "*=0" sets every command (0 = none). */
    COOLDOWNS: z
      .string()
      .regex(/^[a-z*-]+=\d+(,[a-z*-]+=\d+)*$/, { error: 'must look like "ask=5,gallery=120"' })
      .transform((list) =>
        Object.fromEntries(list.split(",").map((pair) => [pair.split("=")[0] as string, Number(pair.split("=")[1])])),
      )
      .default({}),
    /** Answer mentions, DMs, replies and the message menu ("on"), with the two message intents they need. */
    ASK_IN_CHAT: z
      .enum(["on", "off"], { error: 'must be "on" or "off"' })
      .default("on")
      .transform((value) => value === "on"),
    /** Answers in conversation per member and per channel, each "count/seconds": beyond them, silence. */
    CHAT_LIMITS: z
      .string()
      .regex(/^member=\d+\/\d+,channel=\d+\/\d+$/, { error: 'must look like "member=1/3,channel=5/10"' })
      .default("member=1/3,channel=5/10")
      .transform((text) => {
        const [member, channel] = text.split(",").map((part) => {
          const [count, seconds] = (part.split("=")[1] as string).split("/").map(Number);
          return { count: count as number, seconds: seconds as number };
        });
        return { member: member as FloodLimit, channel: channel as FloodLimit };
      }),
    /** Port of /healthz, /readyz and /metrics; off when unset (the image sets 8080). */
    HEALTH_PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).optional(),
    /** The address the health server listens on: loopback unless set (the image sets 0.0.0.0, all interfaces). */
    HEALTH_HOST: z
      .string()
      .trim()
      .min(1, { error: "must be an address to listen on, such as 0.0.0.0" })
      .default("127.0.0.1"),
    /** How many shards the bot has in all, or "auto" for Discord's recommendation. */
    SHARD_COUNT: z
      .union([z.literal("auto"), z.coerce.number().int().min(1).max(4096)], {
        error: 'must be a whole number or "auto"',
      })
      .default("auto"),
    /** Which of them this process runs, e.g. "0,1"; all by default. */
    SHARD_IDS: z
      .string()
      .regex(/^\d+(,\d+)*$/, { error: "must be shard ids separated by commas, e.g. 0,1" })
      .transform((ids) => ids.split(",").map(Number))
      .optional(),
  })
  // Processes started apart could each fetch a different recommended count, and leave guilds to none.
  .refine((c) => c.SHARD_COUNT !== "auto" || !c.SHARD_IDS, {
    error: 'needs SHARD_COUNT set to the total number of shards, the same in every process (not "auto")',
    path: ["SHARD_IDS"],
  })
  .refine(
    (c) => c.SHARD_COUNT === "auto" || !c.SHARD_IDS || c.SHARD_IDS.every((id) => id < (c.SHARD_COUNT as number)),
    {
      error: "must name shards below SHARD_COUNT",
      path: ["SHARD_IDS"],
      // Checked even when other variables are wrong, so that every problem is reported at once.
      when: ({ issues }) => !issues.some((issue) => ["SHARD_COUNT", "SHARD_IDS"].includes(String(issue.path?.[0]))),
    },
  );

export type ContentConfig = z.output<typeof contentEnvSchema>;
export type BotConfig = z.output<typeof botEnvSchema>;

/** Validates the environment against `schema`; the error names every bad variable, one line each. */
export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  loadDotenv({ quiet: true, processEnv: env });
  // An empty variable (KEY= in .env) means "not set", so defaults and optional values apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = new Map<string, string>();
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "environment");
    const message = issue.code === "invalid_type" && present[name] === undefined ? "is required" : issue.message;
    if (!lines.has(name)) lines.set(name, `Configuration error: ${name} ${message}`);
  }
  throw new ConfigError([...lines.values()].join("\n"));
}
