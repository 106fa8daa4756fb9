import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { botEnvSchema, readConfig } from "../../src/config/env.js";

describe("the configuration", () => {
  it("reports every problem at once, one line each naming the variable", () => {
    const env = {
      DISCORD_TOKEN: "not-a-token",
      COOLDOWNS: "ask:5",
      HEALTH_PORT: "x",
      SHARD_COUNT: "2",
      SHARD_IDS: "0,5",
    };
    expect(() => readConfig(botEnvSchema, env)).toThrow(ConfigError);
    expect(() => readConfig(botEnvSchema, env)).toThrow(
      [
        "Configuration error: DISCORD_TOKEN does not look like a bot token",
        "Configuration error: DISCORD_APPLICATION_ID is required",
        'Configuration error: COOLDOWNS must look like "ask=5,gallery=120"',
        "Configuration error: HEALTH_PORT must be a port number",
        "Configuration error: SHARD_IDS must name shards below SHARD_COUNT",
      ].join("\n"),
    );
  });
});
