import type { ChildProcess } from "node:child_process";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_APPLICATION_ID, TEST_TOKEN } from "../fake-discord/harness.js";
import { startProcess } from "../support/processes.js";

/** Discord unreachable at start-up: one line that says what failed and what to check, and a prompt exit 1. */

const children: ChildProcess[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
});

async function listening(onConnection: (socket: Socket) => void = () => {}): Promise<Server> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** A port nothing listens on: one just closed. */
async function refusedPort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that accepts connections and never answers; counts them. */
async function silentServer(): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = await listening((socket) => {
    connections += 1;
    sockets.push(socket);
  });
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

const tasks = { start: "src/main.ts", "deploy-commands": "src/deploy-commands.ts" };

describe.concurrent.each(Object.entries(tasks))(
  "%s when Discord cannot be reached",
  { timeout: 45_000 },
  (_task, script) => {
    const run = async (apiUrl: string) => {
      const started = startProcess(
        script,
        { DISCORD_TOKEN: TEST_TOKEN, DISCORD_APPLICATION_ID: TEST_APPLICATION_ID, DISCORD_API_URL: apiUrl },
        children,
      );
      const code = await started.exited;
      return { code, output: started.output(), last: started.output().trim().split("\n").at(-1) ?? "" };
    };

    it("connection refused", async () => {
      const url = `http://127.0.0.1:${await refusedPort()}/api`;
      const { code, output, last } = await run(url);
      expect(code).toBe(1);
      expect(last).toMatch(
        new RegExp(`^Cannot reach Discord at ${url}: connection refused .*check DISCORD_API_URL`, "i"),
      );
      expect(output).not.toMatch(/^\s+at /m);
    });

    it("a server that accepts and never answers, tried again before giving up", async () => {
      const silent = await silentServer();
      const url = `http://127.0.0.1:${silent.port}/api`;
      const { code, output, last } = await run(url);
      expect(code).toBe(1);
      expect(last).toMatch(
        new RegExp(`^Cannot reach Discord at ${url}: no answer within \\d+ s .*check DISCORD_API_URL`, "i"),
      );
      expect(silent.connections()).toBeGreaterThan(1);
      expect(output).not.toMatch(/^\s+at /m);
    });

    it("a host name that does not resolve", async () => {
      const { code, output, last } = await run("http://discord-api.invalid/api");
      expect(code).toBe(1);
      expect(last).toMatch(
        /^Cannot reach Discord at http:\/\/discord-api\.invalid\/api: the host name discord-api\.invalid does not resolve .*check DISCORD_API_URL/i,
      );
      expect(output).not.toMatch(/^\s+at /m);
    });
  },
);
