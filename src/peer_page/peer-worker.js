// A peer benchmark worker: draws shares of the peer model and picks values from them with the
// page's own WebAssembly module (sent compiled by the page, so nothing is downloaded twice).
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
    if (data.kind === "peer") {
      reply.part = m.peer_draw(data.gen, data.start, data.seed, data.block, data.count);
      transfer.push(reply.part.buffer);
    } else if (data.kind === "peer-pick") {
      reply.picked = m.peer_pick(data.gen, data.start, data.request);
      transfer.push(reply.picked.buffer);
    }
  } catch (e) {
    reply.error = String(e);
  }
  self.postMessage(reply, transfer);
};
