import { once } from "node:events";
import type { Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { HEALTH_MAX_CONNECTIONS, startHealthServer } from "../src/health.js";
import type { Readiness } from "../src/discord/readiness.js";

const metrics = { registry: new Registry(), recordInteraction: () => {} };
const ready = () => ({ ready: true, shards: [] }) as unknown as Readiness;

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

async function open(): Promise<Socket> {
  const socket = connect((server?.address() as AddressInfo).port, "127.0.0.1");
  sockets.push(socket);
  await once(socket, "connect");
  return socket;
}

describe("the health server", { timeout: 15_000 }, () => {
  it("listens on the address it is given", async () => {
    server = await startHealthServer({ port: 0, host: "127.0.0.1" }, metrics, ready);
    expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("closes a connection that sends nothing", async () => {
    server = await startHealthServer({ port: 0, host: "127.0.0.1" }, metrics, ready);
    await once(await open(), "close");
  });

  it("refuses connections beyond its limit, and answers again once they are gone", async () => {
    server = await startHealthServer({ port: 0, host: "127.0.0.1" }, metrics, ready);
    const held = await Promise.all(Array.from({ length: HEALTH_MAX_CONNECTIONS }, open));
    const extra = await open();
    await once(extra, "close");
    expect(held.filter((socket) => socket.closed)).toEqual([]);
    for (const socket of held) socket.destroy();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect
      .poll(() =>
        fetch(`${base}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
      )
      .toBe(200);
  });
});
