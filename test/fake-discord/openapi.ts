import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/**
 * Checks request bodies against Discord's official OpenAPI description (vendored with its MIT LICENSE in
 * test/fixtures/discord-api-spec). The spec is loaded once per process; validators compile on first use.
 */

const SPEC_ID = "discord-openapi";
const spec = JSON.parse(
  readFileSync(new URL("../fixtures/discord-api-spec/openapi.json", import.meta.url), "utf8"),
) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
};

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
ajv.addFormat("nonce", true);
ajv.addFormat("int32", {
  type: "number",
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
// Discord marks anyOf unions that are really oneOf; the anyOf itself is what ajv checks.
ajv.addKeyword({ keyword: "x-discord-union", schemaType: "string" });
ajv.addSchema(spec, SPEC_ID);

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));
const validators = new Map<string, ValidateFunction | undefined>();

/**
 * Known differences between what discord.js sends and what the spec says, applied before validation.
 * Each is a documented quirk, not a bug in our payloads; everything else is validated as sent.
 */
const KNOWN_MISMATCHES: Array<{ why: string; route: RegExp; fix: (body: unknown) => unknown }> = [
  {
    why: "discord.js (and Discord's own docs) send default_member_permissions as a string of bits; the spec says integer",
    route: /^PUT \/applications\/\{application_id\}(\/guilds\/\{guild_id\})?\/commands$/,
    fix: (body) =>
      Array.isArray(body)
        ? body.map((command: Record<string, unknown>) =>
            typeof command.default_member_permissions === "string"
              ? { ...command, default_member_permissions: Number(command.default_member_permissions) }
              : command,
          )
        : body,
  },
];

export function specRouteFor(method: string, path: string): string | undefined {
  const decoded = decodeURIComponent(path.split("?")[0] ?? path).replace(/^\/api\/v\d+/, "");
  return templates.find((t) => t.pattern.test(decoded) && spec.paths[t.template]?.[method.toLowerCase()])?.template;
}

/** Errors of a request body against the spec's schema for that route; empty when it conforms. */
export function validateDiscordRequest(method: string, path: string, body: unknown): string[] {
  const template = specRouteFor(method, path);
  if (!template) return [`${method} ${path}: no such route in Discord's OpenAPI spec`];
  const key = `${method.toUpperCase()} ${template}`;
  if (!validators.has(key)) {
    const content = spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content;
    const pointer = `#/paths/${template.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    validators.set(key, content?.["application/json"] ? ajv.compile({ $ref: `${SPEC_ID}${pointer}` }) : undefined);
  }
  const validate = validators.get(key);
  if (!validate) return body === undefined ? [] : [`${key}: the spec defines no JSON body`];
  const normalized = KNOWN_MISMATCHES.filter((m) => m.route.test(key)).reduce((b, m) => m.fix(b), body);
  if (validate(normalized)) return [];
  return (validate.errors ?? []).map(
    (e) => `${key}: ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}
