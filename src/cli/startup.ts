import { ConfigError } from "../config.js";
import { ContentError } from "../content/pack.js";

/** Start-up failures a person can fix (configuration, content) print as they are; others with a stack. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof ContentError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
