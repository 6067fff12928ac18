// Workers that cannot run (their script fails to load or throws, as under a wiki's
// Content-Security-Policy that forbids them) never leave a caller waiting: the uncertainty panel
// says why its simulation could not run and ends the run, and the KPIs stay on screen (the peer
// benchmark page's workers: peer.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, kpi } from './harness.mjs';

const env = useApp();

test('a worker that stops answers with a message instead of a run that never ends', async () => {
  const { page, context } = await openApp(env.browser, env.site);
  try {
    await context.route('**/worker.js', (r) =>
      r.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("broken on purpose");' }));
    const price = await kpi(page, 'usd-per-delivered-gpu-hour');
    assert.ok(Number.isFinite(price));

    // The planning Monte Carlo: the run ends with the reason next to it.
    await page.fill('#mc-samples', '300');
    await page.check('#uncertainty-enabled');
    const banner = page.locator('[role=alert]', { hasText: 'The simulation could not run' });
    await banner.waitFor({ timeout: 10000 });
    assert.match(await banner.textContent(), /worker stopped/);
    await page.waitForFunction(() => document.querySelector('#mc-status')?.dataset.running === 'false');
    assert.equal(await page.textContent('#mc-status'), 'No samples drawn');
    assert.equal(await kpi(page, 'usd-per-delivered-gpu-hour'), price, 'the KPIs stay as they were');
  } finally {
    await context.close();
  }
});
