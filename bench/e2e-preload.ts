import { answerMemoryRequests } from "./e2e-child.js";

/** Loaded with `node --import` into the bot's real entry point, so the benchmark can ask it for memory. */
answerMemoryRequests();
