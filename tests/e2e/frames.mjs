// Where an edit's time goes in the browser (not a test): a Chrome trace of 200 ramp-delay edits,
// each followed by a rendering frame, summed by trace event (ms per edit) for the frame's
// lifecycle (style, layout, paint) and the script, with the layout's dirty and total objects,
// and the forced style and layout by the task that ran it.
// The redraw p95 of `bench.mjs` is set by the edits whose window a frame falls into, so this is
// where to look when that goal moves. Usage, after `trunk build --release`:
//   node tests/e2e/frames.mjs            (DIST_DIR for another build)
import { serve, launch } from './harness.mjs';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const EDITS = 200;
const site = await serve(process.env.DIST_DIR);
const browser = await launch();
const path = join(tmpdir(), `deal-explorer-frames-${process.pid}.json`);
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('[data-kpi]');
  await page.waitForTimeout(2000);
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'blink', 'toplevel', 'disabled-by-default-devtools.timeline.stack'] });
  await page.evaluate(async (n) => {
    const input = document.getElementById('contract-ramp_delay_months');
    for (let i = 0; i < n; i++) {
      input.value = String((i % 12) + 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
  }, EDITS);
  await browser.stopTracing();
  const trace = JSON.parse(readFileSync(path, 'utf8'));
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X' && e.dur);
  const sum = new Map();
  for (const e of events) {
    const [d, c] = sum.get(e.name) ?? [0, 0];
    sum.set(e.name, [d + e.dur, c + 1]);
  }
  console.log('| trace event | ms per edit | count |\n|---|---|---|');
  for (const name of ['WebFrameWidgetImpl::UpdateLifecycle', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint',
    'Document::UpdateStyleAndLayout', 'FunctionCall', 'AsyncTask Run']) {
    const [d, c] = sum.get(name) ?? [0, 0];
    console.log(`| ${name} | ${(d / 1000 / EDITS).toFixed(2)} | ${c} |`);
  }
  const layouts = events.filter((e) => e.name === 'Layout' && e.args?.beginData).map((e) => e.args.beginData);
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`layouts: ${layouts.length}, dirty objects ${median(layouts.map((l) => l.dirtyObjects))} (median) of ${layouts[0]?.totalObjects}, partial ${layouts.filter((l) => l.partialLayout).length}`);
  // Forced style and layout, by the Chromium source that posted the task they ran in.
  const forced = events.filter((e) => e.name === 'Document::UpdateStyleAndLayout');
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.args?.src_func);
  const by = new Map();
  for (const f of forced) {
    const task = tasks.find((t) => t.tid === f.tid && t.ts <= f.ts && t.ts + t.dur >= f.ts + f.dur);
    const key = task ? `${task.args.src_file.split('/').pop()} ${task.args.src_func}` : 'a task of the page';
    const [d, c] = by.get(key) ?? [0, 0];
    by.set(key, [d + f.dur, c + 1]);
  }
  for (const [key, [d, c]] of by) console.log(`forced style and layout in ${key}: ${c}, ${(d / 1000 / EDITS).toFixed(2)} ms per edit`);
} finally {
  await browser.close();
  rmSync(path, { force: true });
}
process.exit(0);
