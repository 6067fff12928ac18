// A module worker of the page's own WebAssembly module (sent compiled by the page, so nothing is
// downloaded or compiled twice). The explorer and the peer benchmark page both use it.
// Messages in: {init: {glue, module}} once, then jobs {gen, kind, start, call, args, out}: the
// module's export `call` applied to `args`, answered as {gen, kind, start, [out]: result} (or
// {error}) so the page can drop answers to stale runs. A typed array result is transferred.
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
    const result = m[data.call](...data.args);
    reply[data.out] = result;
    if (ArrayBuffer.isView(result)) transfer.push(result.buffer);
  } catch (e) {
    reply.error = String(e);
  }
  self.postMessage(reply, transfer);
};
