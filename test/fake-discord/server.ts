import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { validateDiscordRequest } from "./openapi.js";

/**
 * A fake Discord on 127.0.0.1 for driving the real discord.js client: REST (gateway discovery,
 * interaction callbacks, webhooks, commands, channel messages) and a JSON gateway v10 (hello, identify,
 * heartbeat, resume, dispatch). Every request body is checked against Discord's OpenAPI spec, and every REST
 * response carries Discord's rate-limit headers, enforced with 429 as Discord does.
 */

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  discriminator?: string;
  avatar?: string | null;
  bot?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  files: Array<{ field: string; name: string; contentType: string; bytes: Buffer }>;
  at: number;
}

export interface InteractionResponse {
  interactionId: string;
  /** The callback: type 4 (message), 7 (update message), 8 (autocomplete). */
  type: number;
  data: Record<string, unknown>;
  files: RecordedRequest["files"];
  /** The message the callback created or updated, as a button on it would carry it. */
  message: Record<string, unknown>;
}

export interface FaultRule {
  method?: string;
  /** Matches the request path (after /api/v10). */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests to fail; 1 by default. */
  times?: number;
  /** How many matching requests to let through first. */
  after?: number;
}

interface Session {
  id: string;
  socket?: WebSocket;
  seq: number;
  shard: [number, number];
  /** The gateway intents it identified with: events outside them are not sent to it. */
  intents: number;
  sent: Array<{ s: number; payload: object }>;
}

/** Gateway intents the fake knows events for (bits of identify's `intents`). */
export const INTENTS = { GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

/** A message as a member sends it (see `FakeDiscord.postMessage`). */
export interface PostedMessage {
  author?: FakeUser;
  content: string;
  /** null for a DM with the bot; the first guild by default. */
  guildId?: string | null;
  /** #general by default (a guild channel or thread of it). */
  channelId?: string;
  /** The message this one replies to. */
  replyTo?: Record<string, unknown>;
  /** Whether a reply pings the replied-to author (Discord's default), which puts them in `mentions`. */
  ping?: boolean;
  /** Sent by a webhook under this id, not by a member. */
  webhookId?: string;
}

const DEFAULT_USER: FakeUser = {
  id: "200000000000000001",
  username: "member",
  discriminator: "0",
  avatar: null,
  global_name: "Member",
};

let counter = 0n;
/** Snowflake-shaped ids (Discord epoch, increasing). */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) + counter).toString();
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** A thread in this channel: permissions are the parent's, and GUILD_CREATE does not carry it (uncached). */
  threadOf?: string;
  /** Permission overwrites: type 0 for a role, 1 for a member. */
  overwrites?: Array<{ id: string; type: 0 | 1; allow?: bigint; deny?: bigint }>;
}

export interface FakeGuild {
  id: string;
  name: string;
  roles?: FakeRole[];
  channels?: FakeChannel[];
  /** Role ids per user id (the bot included). */
  memberRoles?: Record<string, string[]>;
  /** Members in timeout: Discord leaves them View Channel and Read Message History, in every field it sends. */
  timedOut?: string[];
}

const P = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
  UseApplicationCommands: 1n << 31n,
} as const;
export const FAKE_PERMISSIONS = P;
const MEMBER_DEFAULT =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.UseApplicationCommands;

export const GENERAL_CHANNEL_ID = "300000000000000001";

