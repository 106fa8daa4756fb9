import { Routes, type RESTGetAPIApplicationCommandsResult } from "discord-api-types/v10";
import type { REST } from "discord.js";
import { commands, type Command, type CommandDefinition } from "../../commands/index.js";
import type { ArticlePack } from "../content/pack.js";

/** The commands a bot serves on Discord: the message menu answers in conversation, so ASK_IN_CHAT=off leaves it out. */
export function servedCommands(askInChat: boolean): readonly Command[] {
  return askInChat ? commands : commands.filter((c) => !c.menu);
}

export function commandDefinitions(commands: readonly Command[], pack: ArticlePack): CommandDefinition[] {
  return commands.map((c) => c.data(pack));
}

export interface RegistrationTarget {
  applicationId: string;
  /** Register to one guild (instant, for development); globally otherwise. */
  guildId?: string;
}

function route({ applicationId, guildId }: RegistrationTarget) {
  return guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
}

/**
 * Bulk-overwrites the registered commands with ours, unless they already match: running it twice
 * changes nothing. Returns whether anything changed.
 */
export async function deployCommands(
  rest: REST,
  target: RegistrationTarget,
  definitions: CommandDefinition[],
): Promise<boolean> {
  if (await commandsMatch(rest, target, definitions)) return false;
  await rest.put(route(target), { body: definitions });
  return true;
}

export async function commandsMatch(
  rest: REST,
  target: RegistrationTarget,
  definitions: CommandDefinition[],
): Promise<boolean> {
  // Localizations are part of a definition, but Discord returns them only when asked.
  const query = new URLSearchParams({ with_localizations: "true" });
  const registered = (await rest.get(route(target), { query })) as RESTGetAPIApplicationCommandsResult;
  const key = (list: readonly object[]) =>
    JSON.stringify(list.map(canonical).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  return key(registered) === key(definitions);
}

type Fields = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : undefined);
const sorted = (value: unknown) => list(value)?.toSorted((a, b) => Number(a) - Number(b)) ?? null;

/**
 * A definition whole, with every default Discord fills in (`type` 1, `required`/`autocomplete`/`nsfw`
 * false, `integration_types` [0], null where unset) and nothing it adds (ids, versions, `guild_id`): ours
 * and Discord's copy compare equal exactly when a user would see the same command. `dm_permission` is
 * left out: `contexts`, which we always set, supersedes it.
 */
function canonical(definition: object): Fields {
  const d = definition as Fields;
  return {
    type: d.type ?? 1,
    name: d.name,
    name_localizations: d.name_localizations ?? null,
    // Discord stores a menu command's description as "".
    description: d.description ?? "",
    description_localizations: d.description_localizations ?? null,
    default_member_permissions: d.default_member_permissions == null ? null : String(d.default_member_permissions),
    contexts: sorted(d.contexts),
    integration_types: sorted(d.integration_types ?? [0]),
    nsfw: d.nsfw ?? false,
    options: list(d.options)?.map((o) => canonicalOption(o as Fields)) ?? [],
  };
}

function canonicalOption(o: Fields): Fields {
  return {
    type: o.type,
    name: o.name,
    name_localizations: o.name_localizations ?? null,
    description: o.description,
    description_localizations: o.description_localizations ?? null,
    required: o.required ?? false,
    autocomplete: o.autocomplete ?? false,
    // Choices show in the order given.
    choices:
      list(o.choices)?.map((c) => {
        const choice = c as Fields;
        return { name: choice.name, name_localizations: choice.name_localizations ?? null, value: choice.value };
      }) ?? null,
    channel_types: sorted(o.channel_types),
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    options: list(o.options)?.map((sub) => canonicalOption(sub as Fields)) ?? null,
  };
}
