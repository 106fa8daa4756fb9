import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { ArticlePack } from "../src/content/pack.js";
import type { SearchEngine } from "../src/search/engine.js";
import type { Answer } from "../src/search/reply.js";
import type { Choice } from "../src/search/suggest.js";

export type PermissionName = keyof typeof PermissionFlagsBits;

/** Where a command runs: its help speaks that place's syntax. */
export type Surface = "discord" | "terminal";

export interface CommandContext {
  engine: SearchEngine;
  /** Every command, for `help`. */
  commands: readonly Command[];
  surface: Surface;
}

/** A Discord option definition as written in a command module (`as const` arrays are readonly). */
export type OptionDefinition = Immutable<APIApplicationCommandOption>;
type Immutable<T> = T extends readonly (infer Item)[]
  ? readonly Immutable<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

/** The options a handler receives: a subcommand's options count as the command's own. */
type Leaf<O> = O extends {
  readonly type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup;
  readonly options?: infer Inner extends readonly unknown[];
}
  ? Leaf<Inner[number]>
  : O;
type ValueOf<O> = O extends { readonly type: ApplicationCommandOptionType.String }
  ? string
  : O extends { readonly type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { readonly type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : string; // users, channels, roles, mentionables and attachments arrive as their ids

/** A handler's arguments, typed from its option definitions: a renamed option is a type error. */
export type ArgumentsOf<Options extends readonly OptionDefinition[]> = {
  [O in Leaf<Options[number]> as O extends { readonly name: infer Name extends string } ? Name : never]: O extends {
    readonly required: true;
  }
    ? ValueOf<O>
    : ValueOf<O> | undefined;
};

type OptionName<Options extends readonly OptionDefinition[]> = keyof ArgumentsOf<Options> & string;

/** A definition as Discord's API takes it: a slash command, or a message menu command (no description or options). */
export type CommandDefinition =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | (RESTPostAPIContextMenuApplicationCommandsJSONBody & { description?: undefined; options?: undefined });

/** Option values as a transport parses them: Discord's interaction options, or the CLI's words. */
export type RawOptions = Readonly<Record<string, string | number | boolean | undefined>>;

/** A command as its module writes it: name, description and options once, the handler typed from them. */
export interface CommandSpec<Options extends readonly OptionDefinition[]> {
  name: string;
  description: string;
  /** What follows the name when it is typed, for help: "1950" for history. */
  example: string;
  /** Discord option definitions; a function of the pack where they depend on it (the slide count). */
  options?: Options | ((pack: ArticlePack) => Options);
  /** The option that the words typed after the command fill in the terminal (a menu command's: the message's text). */
  textOption?: OptionName<Options>;
  /**
   * A message menu command (Apps, on a message) rather than a slash command: Discord takes no description
   * or options for it; the handler gets the message's text in `textOption`.
   */
  menu?: "message";
  /**
   * Servers only, usable by default by members with these permissions (admins can change that), and
   * checked again when it runs, with the bot's own, in the channel `channelOption` names or else where it
   * was typed.
   */
  requires?: {
    member: PermissionName[];
    /** What the member needs besides, in the target channel only: checked when it runs, not who sees it. */
    memberInChannel?: PermissionName[];
    bot?: PermissionName[];
    channelOption?: OptionName<Options>;
  };
  /** Its effect happens on Discord (an action the Discord layer carries out): not offered in the terminal. */
  discordOnly?: true;
  /** Seconds between two uses by one member; the dispatcher's default when unset. */
  cooldownSeconds?: number;
  execute: (context: CommandContext, args: ArgumentsOf<Options>) => Answer;
  autocomplete?: (context: CommandContext, focused: { name: OptionName<Options>; value: string }) => Choice[];
}

/** A command as transports run it: the definition Discord takes, and handlers over parsed options. */
export interface Command {
  name: string;
  description: string;
  example: string;
  textOption?: string;
  menu?: "message";
  requires?: {
    member: PermissionName[];
    memberInChannel?: PermissionName[];
    bot?: PermissionName[];
    channelOption?: string;
  };
  discordOnly?: true;
  cooldownSeconds?: number;
  /** The definition, as Discord's API takes it. */
  data: (pack: ArticlePack) => CommandDefinition;
  execute: (context: CommandContext, options: RawOptions) => Answer;
  autocomplete?: (context: CommandContext, focused: { name: string; value: string }) => Choice[];
}

/**
 * Plain typed objects rather than a builder library: nothing to load at start-up, and the CLI shares
 * them without a Discord dependency. Options reach the handler checked against their definitions, so
 * a stale registration or a hand-typed CLI line cannot hand it a value of the wrong type.
 */
export function defineCommand<const Options extends readonly OptionDefinition[] = []>(
  spec: CommandSpec<Options>,
): Command {
  const optionsFor = (pack: ArticlePack): readonly OptionDefinition[] =>
    typeof spec.options === "function" ? spec.options(pack) : (spec.options ?? []);
  return {
    name: spec.name,
    description: spec.description,
    example: spec.example,
    ...(spec.requires ? { requires: spec.requires } : {}),
    ...(spec.discordOnly ? { discordOnly: spec.discordOnly } : {}),
    ...(spec.cooldownSeconds !== undefined ? { cooldownSeconds: spec.cooldownSeconds } : {}),
    ...(spec.textOption ? { textOption: spec.textOption } : {}),
    ...(spec.menu ? { menu: spec.menu } : {}),
    data: (pack) => {
      const common = {
        name: spec.name,
        contexts: spec.requires
          ? [InteractionContextType.Guild]
          : [InteractionContextType.Guild, InteractionContextType.BotDM],
        integration_types: [ApplicationIntegrationType.GuildInstall],
        ...(spec.requires
          ? {
              default_member_permissions: String(
                spec.requires.member.reduce((all, p) => all | PermissionFlagsBits[p], 0n),
              ),
            }
          : {}),
      };
      if (spec.menu) return { type: ApplicationCommandType.Message, ...common };
      const options = optionsFor(pack) as APIApplicationCommandOption[];
      return { type: ApplicationCommandType.ChatInput, description: spec.description, options, ...common };
    },
    execute: (context, options) =>
      spec.execute(context, readArguments(optionsFor(context.engine.pack), options) as ArgumentsOf<Options>),
    ...(spec.autocomplete ? { autocomplete: spec.autocomplete as NonNullable<Command["autocomplete"]> } : {}),
  };
}

function leaves(options: readonly OptionDefinition[]): OptionDefinition[] {
  return options.flatMap((o) =>
    o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup
      ? leaves(o.options ?? [])
      : [o],
  );
}

const NUMERIC = new Set([ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.Number]);

/** Keeps each value whose type its definition declares; a missing required text is empty text. */
function readArguments(options: readonly OptionDefinition[], raw: RawOptions): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const option of leaves(options)) {
    const value = raw[option.name];
    const expected =
      option.type === ApplicationCommandOptionType.Boolean ? "boolean" : NUMERIC.has(option.type) ? "number" : "string";
    if (typeof value === expected) args[option.name] = value;
    else if (expected === "string" && "required" in option && option.required) args[option.name] = "";
  }
  return args;
}

/** The options every query command has: answer only to me, and whom the answer is for. */
export const REPLY_OPTIONS = [
  { type: ApplicationCommandOptionType.Boolean, name: "hide", description: "Show the answer only to you" },
  {
    type: ApplicationCommandOptionType.User,
    name: "mention",
    description: "Someone to address the answer to (they get pinged)",
  },
] as const;
