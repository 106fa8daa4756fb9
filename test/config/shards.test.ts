import { describe, expect, it } from "vitest";
import { botEnvSchema, readConfig } from "../../src/config/env.js";

const env = {
  DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake-gateway.token-for-tests_only",
  DISCORD_APPLICATION_ID: "100000000000000001",
};

describe("SHARD_COUNT and SHARD_IDS", () => {
  it("default to Discord's recommended count, every shard in this process", () => {
    expect(readConfig(botEnvSchema, { ...env })).toMatchObject({ SHARD_COUNT: "auto" });
  });

  it("refuse SHARD_IDS without an explicit total: processes started apart could count differently", () => {
    for (const count of [{}, { SHARD_COUNT: "auto" }])
      expect(() => readConfig(botEnvSchema, { ...env, ...count, SHARD_IDS: "0,1" })).toThrow(
        'Configuration error: SHARD_IDS needs SHARD_COUNT set to the total number of shards, the same in every process (not "auto")',
      );
    expect(readConfig(botEnvSchema, { ...env, SHARD_COUNT: "4", SHARD_IDS: "0,1" })).toMatchObject({
      SHARD_COUNT: 4,
      SHARD_IDS: [0, 1],
    });
  });
});
