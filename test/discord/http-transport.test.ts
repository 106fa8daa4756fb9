import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpTransport } from "../../src/discord/http-transport.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  connection: number;
}

let server: Server;
let base: string;
const received: Received[] = [];
let respond: (request: Received, res: ServerResponse) => void = (_request, res) => res.end();

beforeAll(async () => {
  let connections = 0;
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks),
      connection: (req.socket as { id?: number }).id ?? 0,
    };
    received.push(request);
    respond(request, res);
  });
  server.on("connection", (socket) => Object.assign(socket, { id: ++connections }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("the REST transport over node:http", () => {
  it("sends JSON with its headers and query and reads a JSON answer, headers looked up in any case", async () => {
    respond = (_request, res) =>
      res.writeHead(429, { "content-type": "application/json", "retry-after": "2" }).end('{"retry_after":2}');
    const transport = createHttpTransport();
    const body = '{"type":4,"data":{"content":"Panmunjŏm 판문점"}}';
    const response = await transport(`${base}/api/v10/interactions/1/t/callback?with_response=false`, {
      method: "POST",
      headers: { Authorization: "Bot x", "Content-Type": "application/json" },
      body,
    });
    const request = received.at(-1);
    expect(request).toMatchObject({
      method: "POST",
      url: "/api/v10/interactions/1/t/callback?with_response=false",
      headers: {
        host: new URL(base).host,
        authorization: "Bot x",
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    expect(request?.body.toString()).toBe(body);
    expect(response).toMatchObject({ status: 429, ok: false, statusText: "Too Many Requests" });
    expect(response.headers.get("Retry-After")).toBe("2");
    await expect(response.json()).resolves.toEqual({ retry_after: 2 });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(/already read/);
  });

  it("encodes FormData as multipart, files and payload_json intact", async () => {
    respond = (_request, res) => res.writeHead(204).end();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const form = new FormData();
    form.append("files[0]", new Blob([png], { type: "image/png" }), 'slide "5".png');
    form.append("payload_json", JSON.stringify({ type: 4, data: { content: "é ✓" } }));
    form.append('note\n"2"', "line\nbreak");
    form.append("bytes", new Blob([png]), "raw");
    const response = await createHttpTransport()(`${base}/upload`, { method: "POST", body: form });
    expect(response.status).toBe(204);
    expect(new Uint8Array(await response.arrayBuffer())).toHaveLength(0);

    const request = received.at(-1) as Received;
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Response(request.body, {
      headers: { "content-type": request.headers["content-type"] as string },
    }).formData();
    const file = parsed.get("files[0]") as File;
    expect(file.name).toBe('slide "5".png');
    expect(file.type).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    expect(JSON.parse(parsed.get("payload_json") as string)).toEqual({ type: 4, data: { content: "é ✓" } });
    // As the HTML standard encodes a form: text line breaks become CRLF, names are escaped, and a file
    // without a type is sent as bytes.
    expect(request.body.toString()).toContain(
      'Content-Disposition: form-data; name="note%0D%0A%222%22"\r\n\r\nline\r\nbreak\r\n',
    );
    expect(parsed.get("bytes")).toMatchObject({ name: "raw", type: "application/octet-stream" });
  });

  it("keeps the connection alive between requests", async () => {
    respond = (_request, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    const transport = createHttpTransport();
    for (let i = 0; i < 3; i++) await (await transport(`${base}/gateway/bot`, { method: "GET" })).json();
    expect(new Set(received.slice(-3).map((r) => r.connection)).size).toBe(1);
  });

  it("gives up with an AbortError when @discordjs/rest's timeout fires (it retries those)", async () => {
    respond = () => {};
    const controller = new AbortController();
    const pending = createHttpTransport()(`${base}/slow`, { method: "GET", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("does not send a request whose signal was aborted before it started", async () => {
    const before = received.length;
    await expect(
      createHttpTransport()(`${base}/never`, { method: "GET", signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.length).toBe(before);
  });

  it("fails, rather than waits forever, when the connection drops halfway through an answer", async () => {
    respond = (_request, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    await expect(createHttpTransport()(`${base}/cut`, { method: "GET" })).rejects.toThrow();
  });
});
