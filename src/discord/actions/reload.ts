import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { renderNotice } from "../render.js";
import type { ActionServices, Outcome } from "./action.js";

/**
 * `/reload`: re-reads the pack and says what is served now, or why the current pack stays. Reading and
 * drawing a changed pack can take longer than Discord's 3 s for a first response: it defers first.
 */
export async function reloadPack(
  interaction: ChatInputCommandInteraction,
  _action: unknown,
  { reload }: ActionServices,
): Promise<Outcome> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await reload();
  if (!result.ok) {
    const problems = result.problems.map((p) => `• ${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n");
    await interaction.editReply(
      edit(`The pack on disk has problems, so I'm still serving the current one:\n${problems}`),
    );
    return "refused";
  }
  const redeploy = result.redeploy ? " The commands' definitions changed: run deploy-commands." : "";
  await interaction.editReply(
    edit(
      `Reloaded content pack ${result.version}: ${result.paragraphs} paragraphs, ${result.slides} slides.${redeploy}`,
    ),
  );
  return "answered";
}

/** A notice as an edit of the deferred reply, which is already ephemeral (an edit cannot set flags). */
function edit(text: string) {
  const { flags, ...notice } = renderNotice(text);
  return notice;
}
