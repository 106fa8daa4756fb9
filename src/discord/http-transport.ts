import { Agent as HttpAgent, request as httpRequest, STATUS_CODES, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import type { ResponseLike } from "discord.js";
// The undici that discord.js already loads, for its Headers class only: the global Headers would load
// Node's own bundled copy of undici as well.
import { Headers, type RequestInit } from "undici";

/**
 * discord.js's REST transport (its `makeRequest` option) over Node's own HTTP client. The default one,
 * undici, parses responses with a WebAssembly build of llhttp that V8 compiles a second time, optimized,
 * once it is hot: some 20 MB of compiler memory while the bot starts. Node's client runs the native llhttp,
 * and Discord's answers are small JSON, read whole so the connection goes straight back to the pool.
 */
export function createHttpTransport(): (url: string, init: RequestInit) => Promise<ResponseLike> {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return async (url, init) => {
    const target = new URL(url);
    const { chunks, contentType } = await encodeBody(init.body);
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (contentType) headers["content-type"] = contentType;
    if (chunks.length > 0) headers["content-length"] = String(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
    const secure = target.protocol === "https:";
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const request = send(target, { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http, signal: init.signal ?? undefined }, resolve);
      request.on("error", reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
    return bufferedResponse(response, await readAll(response));
  };
}

/** What @discordjs/rest sends: nothing, a JSON string, raw bytes, or FormData when there are files. */
async function encodeBody(body: RequestInit["body"]): Promise<{ chunks: Uint8Array[]; contentType?: string }> {
  if (body == null) return { chunks: [] };
  if (typeof body === "string") return { chunks: [Buffer.from(body)] };
  if (body instanceof Uint8Array) return { chunks: [body] };
  if (body instanceof FormData) {
    // The platform's own multipart encoder (boundary, escaping of names and file names). Its parts are
    // sent as they come, not joined: a slide's PNG is not copied once more.
    const encoded = new Response(body);
    const chunks: Uint8Array[] = [];
    for await (const chunk of encoded.body ?? []) chunks.push(chunk);
    return { chunks, contentType: encoded.headers.get("content-type") ?? undefined };
  }
  throw new TypeError("the REST transport cannot send this kind of request body");
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function bufferedResponse(response: IncomingMessage, body: Buffer): ResponseLike {
  const status = response.statusCode ?? 0;
  let bodyUsed = false;
  const consume = () => {
    if (bodyUsed) throw new TypeError("the response body was already read");
    bodyUsed = true;
    return body;
  };
  return {
    status,
    statusText: response.statusMessage ?? STATUS_CODES[status] ?? "",
    ok: status >= 200 && status < 300,
    headers: new Headers(response.headers as Record<string, string | string[]>),
    get bodyUsed() {
      return bodyUsed;
    },
    get body() {
      return Readable.from([body]);
    },
    arrayBuffer: async () => {
      const bytes = consume();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    text: async () => consume().toString("utf8"),
    json: async () => JSON.parse(consume().toString("utf8")) as unknown,
  };
}
