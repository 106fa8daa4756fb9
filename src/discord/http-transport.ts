import { randomUUID } from "node:crypto";
import {
  Agent as HttpAgent,
  request as httpRequest,
  STATUS_CODES,
  type ClientRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import type { ResponseLike } from "discord.js";
// The undici that discord.js already loads, for its Headers class only: the global Headers would load
// Node's own bundled copy of undici as well.
import { Headers, type RequestInit } from "undici";

/**
 * discord.js's REST transport (its `makeRequest` option) over Node's own HTTP client. The default one,
 * undici, parses responses with a WebAssembly build of llhttp that V8 compiles again once it is hot, at a
 * cost in memory while the bot starts (docs/design.md). Node's client runs the native llhttp, and
 * Discord's answers are small JSON, read whole so the connection goes straight back to the pool.
 */
export function createHttpTransport(): (url: string, init: RequestInit) => Promise<ResponseLike> {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return async (url, init) => {
    const target = new URL(url);
    const { chunks, contentType } = await encodeBody(init.body);
    const secure = target.protocol === "https:";
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      // Plain options rather than the URL object (which Node copies into options), and the head as a flat
      // list, which Node writes as it is instead of storing each header for later changes (setHeader).
      const request = send(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: init.method ?? "GET",
          headers: headLines(target.host, init.headers, chunks, contentType),
          agent: secure ? agents.https : agents.http,
        },
        resolve,
      );
      request.on("error", reject);
      abortOn(init.signal, request);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
    return new BufferedResponse(response, await readAll(response));
  };
}

/** A request's headers as [name, value, name, value, ...], Host and the body's type and length included. */
function headLines(
  host: string,
  headers: RequestInit["headers"],
  chunks: ReadonlyArray<string | Uint8Array>,
  contentType: string | undefined,
): string[] {
  const lines = ["Host", host];
  for (const [name, value] of Object.entries((headers as Record<string, string> | undefined) ?? {}))
    lines.push(name, value);
  if (contentType) lines.push("Content-Type", contentType);
  if (chunks.length > 0)
    lines.push(
      "Content-Length",
      String(
        chunks.reduce(
          (length, chunk) => length + (typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength),
          0,
        ),
      ),
    );
  return lines;
}

/**
 * @discordjs/rest aborts a request that outlives its timeout, and retries it on an AbortError. Each
 * request has a signal of its own, dropped with it, so the listener is never removed: Node's `signal`
 * option also watches the request to its end to remove it, at a cost on every request.
 */
function abortOn(signal: RequestInit["signal"], request: ClientRequest): void {
  if (!signal) return;
  const abort = () => request.destroy(new DOMException("This operation was aborted", "AbortError"));
  if (signal.aborted) abort();
  else signal.addEventListener("abort", abort, { once: true });
}

/**
 * What @discordjs/rest sends: nothing, a JSON string, raw bytes, or FormData when there are files. Text
 * stays text: the socket encodes it as it writes, without a copy in a Buffer first.
 */
async function encodeBody(
  body: RequestInit["body"],
): Promise<{ chunks: Array<string | Uint8Array>; contentType?: string }> {
  if (body == null) return { chunks: [] };
  if (typeof body === "string") return { chunks: [body] };
  if (body instanceof Uint8Array) return { chunks: [body] };
  if (body instanceof FormData) return encodeMultipart(body);
  throw new TypeError("the REST transport cannot send this kind of request body");
}

/**
 * multipart/form-data as the HTML standard encodes it (names and file names escaped, line breaks of
 * text as CRLF), part by part: a slide's PNG is sent as it is, not joined into one buffer. Written out
 * because the platform's encoder (`new Response(formData)`) goes through web streams, which cost a
 * photo reply CPU time and garbage.
 */
async function encodeMultipart(form: FormData): Promise<{ chunks: Array<string | Uint8Array>; contentType: string }> {
  const boundary = `----summit-bot-${randomUUID()}`;
  const chunks: Array<string | Uint8Array> = [];
  for (const [name, value] of form) {
    const disposition = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeFormName(name)}"`;
    if (typeof value === "string") {
      chunks.push(`${disposition}\r\n\r\n${withCrlf(value)}\r\n`);
    } else {
      const type = value.type || "application/octet-stream";
      chunks.push(
        `${disposition}; filename="${escapeFormName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`,
        new Uint8Array(await value.arrayBuffer()),
        "\r\n",
      );
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return { chunks, contentType: `multipart/form-data; boundary=${boundary}` };
}

const withCrlf = (text: string) => text.replace(/\r\n|\r|\n/g, "\r\n");
const escapeFormName = (name: string) =>
  withCrlf(name).replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");

/**
 * The whole body, read by listening: a stream's async iterator allocates promises for every chunk.
 * A connection that drops mid-answer ends in "error" (aborted), not in "end".
 */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

/** An empty body: a zero-length ArrayBuffer holds nothing to change, so one serves every response. */
const NO_BYTES = new ArrayBuffer(0);

/**
 * A response read whole. A class, not an object literal: a literal with getters and arrow functions
 * builds its accessors and five closures for every response.
 */
class BufferedResponse implements ResponseLike {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  #bytes: Buffer;
  #used = false;

  constructor(response: IncomingMessage, bytes: Buffer) {
    this.status = response.statusCode ?? 0;
    this.statusText = response.statusMessage ?? STATUS_CODES[this.status] ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new Headers(response.headers as Record<string, string | string[]>);
    this.#bytes = bytes;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): Readable {
    return Readable.from([this.#bytes]);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#consume();
    // Every interaction callback answers 204 and @discordjs/rest reads its empty body as an ArrayBuffer.
    return bytes.byteLength === 0
      ? NO_BYTES
      : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  async text(): Promise<string> {
    return this.#consume().toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.#consume().toString("utf8"));
  }

  #consume(): Buffer {
    if (this.#used) throw new TypeError("the response body was already read");
    this.#used = true;
    return this.#bytes;
  }
}
