import type { ChatInputCommandInteraction } from "discord.js";
import { renderNotice } from "../render.js";
import type { ActionServices, Outcome } from "./action.js";

/** `/reload`: re-reads the pack and says what is served now, or why the current pack stays. */
export async function reloadPack(
  interaction: ChatInputCommandInteraction,
  _action: unknown,
  { reload }: ActionServices,
): Promise<Outcome> {
  const result = await reload();
  if (!result.ok) {
    const problems = result.problems.map((p) => `• ${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n");
    await interaction.reply(
      renderNotice(`The pack on disk has problems, so I'm still serving the current one:\n${problems}`),
    );
    return "refused";
  }
  const redeploy = result.redeploy ? " The commands' definitions changed: run deploy-commands." : "";
  await interaction.reply(
    renderNotice(
      `Reloaded content pack ${result.version}: ${result.paragraphs} paragraphs, ${result.slides} slides.${redeploy}`,
    ),
  );
  return "answered";
}
