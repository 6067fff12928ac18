// A model worker: runs chunks of the explorer's simulation, goal seeks, break-even map rows and resilience runs with the page's own
// WebAssembly module (sent compiled by the page, so nothing is downloaded or compiled twice).
// Messages in: {init: {glue, module}} once, then jobs {gen, kind, ...}; every job is answered
// with {gen, kind, start, ...result} (or {error}) so the page can drop answers to stale runs.
let ready = null;
self.onmessage = async ({ data }) => {
  if (data.init) {
    ready = import(data.init.glue).then(async (m) => {
      await m.default({ module_or_path: data.init.module });
      return m;
    });
    return;
  }
  const reply = { gen: data.gen, kind: data.kind, start: data.start };
  const transfer = [];
  try {
    const m = await ready;
    if (data.kind === "mc") {
      reply.rows = m.mc_run(data.scenario, data.start, data.count);
      transfer.push(reply.rows.buffer);
    } else if (data.kind === "tornado") {
      reply.swings = m.mc_tornado(data.scenario);
    } else if (data.kind === "solve") {
      reply.result = m.decide_solve(data.scenario, data.goal);
    } else if (data.kind === "map") {
      reply.cells = m.decide_map(data.scenario, data.map, data.start, data.count);
      transfer.push(reply.cells.buffer);
    } else if (data.kind === "resilience") {
      reply.result = m.resilience_run(data.scenario);
    }
  } catch (e) {
    reply.error = String(e);
  }
  self.postMessage(reply, transfer);
};
