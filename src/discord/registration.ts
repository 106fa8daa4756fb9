import {
  Routes,
  type RESTGetAPIApplicationCommandsResult,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { REST } from "discord.js";
import type { Command } from "../../commands/index.js";
import type { ArticlePack } from "../content/pack.js";

export function commandDefinitions(
  commands: readonly Command[],
  pack: ArticlePack,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
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
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
): Promise<boolean> {
  if (await commandsMatch(rest, target, definitions)) return false;
  await rest.put(route(target), { body: definitions });
  return true;
}

export async function commandsMatch(
  rest: REST,
  target: RegistrationTarget,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
): Promise<boolean> {
  const registered = (await rest.get(route(target))) as RESTGetAPIApplicationCommandsResult;
  const key = (list: readonly object[]) =>
    JSON.stringify(list.map(comparable).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  return key(registered) === key(definitions);
}

/**
 * What of a definition the user sees. Discord answers with ids, versions and defaults (`required:
 * false` left out, permissions as strings), so definitions are compared on these fields only.
 */
function comparable(definition: object): Record<string, unknown> {
  const d = definition as Record<string, unknown>;
  const options = Array.isArray(d.options) ? (d.options as object[]).map(comparable) : [];
  return {
    name: d.name,
    description: d.description,
    type: d.type ?? 1,
    required: d.required === true,
    autocomplete: d.autocomplete === true,
    min_value: d.min_value,
    max_value: d.max_value,
    min_length: d.min_length,
    max_length: d.max_length,
    default_member_permissions: d.default_member_permissions == null ? null : String(d.default_member_permissions),
    contexts: Array.isArray(d.contexts) ? [...(d.contexts as number[])].sort() : undefined,
    ...(options.length > 0 ? { options } : {}),
  };
}
