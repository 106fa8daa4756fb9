import { config } from "zod";

// Imported for this effect by the modules that define schemas. Every schema validates once, at start-up
// or on /reload, and zod's fast path for objects is code it generates with `new Function` on a schema's
// first parse: for one parse it costs more than it saves.
config({ jitless: true });