export interface FakeDiscordOptions {
  token: string;
  applicationId: string;
  guilds?: FakeGuild[];
  botUser?: FakeUser;
  shards?: number;
  heartbeatIntervalMs?: number;
  /** The token the gateway accepts, when it should differ from REST's (to test close 4004). */
  gatewayToken?: string;
  /**
   * Check every request body against Discord's OpenAPI spec into `specViolations` (default). The
   * benchmark turns it off: the check is the fake's own work, on the cores the clients are measured on.
   */
  checkSpec?: boolean;
  /**
   * Keep every request, message and response, and each session's resume buffer (default). The benchmark
   * turns it off: over its run that history grows the fake's heap, and collecting it stalls the fake
   * during whichever client's traffic is running (docs/performance.md). Without it, sessions cannot resume.
   */
  keepHistory?: boolean;
  /**
   * How long after an interaction is sent its initial response is accepted: Discord's 3 s by default,
   * after which a callback gets 10062 Unknown interaction. Only tests whose subject is not timing
   * (fuzzing on loaded cores) lengthen it.
   */
  interactionDeadlineMs?: number;
  /** Identifies Discord lets through at once, advertised in /gateway/bot; 1 (most bots) by default. */
  maxConcurrency?: number;
  /**
   * The pause Discord enforces between two identifies of one rate-limit bucket (shard id modulo
   * max_concurrency): 5 s by default. Tests may shorten it; an identify inside it is refused with op 9.
   */
  identifyIntervalMs?: number;
  /** Fewer shards than this get close 4011 (sharding required) on identify, as a bot past 2,500 guilds per shard does. */
  requiredShards?: number;
  /** Requests each rate-limit bucket allows per window (see `rateLimit` on the fake). */
  rateLimit?: RateLimit;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Discord's global limit, 50 requests a second, taken for every bucket: tests far from it are not slowed. */
const DEFAULT_RATE_LIMIT: RateLimit = { limit: 50, windowMs: 1000 };
/** Interaction callbacks, which Discord does not rate-limit by the bot's buckets. */
const CALLBACK_PATH = /^\/interactions\/\d+\/[^/]+\/callback$/;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Callback requests per interaction id, whatever their outcome (kept with or without history). */
  readonly callbackCounts = new Map<string, number>();
  readonly specViolations: string[] = [];
  /** Registered commands: key "global" or a guild id. */
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  /** Shards that identified, as [id, count]. */
  readonly identified: Array<[number, number]> = [];
  /** The intents of each identify, in order. */
  readonly identifiedIntents: number[] = [];
  /** Identifies refused because they came sooner than the pacing allows, as [id, count]. */
  readonly identifiedTooSoon: Array<[number, number]> = [];
  /** When each rate-limit bucket last let an identify through. */
  private readonly lastIdentify = new Map<number, number>();
  readonly botUser: FakeUser;
  readonly guilds: FakeGuild[];
  /** Messages posted into channels, by channel id, in order. */
  readonly channelMessages = new Map<string, Array<Record<string, unknown>>>();
  apiUrl = "";

  private readonly http = createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly waiters = new Map<string, Array<(response: InteractionResponse) => void>>();
  private readonly responses = new Map<string, InteractionResponse[]>();
  private readonly messages = new Map<string, Record<string, unknown>>();
  private readonly faults: FaultRule[] = [];
  private readyWaiters: Array<() => void> = [];
  private readonly interactionTokens = new Map<string, string>();
  private readonly acknowledged = new Set<string>();
  /** When each interaction was sent, for the initial-response deadline. */
  private readonly sentAt = new Map<string, number>();
  /** Interaction tokens: a random prefix per fake and a count, as unguessable across fakes and cheaper than random bytes each. */
  private readonly tokenPrefix = randomBytes(18).toString("base64url");
  private interactionCount = 0;
  private readonly keepsHistory: boolean;
  /** Rate-limit windows by bucket and major parameter (channel, guild or webhook id). */
  private readonly buckets = new Map<string, { resetAt: number; remaining: number }>();
  /** The limits every REST response states in its X-RateLimit-* headers, and enforces with 429; tests may tighten it. */
  rateLimit: RateLimit;

