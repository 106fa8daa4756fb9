import { Status, type Client } from "discord.js";

export interface Readiness {
  ready: boolean;
  reason?: string;
  shards: Array<{ id: number; status: string; ping: number }>;
}

/** Ready while every shard this process runs has a READY gateway session and content is loaded. */
export function readiness(client: Client, contentLoaded: boolean, stopping: boolean): Readiness {
  const shards = [...client.ws.shards.values()].map((s) => ({
    id: s.id,
    status: Status[s.status] ?? String(s.status),
    ping: s.ping,
  }));
  const notReady = shards.filter((s) => s.status !== "Ready").map((s) => `shard ${s.id} is ${s.status}`);
  const reason = stopping
    ? "shutting down"
    : !contentLoaded
      ? "content not loaded"
      : shards.length === 0
        ? "not connected to the gateway"
        : notReady.join(", ");
  return { ready: !reason, ...(reason ? { reason } : {}), shards };
}
