/**
 * Bad environment variables, one line each, naming the variable. Apart from config.ts: the bot validates its
 * configuration in a worker thread and reports the error in its main thread, which never loads zod.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}
