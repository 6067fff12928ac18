// Where an edit's time goes (not a test): a Chrome CPU profile of the 200 ramp-delay edits
// `bench.mjs` times, summed per function (self time, then inclusive), per edit. Wasm functions
// have names only in a build whose wasm-opt keeps them (`-g`); build one from a copy of
// index.html beside it, leaving index.html alone:
//   sed 's/data-wasm-opt-params="/data-wasm-opt-params="-g /' index.html > index-names.html
//   trunk build --release index-names.html --dist /tmp/dist-prof; rm index-names.html
//   DIST_DIR=/tmp/dist-prof node tests/e2e/profile.mjs
// CALLERS=<part of a name> adds where the time in the matching functions is spent from.
// (Names make the wasm ~2.5× larger, so the cold load is not comparable; the edits are.)
import { serve, launch } from './harness.mjs';
const site = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('[data-kpi]');
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const times = await page.evaluate(async () => {
    const input = document.getElementById('contract-ramp_delay_months');
    const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const times = [];
    for (let i = 0; i < 200; i++) {
      input.value = String((i % 12) + 1);
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      times.push(performance.now() - t0);
    }
    return times;
  });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0));
  });
  // Inclusive time: walk parents.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const n = byId.get(x); const name = n.callFrame.functionName || '(anon)';
      if (seen.has(name)) continue; seen.add(name);
      incl.set(name, (incl.get(name) || 0) + (dt[i] || 0));
    }
  });
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${(t / 1000 / 200).toFixed(3)} ms/edit  ${n.slice(0, 150)}`).join('\n');
  const s = [...times].sort((a, b) => a - b);
  console.log('p50', s[100].toFixed(2), 'p95', s[190].toFixed(2));
  console.log('--- self ---\n' + top(self, 45));
  console.log('--- inclusive ---\n' + top(incl, 70));
  // CALLERS=<part of a function name>: where the time in matching functions comes from, by the
  // chain of the nearest 8 named callers.
  if (process.env.CALLERS) {
    const chains = new Map();
    profile.samples.forEach((id, i) => {
      const names = [];
      for (let x = id; x !== undefined; x = parent.get(x)) names.push(byId.get(x).callFrame.functionName || '(anon)');
      const at = names.findIndex((n) => n.includes(process.env.CALLERS));
      if (at < 0) return;
      const chain = names.slice(at, at + 9).map((n) => n.replace(/::h[0-9a-f]{16}/, '').slice(0, 90)).join(' < ');
      chains.set(chain, (chains.get(chain) || 0) + (dt[i] || 0));
    });
    console.log(`--- callers of ${process.env.CALLERS} ---`);
    for (const [chain, t] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`${(t / 1000 / 200).toFixed(3)} ms/edit  ${chain.replaceAll(' < ', '\n      < ')}`);
    }
  }
} finally { await browser.close(); site.close(); }
