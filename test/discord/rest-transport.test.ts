import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { REST } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";

/** discord.js's REST client, which the bot uses as it comes, in the cases a hand-written transport got wrong. */

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(
  host: string,
  respond: (res: ServerResponse) => void,
): Promise<{ url: string; posts: () => number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    if (req.method === "POST") posts += 1;
    req.resume().on("end", () => respond(res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/api`, posts: () => posts };
}

describe("the REST client", () => {
  it("waits for a slow body once the answer has begun, rather than posting again", async () => {
    const server = await serve("127.0.0.1", (res) => {
      res.writeHead(200, { "content-type": "application/json" }).write('{"id":');
      setTimeout(() => res.end('"1"}'), 600);
    });
    const rest = new REST({ api: server.url, timeout: 200, retries: 3 }).setToken("x.y.z");
    await expect(rest.post("/channels/1/messages", { body: { content: "slide 5" } })).resolves.toEqual({ id: "1" });
    expect(server.posts()).toBe(1);
  });

  it("reaches an IPv6 literal in the API URL", async () => {
    const server = await serve("::1", (res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    const rest = new REST({ api: server.url }).setToken("x.y.z");
    await expect(rest.get("/gateway/bot")).resolves.toEqual({});
  });
});