  constructor(private readonly options: FakeDiscordOptions) {
    this.keepsHistory = options.keepHistory !== false;
    this.rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.botUser = options.botUser ?? {
      id: snowflake(),
      username: "summit-bot",
      discriminator: "0",
      avatar: null,
      bot: true,
      global_name: null,
    };
    this.guilds = (options.guilds ?? [{ id: snowflake(), name: "Test Server" }]).map((g) => ({
      ...g,
      roles: [{ id: g.id, name: "@everyone", permissions: MEMBER_DEFAULT }, ...(g.roles ?? [])],
      channels: [
        { id: GENERAL_CHANNEL_ID, name: "general" },
        ...(g.channels ?? []).filter((c) => c.id !== GENERAL_CHANNEL_ID),
      ],
      memberRoles: g.memberRoles ?? {},
    }));
    this.http.on("upgrade", (req, socket, head) =>
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws)),
    );
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.http.listen(0, "127.0.0.1", resolve));
    fake.apiUrl = `http://127.0.0.1:${(fake.http.address() as AddressInfo).port}/api`;
    return fake;
  }

  get identifyIntervalMs(): number {
    return this.options.identifyIntervalMs ?? 5000;
  }

  get gatewayUrl(): string {
    return this.apiUrl.replace(/^http/, "ws").replace(/\/api$/, "/gateway");
  }

  /** Resolves once `count` shards are connected and READY. */
  waitForReady(count = 1): Promise<void> {
    const ready = () => [...this.sessions.values()].filter((s) => s.socket).length >= count;
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(() => ready() && resolve()));
  }

  failNext(rule: FaultRule): void {
    this.faults.push({ times: 1, ...rule });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Sessions resumed (op 6) so far. */
  resumes = 0;

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- interactions -------------------------------------------------------------------------------

  /** Sends a slash command and resolves with the first response to it. */
  sendCommand(command: {
    name: string;
    options?: Array<Record<string, unknown>>;
    user?: FakeUser;
    guildId?: string | null;
    resolvedUsers?: FakeUser[];
    /** Channel ids named by channel options. */
    resolvedChannels?: string[];
    /** Where it is typed: #general by default. */
    channelId?: string;
  }): Promise<InteractionResponse> {
    const users = command.resolvedUsers ?? [];
    const user = command.user ?? DEFAULT_USER;
    const guild = this.guildFor(command.guildId);
    const channels = (command.resolvedChannels ?? [])
      .map((id) => guild?.channels?.find((c) => c.id === id))
      .filter((c) => c !== undefined);
    return this.dispatchInteraction({
      type: 2,
      user,
      guildId: command.guildId,
      channelId: command.channelId,
      data: {
        id: snowflake(),
        name: command.name,
        type: 1,
        options: command.options ?? [],
        ...(users.length > 0 || channels.length > 0
          ? {
              resolved: {
                ...(users.length > 0 ? { users: Object.fromEntries(users.map((u) => [u.id, u])) } : {}),
                ...(channels.length > 0 && guild
                  ? {
                      channels: Object.fromEntries(
                        channels.map((c) => [
                          c.id,
                          {
                            ...this.channelPayload(guild, c),
                            permissions: String(this.permissionsIn(guild, user.id, c.id)),
                          },
                        ]),
                      ),
                    }
                  : {}),
              },
            }
          : {}),
      },
    });
  }

  /** A channel as interactions carry it: a text channel, or a public thread of one. */
  private channelPayload(guild: FakeGuild, channel: FakeChannel): Record<string, unknown> {
    const base = { id: channel.id, name: channel.name, guild_id: guild.id };
    if (!channel.threadOf) return { ...base, type: 0 };
    const archived = { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString() };
    return { ...base, type: 11, parent_id: channel.threadOf, thread_metadata: { ...archived, locked: false } };
  }

  private guildFor(guildId: string | null | undefined): FakeGuild | undefined {
    return guildId === null ? undefined : this.guilds.find((g) => g.id === (guildId ?? this.guilds[0]?.id));
  }

  /**
   * A member's permissions in a channel, as Discord computes them: roles, then channel overwrites (a
   * thread's parent's), then a timeout's limits.
   */
  permissionsIn(guild: FakeGuild, userId: string, channelId: string): bigint {
    const thread = guild.channels?.find((c) => c.id === channelId)?.threadOf;
    if (thread) return this.permissionsIn(guild, userId, thread);
    const roleIds = guild.memberRoles?.[userId] ?? [];
    const roles = guild.roles ?? [];
    let permissions = roles
      .filter((r) => r.id === guild.id || roleIds.includes(r.id))
      .reduce((all, r) => all | r.permissions, 0n);
    if (permissions & P.Administrator) return ~0n & ((1n << 53n) - 1n);
    const overwrites = guild.channels?.find((c) => c.id === channelId)?.overwrites ?? [];
    const apply = (list: typeof overwrites) => {
      const allow = list.reduce((a, o) => a | (o.allow ?? 0n), 0n);
      const deny = list.reduce((a, o) => a | (o.deny ?? 0n), 0n);
      permissions = (permissions & ~deny) | allow;
    };
    apply(overwrites.filter((o) => o.type === 0 && o.id === guild.id));
    apply(overwrites.filter((o) => o.type === 0 && o.id !== guild.id && roleIds.includes(o.id)));
    apply(overwrites.filter((o) => o.type === 1 && o.id === userId));
    return guild.timedOut?.includes(userId) ? permissions & (P.ViewChannel | P.ReadMessageHistory) : permissions;
  }

  /** Autocomplete for one focused option; resolves with the choices offered. */
  async sendAutocomplete(command: {
    name: string;
    options: Array<Record<string, unknown>>;
    user?: FakeUser;
    guildId?: string | null;
  }): Promise<Array<{ name: string; value: unknown }>> {
    const response = await this.dispatchInteraction({
      type: 4,
      user: command.user,
      guildId: command.guildId,
      data: { id: snowflake(), name: command.name, type: 1, options: command.options },
    });
    return (response.data.choices as Array<{ name: string; value: unknown }>) ?? [];
  }

  /** Uses a message menu command on a message (the target's content whole, as Discord sends it). */
  sendMessageCommand(command: {
    name: string;
    target: Record<string, unknown>;
    user?: FakeUser;
    guildId?: string | null;
  }): Promise<InteractionResponse> {
    const { target } = command;
    return this.dispatchInteraction({
      type: 2,
      user: command.user,
      guildId: command.guildId,
      channelId: target.channel_id as string,
      data: {
        id: snowflake(),
        name: command.name,
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id as string]: target } },
      },
    });
  }

  /** Clicks a button of a message the bot sent. */
  clickButton(click: {
    customId: string;
    message: Record<string, unknown>;
    user?: FakeUser;
    guildId?: string | null;
  }): Promise<InteractionResponse> {
    return this.dispatchInteraction({
      type: 3,
      user: click.user,
      guildId: click.guildId,
      data: { custom_id: click.customId, component_type: 2 },
      message: click.message,
    });
  }

  /** Picks an option of a select menu on a message the bot sent. */
  selectMenu(pick: {
    customId: string;
    values: string[];
    message: Record<string, unknown>;
    user?: FakeUser;
    guildId?: string | null;
  }): Promise<InteractionResponse> {
    return this.dispatchInteraction({
      type: 3,
      user: pick.user,
      guildId: pick.guildId,
      data: { custom_id: pick.customId, component_type: 3, values: pick.values },
      message: pick.message,
    });
  }

  // ---- messages ------------------------------------------------------------------------------------

  /** What the bot posted in reply to a message, in order. */
  repliesTo(messageId: string): Array<Record<string, unknown>> {
    return [...this.channelMessages.values()]
      .flat()
      .filter((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === messageId);
  }

  /** DM channel ids by user id. */
  private readonly dmChannels = new Map<string, string>();

  /** The DM channel between the bot and a user. */
  dmChannelOf(user: FakeUser): string {
    let id = this.dmChannels.get(user.id);
    if (!id) this.dmChannels.set(user.id, (id = snowflake()));
    return id;
  }

  /**
   * A member's (or a webhook's) message: stored, and dispatched as MESSAGE_CREATE to a bot that subscribed to
   * GUILD_MESSAGES or DIRECT_MESSAGES, as Discord shows it to that bot. Mentions are read from the content
   * (`<@id>`, `<@&id>`, @everyone, @here), and a reply with ping on mentions the replied-to author. Returns
   * the message as stored (content whole).
   */
  postMessage(input: PostedMessage): Record<string, unknown> {
    const author = input.author ?? DEFAULT_USER;
    const guild = this.guildFor(input.guildId);
    const channelId = guild ? (input.channelId ?? GENERAL_CHANNEL_ID) : this.dmChannelOf(author);
    const mentioned = [...input.content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1] as string);
    const repliedTo = input.replyTo?.author as FakeUser | undefined;
    if (repliedTo && input.ping !== false) mentioned.push(repliedTo.id);
    const message = this.remember({
      ...this.baseMessage(snowflake(), author, channelId, guild),
      content: input.content,
      mentions: [...new Set(mentioned)].map((id) => (id === this.botUser.id ? this.botUser : { ...DEFAULT_USER, id })),
      mention_roles: [...input.content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]),
      mention_everyone: /@(?:everyone|here)/.test(input.content),
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
      ...this.replyFields(input.replyTo),
    });
    this.dispatchMessage(message, guild);
    return message;
  }

  /** The channel a message was posted in, its guild, and the fields every message has. */
  private baseMessage(id: string, author: FakeUser, channelId: string, guild?: FakeGuild): Record<string, unknown> {
    const channel = guild?.channels?.find((c) => c.id === channelId);
    return {
      id,
      type: 0,
      channel_id: channelId,
      // Discord sends the channel's type with MESSAGE_CREATE: a client that has not cached it can still build it.
      channel_type: guild ? (channel?.threadOf ? 11 : 0) : 1,
      ...(guild ? { guild_id: guild.id } : {}),
      author,
      content: "",
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
    };
  }

  private replyFields(replyTo: Record<string, unknown> | undefined): Record<string, unknown> {
    if (!replyTo) return {};
    const { channel_id, guild_id } = replyTo;
    return {
      type: 19,
      message_reference: { type: 0, message_id: replyTo.id, channel_id, ...(guild_id ? { guild_id } : {}) },
      referenced_message: replyTo,
    };
  }

  private remember(message: Record<string, unknown>): Record<string, unknown> {
    if (this.keepsHistory) this.messages.set(message.id as string, message);
    return message;
  }

  /**
   * MESSAGE_CREATE as a bot without the Message Content intent receives it: content, embeds, attachments and
   * components empty, unless it is a DM, mentions the bot, or is the bot's own (the replied-to message too).
   */
  private dispatchMessage(message: Record<string, unknown>, guild: FakeGuild | undefined): void {
    const intent = guild ? INTENTS.GuildMessages : INTENTS.DirectMessages;
    const target = this.sessionFor(guild?.id);
    if (!target || (target.intents & intent) === 0) return;
    const reads = (m: Record<string, unknown>) =>
      (target.intents & INTENTS.MessageContent) !== 0 ||
      !guild ||
      (m.author as FakeUser).id === this.botUser.id ||
      (m.mentions as FakeUser[]).some((u) => u.id === this.botUser.id);
    const shown = (m: Record<string, unknown>) =>
      reads(m) ? m : { ...m, content: "", embeds: [], attachments: [], components: [] };
    const referenced = message.referenced_message as Record<string, unknown> | undefined;
    this.send(target, {
      op: 0,
      t: "MESSAGE_CREATE",
      d: { ...shown(message), ...(referenced ? { referenced_message: shown(referenced) } : {}) },
    });
  }

  /** How many callbacks the bot attempted for an interaction (answered exactly once means 1). */
  callbackAttempts(interactionId: string): number {
    return this.callbackCounts.get(interactionId) ?? 0;
  }

  /** Every response (callback, edits, follow-ups) to an interaction so far. */
  responsesTo(interactionId: string): InteractionResponse[] {
    return this.responses.get(interactionId) ?? [];
  }

  lastInteractionId = "";

  private dispatchInteraction(input: {
    type: number;
    user?: FakeUser;
    guildId?: string | null;
    channelId?: string;
    data: Record<string, unknown>;
    message?: Record<string, unknown>;
  }): Promise<InteractionResponse> {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${this.tokenPrefix}${(this.interactionCount += 1).toString(36)}`;
    this.lastInteractionId = id;
    this.interactionTokens.set(token, id);
    this.sentAt.set(id, performance.now());
    const user = input.user ?? DEFAULT_USER;
    const guild = this.guildFor(input.guildId);
    const guildId = guild?.id;
    const channelId = input.channelId ?? GENERAL_CHANNEL_ID;
    const channel = guild?.channels?.find((c) => c.id === channelId);
    const payload = {
      id,
      application_id: this.options.applicationId,
      type: input.type,
      token,
      version: 1,
      data: input.data,
      channel_id: channelId,
      channel: guild && channel ? this.channelPayload(guild, channel) : { id: channelId, type: 1 },
      locale: "en-US",
      // The app's permissions where the interaction happened, as Discord computes them (a fixed set in DMs).
      app_permissions: String(guild ? this.permissionsIn(guild, this.botUser.id, channelId) : 2248473465835073n),
      entitlements: [],
      authorizing_integration_owners: guildId ? { 0: guildId } : { 1: user.id },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10485760,
      ...(guildId
        ? {
            guild_id: guildId,
            guild_locale: "en-US",
            member: {
              user,
              roles: guild?.memberRoles?.[user.id] ?? [],
              permissions: String(guild ? this.permissionsIn(guild, user.id, channelId) : 0n),
              communication_disabled_until: guild?.timedOut?.includes(user.id)
                ? new Date(Date.now() + 3_600_000).toISOString()
                : null,
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
          }
        : { user }),
      ...(input.message ? { message: input.message } : {}),
    };
    const response = new Promise<InteractionResponse>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no response to interaction ${id} (${JSON.stringify(input.data).slice(0, 120)}) in time`)),
        // Past the deadline, and its retries' worth of margin: a response can no longer come.
        (this.options.interactionDeadlineMs ?? 3000) + 2000,
      );
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), (r) => (clearTimeout(timer), resolve(r))]);
    });
    this.dispatch("INTERACTION_CREATE", payload, guildId ?? undefined);
    return response;
  }

  /** Sends a gateway event to the shard that owns the guild (or shard 0). */
  dispatch(event: string, data: object, guildId?: string): void {
    const target = this.sessionFor(guildId);
    if (!target) throw new Error("no gateway session to dispatch to");
    this.send(target, { op: 0, t: event, d: data });
  }

  /**
   * The session of the shard that owns the guild (or shard 0): a connected one first, the latest first (a bot
   * that restarted identified anew), else one that may resume.
   */
  private sessionFor(guildId: string | undefined): Session | undefined {
    const latest = [...this.sessions.values()].reverse();
    const sessions = [...latest.filter((s) => s.socket), ...latest.filter((s) => !s.socket)];
    return (
      sessions.find(
        (s) =>
          s.shard[1] > 0 &&
          guildId !== undefined &&
          Number((BigInt(guildId) >> 22n) % BigInt(s.shard[1])) === s.shard[0],
      ) ??
      sessions.find((s) => s.shard[0] === 0) ??
      sessions[0]
    );
  }

  /** Stops answering heartbeats, as a zombied connection does, until `resumeAcks`. */
  ackHeartbeats = true;

  /** Sends a raw gateway opcode to every connection (e.g. 7, RECONNECT). */
  sendOp(op: number, d: unknown = null): void {
    for (const session of this.sessions.values()) this.send(session, { op, d });
  }

  /** Closes the gateway connections with a code, as Discord does on a restart (4000) or a drop (1001). */
  closeGateway(code: number): void {
    for (const session of this.sessions.values()) session.socket?.close(code, "fake closing");
  }

  private send(session: Session, payload: { op: number; t?: string; d: unknown }): void {
    if (payload.op === 0) {
      session.seq += 1;
      const framed = { ...payload, s: session.seq };
      if (this.keepsHistory) session.sent.push({ s: session.seq, payload: framed });
      session.socket?.send(JSON.stringify(framed));
    } else {
      session.socket?.send(JSON.stringify({ s: null, t: null, ...payload }));
    }
  }

  // ---- gateway ------------------------------------------------------------------------------------

  /** Gateway connections opened so far. */
  connections = 0;

  private onSocket(ws: WebSocket): void {
    this.connections += 1;
    let session: Session | undefined;
    ws.send(
      JSON.stringify({
        op: 10,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41250 },
        s: null,
        t: null,
      }),
    );
    ws.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (message.op === 1 && this.ackHeartbeats) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (message.op === 2) session = this.identify(ws, message.d);
      else if (message.op === 6) session = this.resume(ws, message.d);
    });
    ws.on("close", () => {
      if (session?.socket === ws) session.socket = undefined;
    });
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (d.token !== (this.options.gatewayToken ?? this.options.token)) {
      ws.close(4004, "Authentication failed.");
      return undefined;
    }
    const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
    if (shard[1] < (this.options.requiredShards ?? 1)) {
      ws.close(4011, "Sharding required.");
      return undefined;
    }
    const bucket = shard[0] % (this.options.maxConcurrency ?? 1);
    const last = this.lastIdentify.get(bucket);
    if (last !== undefined && performance.now() - last < this.identifyIntervalMs) {
      this.identifiedTooSoon.push(shard);
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return undefined;
    }
    this.lastIdentify.set(bucket, performance.now());
    this.identified.push(shard);
    const intents = Number(d.intents ?? 0);
    this.identifiedIntents.push(intents);
    const session: Session = { id: randomBytes(16).toString("hex"), socket: ws, seq: 0, shard, intents, sent: [] };
    this.sessions.set(session.id, session);
    const guilds = this.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
    this.send(session, {
      op: 0,
      t: "READY",
      d: {
        v: 10,
        user: this.botUser,
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.options.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
      },
    });
    for (const g of guilds) {
      this.send(session, {
        op: 0,
        t: "GUILD_CREATE",
        d: {
          id: g.id,
          name: g.name,
          unavailable: false,
          owner_id: "200000000000000099",
          member_count: 2,
          roles: (g.roles ?? []).map((r, i) => ({
            id: r.id,
            name: r.name,
            permissions: String(r.permissions),
            position: i,
            color: 0,
            hoist: false,
            managed: false,
            mentionable: false,
            flags: 0,
          })),
          channels: (g.channels ?? [])
            .filter((c) => !c.threadOf)
            .map((c, i) => ({
              id: c.id,
              type: 0,
              name: c.name,
              position: i,
              guild_id: g.id,
              permission_overwrites: (c.overwrites ?? []).map((o) => ({
                id: o.id,
                type: o.type,
                allow: String(o.allow ?? 0n),
                deny: String(o.deny ?? 0n),
              })),
            })),
          members: [
            {
              user: this.botUser,
              roles: g.memberRoles?.[this.botUser.id] ?? [],
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
          ],
          emojis: [],
          stickers: [],
          features: [],
          threads: [],
          voice_states: [],
          presences: [],
          stage_instances: [],
          guild_scheduled_events: [],
          joined_at: new Date().toISOString(),
          large: false,
        },
      });
    }
    this.notifyReady();
    return session;
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): Session | undefined {
    const session = this.sessions.get(String(d.session_id));
    if (!session || d.token !== (this.options.gatewayToken ?? this.options.token)) {
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return undefined;
    }
    session.socket = ws;
    this.resumes += 1;
    for (const { s, payload } of session.sent) if (s > Number(d.seq)) ws.send(JSON.stringify(payload));
    this.send(session, { op: 0, t: "RESUMED", d: {} });
    this.notifyReady();
    return session;
  }

  private notifyReady(): void {
    for (const waiter of this.readyWaiters) waiter();
  }

  // ---- REST ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readAll(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const method = req.method ?? "GET";
    const { body, files } = await parseBody(req, raw);
    if (this.keepsHistory) this.requests.push({ method, path, body, files, at: Date.now() });
    const callbackOf = method === "POST" ? /^\/interactions\/(\d+)\//.exec(path)?.[1] : undefined;
    if (callbackOf) this.callbackCounts.set(callbackOf, (this.callbackCounts.get(callbackOf) ?? 0) + 1);
    const limits = this.countAgainstRateLimit(method, path);
    const json = (status: number, data: unknown, extra: Record<string, string> = {}) => {
      const headers = { ...limits.headers, ...extra };
      res.writeHead(status, data === undefined ? headers : { "content-type": "application/json", ...headers });
      res.end(data === undefined ? undefined : JSON.stringify(data));
    };

    const fault = this.faults.find(
      (f) => f.path.test(path) && (!f.method || f.method === method) && (f.times ?? 0) > 0,
    );
    if (fault && (fault.after ?? 0) > 0) fault.after = (fault.after ?? 0) - 1;
    else if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return json(fault.status, fault.body ?? { message: "fake failure", code: 0 }, fault.headers);
    }
    if (limits.retryAfter !== undefined)
      return json(
        429,
        { message: "You are being rate limited.", retry_after: limits.retryAfter, global: false },
        { "retry-after": String(Math.ceil(limits.retryAfter)), "x-ratelimit-scope": "user" },
      );
    const interactionRoute = /^\/(?:interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+)/.test(path);
    if (!interactionRoute && req.headers.authorization !== `Bot ${this.options.token}`)
      return json(401, { message: "401: Unauthorized", code: 0 });
    if (this.options.checkSpec !== false && (body !== undefined || method !== "GET")) {
      for (const error of validateDiscordRequest(method, path, body)) this.specViolations.push(error);
    }

    let m: RegExpMatchArray | null;
    if (method === "GET" && (path === "/gateway/bot" || path === "/gateway")) {
      return json(200, {
        url: this.gatewayUrl,
        shards: this.options.shards ?? 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 0,
          max_concurrency: this.options.maxConcurrency ?? 1,
        },
      });
    }
    if (method === "GET" && path === "/users/@me") return json(200, this.botUser);
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === "POST") {
      const id = m[1] as string;
      const late = performance.now() - (this.sentAt.get(id) ?? 0) > (this.options.interactionDeadlineMs ?? 3000);
      if (this.interactionTokens.get(m[2] as string) !== id || (late && !this.acknowledged.has(id)))
        return json(404, { message: "Unknown interaction", code: 10062 });
      if (this.acknowledged.has(id))
        return json(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      this.acknowledged.add(id);
      const callback = body as { type: number; data?: Record<string, unknown> };
      this.respond(id, {
        type: callback.type,
        data: callback.data ?? {},
        files,
        message: this.storeMessage(id, callback.data ?? {}, files),
      });
      return json(204, undefined);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const id = this.interactionTokens.get(m[2] as string);
      if (!id) return json(404, { message: "Unknown Webhook", code: 10015 });
      const data = (body ?? {}) as Record<string, unknown>;
      const message = this.storeMessage(m[3] === "@original" ? id : snowflake(), data, files);
      if (method === "PATCH" || method === "POST")
        this.respond(id, { type: method === "PATCH" ? 7 : 4, data, files, message });
      return json(200, message);
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === "POST") {
      const channelId = m[1] as string;
      const data = (body ?? {}) as Record<string, unknown>;
      const guild = this.guilds.find((g) => g.channels?.some((c) => c.id === channelId));
      const reference = data.message_reference as { message_id?: string } | undefined;
      const stored = this.storeMessage(snowflake(), data, files);
      const sent = this.remember({
        ...this.baseMessage(stored.id as string, this.botUser, channelId, guild),
        ...stored,
        ...pick(this.baseMessage("", this.botUser, channelId, guild), ["channel_id", "channel_type", "guild_id"]),
        ...this.replyFields(reference?.message_id ? this.messages.get(reference.message_id) : undefined),
      });
      this.channelMessages.set(channelId, [...(this.channelMessages.get(channelId) ?? []), { ...sent, files }]);
      // Discord sends a bot its own messages too.
      this.dispatchMessage(sent, guild);
      return json(200, sent);
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const key = m[2] ?? "global";
      // Discord keeps a command's full localizations, and returns them only when asked.
      const localized = (list: Array<Record<string, unknown>>) =>
        url.searchParams.get("with_localizations") === "true" ? list : list.map(withoutLocalizations);
      if (method === "PUT") {
        const list = (body as Array<Record<string, unknown>>).map((c) => ({
          id: snowflake(),
          application_id: this.options.applicationId,
          version: snowflake(),
          ...(m?.[2] ? { guild_id: m[2] } : {}),
          ...normalizedCommand(c),
        }));
        this.commands.set(key, list);
        return json(200, localized(list));
      }
      if (method === "GET") return json(200, localized(this.commands.get(key) ?? []));
    }
    return json(404, { message: `fake Discord has no ${method} ${path}`, code: 0 });
  }

  /**
   * Counts a request against its bucket, as Discord does: the route with its ids taken out names the bucket
   * (X-RateLimit-Bucket), and each channel, guild or webhook id has its own window in it. Returns the
   * X-RateLimit-* headers, and the seconds to wait when the window is used up.
   */
  private countAgainstRateLimit(
    method: string,
    path: string,
  ): { headers: Record<string, string>; retryAfter?: number } {
    const route = path.replace(/^(\/(?:interactions|webhooks)\/\d+\/)[^/]+/, "$1:token").replace(/\/\d+/g, "/:id");
    const bucket = createHash("sha256").update(`${method} ${route}`).digest("hex").slice(0, 32);
    const major = /^\/(?:channels|guilds|webhooks)\/(\d+)/.exec(path)?.[1] ?? "";
    const now = Date.now();
    let window = this.buckets.get(`${bucket}:${major}`);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + this.rateLimit.windowMs, remaining: this.rateLimit.limit };
      this.buckets.set(`${bucket}:${major}`, window);
    }
    const exhausted = window.remaining === 0 && !CALLBACK_PATH.test(path);
    if (!exhausted && !CALLBACK_PATH.test(path)) window.remaining -= 1;
    const resetAfter = (window.resetAt - now) / 1000;
    const headers = {
      "x-ratelimit-limit": String(this.rateLimit.limit),
      "x-ratelimit-remaining": String(window.remaining),
      "x-ratelimit-reset": (window.resetAt / 1000).toFixed(3),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-bucket": bucket,
    };
    return exhausted ? { headers, retryAfter: resetAfter } : { headers };
  }

  private storeMessage(
    id: string,
    data: Record<string, unknown>,
    files: RecordedRequest["files"],
  ): Record<string, unknown> {
    const previous = this.messages.get(id) ?? {};
    const attachments = files.map((f) => ({
      id: snowflake(),
      filename: f.name,
      size: f.bytes.length,
      url: `https://cdn.fake/${f.name}`,
      proxy_url: `https://media.fake/${f.name}`,
      content_type: f.contentType,
    }));
    const message = {
      id: (previous.id as string | undefined) ?? snowflake(),
      type: 0,
      channel_id: "300000000000000001",
      author: this.botUser,
      content: "",
      embeds: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...previous,
      ...pick(data, ["content", "embeds", "components", "flags"]),
      attachments: files.length > 0 || data.attachments ? attachments : (previous.attachments ?? []),
    };
    if (this.keepsHistory) this.messages.set(id, message);
    return message;
  }

  private respond(id: string, response: Omit<InteractionResponse, "interactionId">): void {
    const full = { ...response, interactionId: id };
    if (this.keepsHistory) this.responses.set(id, [...this.responsesTo(id), full]);
    const waiters = this.waiters.get(id) ?? [];
    this.waiters.delete(id);
    for (const waiter of waiters) waiter(full);
  }
}

