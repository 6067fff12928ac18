// Corrupted saved state (RELIABILITY.md): an autosave that is truncated, from a newer version or
// not JSON at all gives a clear notice and the default scenario, keeps the damaged text aside
// rather than deleting it, leaves the other stored settings alone, and the app keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, kpi, cli } from './harness.mjs';

const env = useApp();

const AUTOSAVE = 'deal-explorer.scenario';
const KEPT = 'deal-explorer.scenario.unreadable';

test('a corrupted autosave is set aside with a notice and nothing else is touched', async () => {
  const good = JSON.stringify(cli(['default']), null, 2);
  const newer = JSON.stringify({ ...cli(['default']), schema_version: 99 });
  const cases = [
    [good.slice(0, good.length / 2), /could not be read/],
    [newer, /newer version/],
    ['\u0000not json at all', /could not be read/],
  ];
  for (const [damaged, message] of cases) {
    const { page, context, problems } = await openApp(env.browser, env.site);
    try {
      // After the app's own first autosave (250 ms after start), so it cannot overwrite the damage.
      await page.waitForTimeout(400);
      await page.evaluate(([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('deal-explorer.theme', 'dark'); }, [AUTOSAVE, damaged]);
      await page.goto(env.site.url); // no link in the address: the autosave is what opens
      await page.waitForSelector('[data-testid="notice"]');
      assert.match(await page.textContent('[data-testid="notice"]'), message);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEPT), damaged, 'the damaged text is kept');
      assert.equal(await page.evaluate(() => localStorage.getItem('deal-explorer.theme')), 'dark');
      // The default opens and the app works: an edit goes through and is saved again.
      const base = await kpi(page, 'usd-per-delivered-gpu-hour');
      await page.fill('#contract-ramp_delay_months', '3');
      await page.waitForFunction((v) => Number(document.querySelector('[data-kpi="usd-per-delivered-gpu-hour"]').dataset.value) !== v, base);
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? '{}')?.contract?.ramp_delay_months === 3, AUTOSAVE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
