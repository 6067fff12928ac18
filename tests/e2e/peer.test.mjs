// The peer benchmark's engine (`window.runDeal`, shared/peer's contract) on its own page of the
// release build (dist/peer/, src/peer_page): a run drawn on the page and a run split across the
// workers (two rounds: histograms, then the values in the bins that hold p5/p50/p95) both equal
// the native CLI's single-thread `peer` run to the last bit; a call made while another is in
// flight supersedes it; workers that cannot run refuse the call with the reason. The longest
// main-thread task during a million-sample run is printed (a measurement, not a pass/fail check).
// The explorer itself carries none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, watch, cli } from './harness.mjs';

const env = useApp();
const OUTPUTS = ['facility_mw', 'effective_gpu_hours', 'cost_per_gpu_hr', 'annual_energy_cost_usd'];

function assertEqualsCli(ours, n, seed) {
  const native = cli(['peer', String(n), String(seed)]);
  assert.equal(ours.samples, n);
  for (const o of OUTPUTS) {
    const s = native.stats[o];
    assert.deepEqual(
      [ours[`${o}_mean`], ours[`${o}_p5`], ours[`${o}_p50`], ours[`${o}_p95`]],
      [s.mean, s.p5, s.p50, s.p95],
      `${o} at ${n} samples`,
    );
  }
}

/** Opens the benchmark page and waits for `runDeal`; `problems` collects errors and failed or off-origin requests. */
async function openPeer(browser, site, prepare = async () => {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { problems } = watch(page, site);
  await prepare(context);
  await page.goto(`${site.url}peer/`);
  await page.waitForFunction(() => typeof window.runDeal === 'function');
  return { page, context, problems };
}

test('runDeal on the page and across the workers equals the CLI to the last bit', async () => {
  const { page, problems } = await openPeer(env.browser, env.site);
  try {
    assert.match(await page.textContent('#status'), /^Ready: deal-explorer wasm .*, warmed up\.$/);
    // 1,000 samples run on the page; 250,000 go to the workers (61 blocks, split unevenly).
    for (const [n, seed] of [[1000, 42], [250000, 7]]) {
      const ours = await page.evaluate(([n, seed]) => window.runDeal(n, seed), [n, seed]);
      assertEqualsCli(ours, n, seed);
      // The engine reports its own time (a warm 1,000-sample run can take less than the
      // 0.1 ms resolution of performance.now() without cross-origin isolation).
      assert.ok(n < 10000 ? ours.ms >= 0 : ours.ms > 0, `the engine reports its own time: ${ours.ms}`);
    }
    // The same call again gives the same numbers (nothing cached, nothing left over).
    const again = await page.evaluate(() => window.runDeal(250000, 7));
    assertEqualsCli(again, 250000, 7);
    // A second call while one is in flight: the first is told it was superseded (it never
    // hangs), the second answers as the CLI does. Out-of-range sample counts are refused.
    const [first, second, none, huge] = await page.evaluate(async () => {
      const settle = (p) => p.then((v) => ({ ok: v }), (e) => ({ error: String(e) }));
      return Promise.all([settle(window.runDeal(250000, 7)), settle(window.runDeal(200000, 3)),
        settle(window.runDeal(0, 1)), settle(window.runDeal(2e7, 1))]);
    });
    assert.match(first.error ?? '', /superseded/);
    assertEqualsCli(second.ok, 200000, 3);
    assert.match(none.error ?? '', /samples must be 1 to 10000000/);
    assert.match(huge.error ?? '', /samples must be 1 to 10000000/);
    // What a worker run leaves to the main thread (0 = no task over 50 ms).
    const longest = await page.evaluate(async () => {
      const tasks = [];
      const obs = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
      obs.observe({ type: 'longtask' });
      await window.runDeal(1000000, 42);
      await new Promise((r) => setTimeout(r, 50));
      obs.disconnect();
      return Math.max(0, ...tasks);
    });
    console.log(`# longest main-thread task during a 1M-sample runDeal: ${longest.toFixed(0)} ms (0 = none over 50 ms)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

test('a benchmark worker that stops refuses the call with the reason instead of never answering', async () => {
  const { page, context } = await openPeer(env.browser, env.site, (c) =>
    c.route('**/worker.js', (r) =>
      r.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("broken on purpose");' })));
  try {
    assert.match(await page.textContent('#status'), /not warmed up \(.*worker stopped/);
    // Large runs go to the workers (above 150k samples on any machine).
    const outcome = await page.evaluate(() =>
      Promise.race([
        window.runDeal(400000, 3).then(() => 'resolved', (e) => `rejected: ${e}`),
        new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10000)),
      ]));
    assert.match(outcome, /^rejected: .*worker stopped.*broken on purpose/);
    // Small runs need no worker and still answer.
    const small = await page.evaluate(() => window.runDeal(1000, 3));
    assert.equal(small.samples, 1000);
  } finally {
    await context.close();
  }
});

test('the explorer itself ships no benchmark code', async () => {
  const { page, context } = await openApp(env.browser, env.site);
  try {
    // The module's exports are in its glue (esbuild keeps export names); the benchmark's are not.
    const glue = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=modulepreload]').href)).text());
    assert.match(glue, /mc_run/);
    assert.doesNotMatch(glue, /peer_draw|peer_pick|runDeal/);
    assert.equal(await page.evaluate(() => typeof window.runDeal), 'undefined');
  } finally {
    await context.close();
  }
});
