// Browser benchmark (not a test): cold load to first KPI and to the whole page built, and input → every KPI and visible
// chart redrawn, over 200 programmatic edits of the ramp delay on the default scenario, in
// headless Chromium against the release build. Usage, after `trunk build --release`:
//   node tests/e2e/bench.mjs            (prints a Markdown table and JSON)
import { serve, launch } from './harness.mjs';

const site = await serve();
const browser = await launch();
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
try {
  // Cold loads: a fresh context each time (no cache), time from navigation start to the first KPI.
  const loads = [];
  const wholes = [];
  const longest = [];
  for (let i = 0; i < 10; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: true });
      new MutationObserver((_, obs) => {
        if (window.__firstKpi === undefined && document.querySelector('[data-kpi] .kpi-value')) window.__firstKpi = performance.now();
        // The rest of the page is built after the first paint (ui::app::AfterFirstPaint).
        const parts = document.querySelectorAll('.after-first-paint');
        if (window.__firstKpi !== undefined && ![...parts].some((p) => !p.hasAttribute('data-mounted'))) { window.__wholePage = performance.now(); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-mounted'] });
    });
    await page.goto(site.url);
    await page.waitForFunction(() => window.__wholePage !== undefined);
    loads.push(await page.evaluate(() => window.__firstKpi));
    wholes.push(await page.evaluate(() => window.__wholePage));
    longest.push(await page.evaluate(() => window.__longest));
    await context.close();
  }
  // Input → redraw: the edit's task plus the microtasks in which Leptos updates the DOM and the
  // chart effects draw their canvases, ended by a MessageChannel macrotask.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('[data-kpi]');
  const result = await page.evaluate(async () => {
    const input = document.getElementById('contract-ramp_delay_months');
    const kpi = () => document.querySelector('[data-kpi="usd-per-delivered-gpu-hour"]').dataset.value;
    const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const times = [];
    const model = [];
    let unchanged = 0;
    for (let i = 0; i < 200; i++) {
      const before = kpi();
      input.value = String((i % 12) + 1);
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      times.push(performance.now() - t0);
      // The model's own share (contract, datacenter, the 3-year hourly dispatch, training), as the
      // app records it (src/ui/state.rs, `timed`).
      const m = performance.getEntriesByName('deal-explorer:evaluate', 'measure').at(-1);
      if (m) model.push(m.duration);
      if (kpi() === before) unchanged++;
    }
    const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
    const near = [...document.querySelectorAll('canvas')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.bottom > -300 && r.top < innerHeight + 300;
    }).length;
    return { times, model, unchanged, heap, charts: near, total: document.querySelectorAll('canvas').length };
  });
  const out = {
    date: new Date().toISOString(),
    cold_load_first_kpi_ms: { p50: pct(loads, 0.5), max: Math.max(...loads) },
    cold_load_whole_page_ms: { p50: pct(wholes, 0.5), max: Math.max(...wholes) },
    cold_load_longest_task_ms: { p50: pct(longest, 0.5), max: Math.max(...longest) },
    input_to_redraw_ms: { p50: pct(result.times, 0.5), p95: pct(result.times, 0.95), max: Math.max(...result.times) },
    model_evaluate_ms: { p50: pct(result.model, 0.5), p95: pct(result.model, 0.95), samples: result.model.length },
    edits: result.times.length,
    edits_without_change: result.unchanged,
    charts_redrawn_per_edit: result.charts,
    charts_on_page: result.total,
    js_heap_bytes_after: result.heap,
  };
  console.log('| measure | p50 | p95 / max |\n|---|---|---|');
  console.log(`| cold load → first KPI (10 loads) | ${out.cold_load_first_kpi_ms.p50.toFixed(1)} ms | ${out.cold_load_first_kpi_ms.max.toFixed(1)} ms (max) |`);
  console.log(`| cold load → whole page built (same loads) | ${out.cold_load_whole_page_ms.p50.toFixed(1)} ms | ${out.cold_load_whole_page_ms.max.toFixed(1)} ms (max) |`);
  console.log(`| longest main-thread task while loading (same loads) | ${out.cold_load_longest_task_ms.p50.toFixed(1)} ms | ${out.cold_load_longest_task_ms.max.toFixed(1)} ms (max) |`);
  console.log(`| input → all KPIs and the ${out.charts_redrawn_per_edit} on-screen charts (of ${out.charts_on_page}) redrawn, 200 edits | ${out.input_to_redraw_ms.p50.toFixed(2)} ms | ${out.input_to_redraw_ms.p95.toFixed(2)} ms (p95) |`);
  console.log(`| model evaluate incl. the 3-year hourly dispatch (release wasm), same edits | ${out.model_evaluate_ms.p50.toFixed(2)} ms | ${out.model_evaluate_ms.p95.toFixed(2)} ms (p95) |`);
  console.log(JSON.stringify(out, null, 2));
  if (out.edits_without_change > 20) throw new Error('edits did not change the figures: the harness is not measuring redraws');
  await context.close();
} finally {
  await browser.close();
  await site.close();
}
