import { writeFileSync } from "node:fs";
import { TEST_APPLICATION_ID, TEST_TOKEN } from "../fake-discord/harness.js";
import { FakeDiscord } from "../fake-discord/server.js";

/**
 * The fake Discord for the container test: writes its API URL to the file named by argv[2], waits for
 * the containerized bot to connect, sends /history 1950 and /photo 5 through it, and prints one line per
 * check ("ok ..." or "not ok ..."). It keeps serving until SIGTERM, so the script controls its life.
 */
const fake = await FakeDiscord.start({
  token: TEST_TOKEN,
  applicationId: TEST_APPLICATION_ID,
  heartbeatIntervalMs: 5000,
});
writeFileSync(process.argv[2] as string, fake.apiUrl);

const timeout = (ms: number, what: string) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms));
const check = async (name: string, run: () => Promise<boolean>) => {
  try {
    console.log(`${(await run()) ? "ok" : "not ok"} - ${name}`);
  } catch (error) {
    console.log(`not ok - ${name}: ${(error as Error).message}`);
  }
};

await Promise.race([fake.waitForReady(), timeout(90_000, "the bot to connect")]).then(
  async () => {
    await check("/history 1950 names the war breaking out", async () => {
      const res = await fake.sendCommand({ name: "history", options: [{ name: "query", type: 3, value: "1950" }] });
      return JSON.stringify(res.data.embeds).includes("A war broke out in **1950**");
    });
    await check("/photo 5 carries its caption, credit and card", async () => {
      const res = await fake.sendCommand({ name: "photo", options: [{ name: "number", type: 4, value: 5 }] });
      const text = JSON.stringify(res.data.embeds);
      return (
        text.includes("steps across the border") &&
        text.includes("Korea Summit Press Pool") &&
        res.files[0]?.name === "slide-5.png"
      );
    });
    await check(
      "every body sent is valid against Discord's OpenAPI spec",
      async () => fake.specViolations.length === 0,
    );
  },
  (error: Error) => console.log(`not ok - the containerized bot connects: ${error.message}`),
);
console.log("drive: done");
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