/**
 * A command as Discord stores and returns it, not as sent: every default filled in (`type`, `nsfw`,
 * `integration_types`, `dm_permission`, localizations null, permissions as a string) and `required`
 * left out where false.
 */
function normalizedCommand(c: Record<string, unknown>): Record<string, unknown> {
  const options = (c.options as Array<Record<string, unknown>> | undefined) ?? [];
  return {
    type: c.type ?? 1,
    name: c.name,
    name_localizations: c.name_localizations ?? null,
    description: c.description ?? "",
    description_localizations: c.description_localizations ?? null,
    default_member_permissions: c.default_member_permissions == null ? null : String(c.default_member_permissions),
    dm_permission: c.dm_permission ?? true,
    contexts: c.contexts ?? null,
    integration_types: c.integration_types ?? [0],
    nsfw: c.nsfw ?? false,
    ...(options.length > 0 ? { options: options.map(normalizedOption) } : {}),
  };
}

function normalizedOption(o: Record<string, unknown>): Record<string, unknown> {
  const { required, options, choices, ...rest } = o;
  return {
    ...rest,
    ...(required === true ? { required } : {}),
    ...(Array.isArray(choices) ? { choices: choices.map((ch: Record<string, unknown>) => ({ ...ch })) } : {}),
    ...(Array.isArray(options) ? { options: options.map(normalizedOption) } : {}),
  };
}

function withoutLocalizations(c: Record<string, unknown>): Record<string, unknown> {
  const { name_localizations, description_localizations, ...rest } = c;
  return rest;
}

/** A request's whole body. */
function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

function pick(data: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined && data[k] !== null).map((k) => [k, data[k]]));
}

async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedRequest["files"] }> {
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: RecordedRequest["files"] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (field === "payload_json") body = JSON.parse(String(value));
      else if (typeof value !== "string")
        files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
}
