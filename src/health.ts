import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Status, type Client } from "discord.js";
import type { Readiness } from "./discord/readiness.js";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Outcome } from "./discord/dispatcher.js";

/** The bot's Prometheus metrics, on a registry of its own (several bots can share a test process). */
export interface BotMetrics {
  registry: Registry;
  recordInteraction: (event: { kind: string; command: string; outcome: Outcome; latencyMs: number }) => void;
}

export function createMetrics(client: Client, packVersion: () => string): BotMetrics {
  const registry = new Registry();
  const interactions = new Counter({
    name: "summit_interactions_total",
    help: "Interactions handled, by kind, command and outcome.",
    labelNames: ["kind", "command", "outcome"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "summit_handler_latency_seconds",
    help: "Time from receiving an interaction to its reply being accepted.",
    labelNames: ["kind"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: "summit_gateway_ping_seconds",
    help: "Gateway heartbeat round trip, per shard.",
    labelNames: ["shard"],
    registers: [registry],
    collect() {
      for (const [id, shard] of client.ws.shards)
        if (shard.ping >= 0) this.set({ shard: String(id) }, shard.ping / 1000);
    },
  });
  new Gauge({
    name: "summit_shard_ready",
    help: "1 while the shard's gateway session is ready, else 0.",
    labelNames: ["shard"],
    registers: [registry],
    collect() {
      for (const [id, shard] of client.ws.shards)
        this.set({ shard: String(id) }, shard.status === Status.Ready ? 1 : 0);
    },
  });
  new Gauge({
    name: "summit_content_pack_info",
    help: "The content pack being served (its version is the label).",
    labelNames: ["version"],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: packVersion() }, 1);
    },
  });
  return {
    registry,
    recordInteraction: ({ kind, command, outcome, latencyMs }) => {
      interactions.inc({ kind, command, outcome });
      latency.observe({ kind }, latencyMs / 1000);
    },
  };
}

/** Probes and scrapes take milliseconds: a connection silent, idle or slow for this long is closed. */
const IDLE_MS = 5000;
/** Connections open at once; more are closed at once, so a flood cannot hold the process's sockets. */
export const HEALTH_MAX_CONNECTIONS = 32;

/** `/healthz` (alive), `/readyz` (200 or 503 with the reason), `/metrics` (Prometheus text). */
export async function startHealthServer(
  address: { port: number; host: string },
  metrics: BotMetrics,
  ready: () => Readiness,
): Promise<Server> {
  const server = createServer(
    // Node checks the headers and request deadlines every connectionsCheckingInterval (30 s by default).
    { headersTimeout: IDLE_MS, requestTimeout: IDLE_MS, keepAliveTimeout: IDLE_MS, connectionsCheckingInterval: 1000 },
    (req, res) => {
      const send = (status: number, type: string, body: string) =>
        res.writeHead(status, { "content-type": type }).end(body);
      if (req.url === "/healthz") return send(200, "text/plain", "ok\n");
      if (req.url === "/readyz") {
        const state = ready();
        return send(state.ready ? 200 : 503, "application/json", JSON.stringify(state));
      }
      if (req.url === "/metrics") {
        metrics.registry.metrics().then(
          (text) => send(200, metrics.registry.contentType, text),
          (error: Error) => send(500, "text/plain", error.message),
        );
        return;
      }
      send(404, "text/plain", "not found\n");
    },
  );
  // A socket that sends nothing at all is closed after IDLE_MS too.
  server.timeout = IDLE_MS;
  server.maxConnections = HEALTH_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen(address.port, address.host, resolve),
  );
  return server;
}

export function serverPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
