// Presets in the release build: the picker replaces the scenario with exactly what the CLI's
// `preset` prints, shows the preset's description and sources, makes it the baseline for
// "modified" markers, is one undo step, and its link reopens to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, kpi, cli, cliText, relClose } from './harness.mjs';

const env = useApp();

test('picking a preset loads the CLI preset, explains it, and is one undo step', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    assert.match(await page.textContent('.preset-info summary'), /Reported lab–provider deal/);
    const ids = await page.$$eval('#preset option', (os) => os.map((o) => o.value));
    assert.deepEqual(ids, cliText(['presets']).split('\n').filter(Boolean).map((l) => l.split('\t')[0]));
    const base = await kpi(page, 'usd-per-delivered-gpu-hour');

    for (const id of ['hyperscaler-on-demand', 'three-sites', 'own-1gw-campus']) {
      await page.selectOption('#preset', id);
      const scenario = cli(['preset', id]);
      const r = cli(['eval', '-'], JSON.stringify(scenario));
      await page.waitForFunction((v) => Math.abs(Number(document.querySelector('[data-kpi="usd-per-delivered-gpu-hour"]').dataset.value) - v) <= 1e-9 * v,
        r.contract.totals.usd_per_delivered_gpu_hour);
      assert.ok(relClose(await kpi(page, 'energy-blended'), r.energy.totals.blended_price), id);
      assert.ok(relClose(await kpi(page, 'training-days'), r.training.fleet.days_to_train), id);
      assert.equal(await page.textContent('.scenario-name'), scenario.name);
      assert.equal(await page.getAttribute('.preset-info', 'data-preset'), id);
      // The preset is the new baseline: nothing is marked modified.
      assert.equal(await page.$$eval('.field.modified', (f) => f.length), 0, id);
    }
    await page.click('.preset-info summary');
    assert.match(await page.textContent('.preset-sources'), /Abilene/);

    // One undo step back to the three-site portfolio (the picker follows), and the choice
    // survives a reload once the address has caught up.
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('.scenario-name').textContent.includes('Three-site'));
    assert.equal(await page.$eval('#preset', (s) => s.value), 'three-sites');
    const link = cliText(['link', '-'], JSON.stringify(cli(['preset', 'three-sites']))).trim();
    await page.waitForFunction((l) => location.hash === '#s=' + l, link);
    // The link reopens in a fresh browser with the preset recognised.
    const again = await openApp(env.browser, env.site, { query: '#s=' + link });
    try {
      assert.equal(await again.page.$eval('#preset', (s) => s.value), 'three-sites');
      assert.equal(await again.page.getAttribute('.preset-info', 'data-preset'), 'three-sites');
      assert.equal(await again.page.$$eval('.field.modified', (f) => f.length), 0);
      assert.deepEqual(again.problems, []);
    } finally {
      await again.context.close();
    }
    // Editing marks the field against the preset, not against the deal.
    await page.fill('#facility-site_power_cap_mw', '250');
    await page.waitForSelector('[data-field="facility.site_power_cap_mw"].modified');

    await page.selectOption('#preset', 'deal');
    await page.waitForFunction((v) => Number(document.querySelector('[data-kpi="usd-per-delivered-gpu-hour"]').dataset.value) === v, base);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
