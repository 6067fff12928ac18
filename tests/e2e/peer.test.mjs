// The peer benchmark's engine (`window.runDeal`, shared/peer's contract) in the release build:
// a run drawn on the page and a run split across the workers (two rounds: histograms, then the
// values in the bins that hold p5/p50/p95) both equal the native CLI's single-thread `peer`
// run to the last bit; a call made while another is in flight supersedes it. The longest main-thread task during a million-sample run is printed (a
// measurement, not a pass/fail check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, cli } from './harness.mjs';

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

test('runDeal on the page and across the workers equals the CLI to the last bit', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.waitForFunction(() => typeof window.runDeal === 'function');
    // 1,000 samples run on the page; 250,000 go to the workers (61 blocks, split unevenly).
    for (const [n, seed] of [[1000, 42], [250000, 7]]) {
      const ours = await page.evaluate(([n, seed]) => window.runDeal(n, seed), [n, seed]);
      assertEqualsCli(ours, n, seed);
      assert.ok(ours.ms > 0, 'the engine reports its own time');
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
