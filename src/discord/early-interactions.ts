import {
  Events,
  GatewayDispatchEvents,
  Status,
  type Client,
  type GatewayInteractionCreateDispatchData,
  type Interaction,
} from "discord.js";

/** discord.js's own INTERACTION_CREATE handler (private): builds the Interaction and emits InteractionCreate. */
type InteractionActions = {
  actions: { InteractionCreate: { handle: (data: GatewayInteractionCreateDispatchData) => void } };
};

/**
 * discord.js holds every INTERACTION_CREATE until all shards of the process are READY, while Discord lets
 * one shard identify per 5 s: a 4-shard process would let the first shard's interactions expire. Until
 * ClientReady, an interaction on a shard that is ready (or once it is) goes through discord.js's own
 * handler at once, so it still arrives as a discord.js Interaction on Events.InteractionCreate.
 * Returns a test for the copy discord.js replays from its queue at ClientReady, which must be dropped.
 */
export function answerShardsAsTheyGetReady(client: Client): (interaction: Interaction) => boolean {
  const { actions } = client as unknown as InteractionActions;
  const handledEarly = new Set<string>();
  const waiting = new Map<number, GatewayInteractionCreateDispatchData[]>();
  const handle = (data: GatewayInteractionCreateDispatchData) => {
    actions.InteractionCreate.handle(data);
    handledEarly.add(data.id);
  };
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: GatewayInteractionCreateDispatchData, shard: number) => {
    if (client.isReady()) return;
    // A shard is ready once its guilds have arrived: the interaction may need its guild.
    if (client.ws.shards.get(shard)?.status === Status.Ready) handle(data);
    else waiting.set(shard, [...(waiting.get(shard) ?? []), data]);
  });
  client.on(Events.ShardReady, (shard) => {
    const held = waiting.get(shard) ?? [];
    waiting.delete(shard);
    if (!client.isReady()) held.forEach(handle);
  });
  return (interaction) => client.isReady() && handledEarly.delete(interaction.id);
}
