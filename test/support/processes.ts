import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

const TSX = path.resolve("node_modules/.bin/tsx");

export interface Started {
  child: ChildProcess;
  /** Standard output and error so far, interleaved. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * An entry point run as an operator runs it: its own process, only the environment given (and PATH).
 * `direct` runs it in one node process rather than under the tsx launcher, so signals reach the script itself.
 */
export function startProcess(
  script: string,
  env: Record<string, string>,
  children: ChildProcess[],
  { direct = false } = {},
): Started {
  const child = spawn(direct ? process.execPath : TSX, direct ? ["--import", "tsx", script] : [script], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", CONTENT_DIR: "content/korea-summit", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}
