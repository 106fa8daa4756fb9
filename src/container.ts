/**
 * The image's entry point, so `docker run IMAGE deploy-commands` works without npm or dev dependencies:
 * `start` (the default) runs the bot, `deploy-commands` registers the slash commands, `check-content`
 * validates the pack.
 */
const tasks: Record<string, () => Promise<unknown>> = {
  start: () => import("./main.js"),
  "deploy-commands": () => import("./deploy-commands.js"),
  "check-content": () => import("./cli/check-content.js"),
};

const task = process.argv[2] ?? "start";
const run = tasks[task];
if (run) {
  process.argv.splice(2, 1);
  await run();
} else {
  console.error(`Unknown task "${task}": use ${Object.keys(tasks).join(", ")}.`);
  process.exit(2);
}
