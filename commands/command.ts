import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { ArticlePack } from "../src/content/pack.js";
import type { SearchEngine } from "../src/search/engine.js";
import type { Answer } from "../src/search/reply.js";
import type { Choice } from "../src/search/suggest.js";

export type PermissionName = keyof typeof PermissionFlagsBits;

/** Option values as parsed by a transport: Discord's interaction options, or the CLI's words. */
export type CommandOptions = Readonly<Record<string, string | number | boolean | undefined>>;

export interface CommandContext {
  engine: SearchEngine;
  /** Every command, for `help`. */
  commands: readonly Command[];
}

/**
 * One slash command: its definition, a handler from parsed options to a transport-neutral answer, and
 * autocomplete. The CLI and the Discord dispatcher both run these; none of it needs a connection.
 */
export interface Command {
  name: string;
  description: string;
  /** How it is typed, for help: "history 1950". */
  example: string;
  /** The option a CLI argument fills, and whether the command needs it. */
  textOption?: { name: string; required: boolean };
  data: (pack: ArticlePack) => RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Permissions checked when the command runs, on top of the definition's defaults (which server admins
   * can override): the member's and the bot's, in the channel an option names or else where it was typed.
   */
  requires?: { member?: PermissionName[]; bot?: PermissionName[]; channelOption?: string };
  /** Seconds between two uses by one member; 0 for none. */
  cooldownSeconds?: number;
  execute: (context: CommandContext, options: CommandOptions) => Answer;
  autocomplete?: (context: CommandContext, focused: { name: string; value: string }) => Choice[];
}

/**
 * A slash command definition, as Discord's API takes it. Plain typed objects rather than a builder
 * library: nothing to load at start-up, and the CLI shares them without a Discord dependency.
 */
export function slashCommand(
  name: string,
  description: string,
  options: APIApplicationCommandOption[],
  { servers = false, permissions }: { servers?: boolean; permissions?: bigint } = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description,
    options,
    contexts: servers ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(permissions !== undefined ? { default_member_permissions: String(permissions) } : {}),
  };
}

/** The options every query command has: answer only to me, and whom the answer is for. */
export const REPLY_OPTIONS: APIApplicationCommandBasicOption[] = [
  { type: ApplicationCommandOptionType.Boolean, name: "hide", description: "Show the answer only to you" },
  {
    type: ApplicationCommandOptionType.User,
    name: "mention",
    description: "Someone to address the answer to (they get pinged)",
  },
];

export function text(options: CommandOptions, name: string): string {
  const value = options[name];
  return typeof value === "string" ? value : "";
}
