// Wasm memory over 3,000 repeated actions of one kind (not a test): which kind of edit makes the
// page's linear memory grow. Prints the memory (MB, after a full GC) every 500 actions, read once
// the page has been idle 1.5 s (the off-screen sections caught up, the workers answered; N=10000
// for a longer run, to tell a leak from an allocator settling). To find what leaks, BENCHMARKS.md
// (2026-12-03) describes the allocation-counting build that named the last leak.
// Usage, after `trunk build --release` (DIST_DIR for another build; VH=30000 puts every section
// on screen, so each follows every edit):
//   node tests/e2e/memory.mjs pair:facility-pue:1.1:1.2        an input set to two values in turn
//   node tests/e2e/memory.mjs pair:facility-pue:1.1:1.2:.energy-summary   the same, that section in view
//   node tests/e2e/memory.mjs undo | steps | legend | theme | week | refused | filter
// (`undo`: undo and redo of one edit; `steps`: the benchmark's edits, two inputs in turn, each an
// undo step (the history holds 200); `legend`: a capacity-chart legend toggle, a redraw with no
// new report; `week`: the energy week slider; `refused`: text the ramp-delay box refuses.)
import { serve, launch } from './harness.mjs';

const site = await serve(process.env.DIST_DIR);
const browser = await launch(['--js-flags=--expose-gc']);
const mode = process.argv[2] ?? 'pair:facility-pue:1.1:1.2';
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: Number(process.env.VH ?? 900) } });
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(site.url);
  await page.waitForSelector('[data-kpi]');
  const out = await page.evaluate(async ([mode, n]) => {
    const ramp = document.getElementById('contract-ramp_delay_months');
    const nextTask = () => new Promise((r) => setTimeout(r, 0));
    const mem = () => (window.__wasm.memory.buffer.byteLength / 1048576).toFixed(3);
    const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); };
    const [kind, id, x, y, seen] = mode.split(':');
    const inView = kind === 'week' ? '.energy-summary' : seen;
    if (inView) { document.querySelector(inView).scrollIntoView(); await new Promise((r) => setTimeout(r, 500)); }
    if (kind === 'undo') { set(ramp, '3'); await nextTask(); }
    const log = [mem()];
    for (let i = 0; i < n; i++) {
      if (kind === 'pair') set(document.getElementById(id), i % 2 ? x : y);
      else if (kind === 'undo') document.getElementById(i % 2 ? 'redo' : 'undo').click();
      else if (kind === 'steps') {
        const box = document.getElementById(i % 2 ? 'contract-monthly_commitment' : 'contract-ramp_delay_months');
        set(box, i % 2 ? String(1 + (i % 7) * 0.25) : String((i % 12) + 1));
      }
      else if (kind === 'legend') document.querySelector('[data-chart="capacity"] .legend-item').click();
      else if (kind === 'theme') document.getElementById('theme-toggle').click();
      else if (kind === 'week') set(document.getElementById('energy-week'), i % 2 ? '10' : '20');
      else if (kind === 'refused') set(ramp, i % 2 ? '-1' : '-2');
      else if (kind === 'filter') set(document.getElementById('input-filter'), i % 2 ? 'ramp' : 'price');
      await nextTask();
      if (i % 500 === 499) { await new Promise((r) => setTimeout(r, 1500)); window.gc?.(); log.push(mem()); }
    }
    return log;
  }, [mode, Number(process.env.N ?? 3000)]);
  console.log(`${mode}: ${out.join(' → ')} MB`);
} finally {
  await browser.close();
}
process.exit(0);
