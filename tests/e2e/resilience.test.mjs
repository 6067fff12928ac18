// Resilience in the release build: the worker's simulation equals the native CLI's `resilience`
// to the last bit, layout by layout; moving a site out of the shared region re-runs it and cuts
// the chance of losing half the fleet; bad shares are named at the list while the last results
// stay; renaming a region keeps its sites in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, cli, cliText, kpi, relClose, settled } from './harness.mjs';

const env = useApp();

const runDone = (page, n) =>
  page.waitForFunction((n) => {
    const s = document.querySelector('#res-status');
    return s && s.dataset.running === 'false' && Number(s.dataset.run) >= n && s.textContent.includes('draws');
  }, n, { timeout: 60000 });
// The simulation follows edits at once while the section is on screen, in idle time otherwise.
const look = (page) => page.locator('#resilience').scrollIntoViewIfNeeded();
const runs = (page) => page.$eval('#res-status', (s) => Number(s.dataset.run));
const layouts = (page) =>
  page.$$eval('#res-layouts tbody tr', (trs) => trs.map((tr) => ({
    key: tr.dataset.key,
    head: tr.querySelector('th').textContent,
    values: [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value)),
  })));

/** Sets the facility's site count through the filter (the field sits in a closed section). */
async function facilitySites(page, n) {
  await page.fill('#input-filter', 'sites');
  await page.fill('#facility-sites', n);
  await page.fill('#input-filter', '');
}

/** Types `text` into the field `data-input=id` and leaves it (the field applies on change). */
async function enter(page, id, text) {
  const field = page.locator(`[data-input="${id}"]`);
  await field.fill(text);
  await field.press('Tab');
}

const KEYS = { as_planned: 'AsPlanned', one_site: 'OneSite', spread: 'Spread' };
const LABELS = { as_planned: 'As planned', one_site: 'All at the largest site', spread: 'Each site in its own region' };

/** Each layout of the CLI's report has its row with its figures, or, when its figures are an
 *  earlier layout's (the plan itself), is named in that layout's row instead of repeating it. */
function assertEqualsCli(rows, native) {
  const figures = (l) => JSON.stringify({ ...l, layout: null });
  const seen = [];
  for (const l of native.layouts) {
    const same = seen.find((e) => figures(e) === figures(l));
    const row = rows.find((r) => r.key === KEYS[l.layout]);
    if (same) {
      assert.equal(row, undefined, `${l.layout} repeats ${same.layout}'s row`);
      const host = rows.find((r) => r.key === KEYS[same.layout]);
      const named = host.head.includes(LABELS[l.layout].toLowerCase()) || host.head.includes('the other two layouts');
      assert.ok(named, `${host.head} does not name ${l.layout}`);
      continue;
    }
    seen.push(l);
    const s = l.lost_gpu_hours;
    const v = row.values;
    assert.deepEqual(
      [v[0], v[1], v[2], v[4], v[5], v[6]],
      [l.availability, s.mean, s.p95, l.p_below[9], l.p_below[0], l.hours_below_per_year[19]],
      l.layout,
    );
  }
  assert.equal(rows.length, seen.length);
}

test('the section has its results, and its full height, before anyone scrolls to it', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    // Simulated once in the page's first idle period, out of sight.
    await runDone(page, 1);
    assert.equal(await page.getAttribute('.live:has(#resilience)', 'data-seen'), 'false');
    const height = () => page.$eval('#resilience', (e) => Math.round(e.getBoundingClientRect().height));
    const before = await height();
    await look(page);
    await page.waitForSelector('.live:has(#resilience)[data-seen="true"]', { state: 'attached' });
    await page.waitForTimeout(300);
    assert.equal(await runs(page), 1, 'not simulated again for being seen');
    // Seen, it does not grow under the reader (it grew by ~1,000 px when its charts came late).
    assert.equal(await height(), before);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the default layout follows the facility's sites; the simulation and the summary say the same", async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await facilitySites(page, '3');
    await page.waitForFunction(() => document.querySelectorAll('[data-field="resilience.sites"] [data-input$=".share"]').length === 3);
    // Not scrolled to: off the screen the section follows the edit once the page is idle, so
    // the page never reads the earlier scenario's figures (find-in-page, screen readers).
    await runDone(page, 2);
    assert.equal(await page.getAttribute('.live:has(#resilience)', 'data-seen'), 'false');
    assert.ok(relClose(await kpi(page, 'res-effective-sites'), 3));
    await settled(page);
    assert.match(await page.textContent('.summary'), /split across 3 sites \(the largest holds 33\.3 %\)/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('one site is the plan in every layout: one row names the layouts it stands for', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await facilitySites(page, '1');
    await look(page);
    await runDone(page, 2);
    const rows = await layouts(page);
    assert.deepEqual(rows.map((r) => r.key), ['AsPlanned']);
    assert.equal(rows[0].head, 'As planned (also the other two layouts here)');
    assert.equal(rows[0].values[0], await kpi(page, 'res-availability'));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the default layout equals the CLI; a site out of the shared region cuts the tail', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    // Until the section has been simulated its figures show a dash, never "NaN".
    const cards = await page.$$eval('#resilience .kpi-value', (v) => v.map((e) => e.textContent));
    assert.ok(cards.length >= 5 && cards.every((t) => !/NaN/.test(t)), cards.join(' | '));
    await page.locator('#resilience').scrollIntoViewIfNeeded();
    await runDone(page, 1);
    const scenario = cli(['default']);
    const native = cli(['resilience', '-'], JSON.stringify(scenario));
    assertEqualsCli(await layouts(page), native);
    assert.equal(await kpi(page, 'res-availability'), native.layouts[0].availability);
    assert.equal(await kpi(page, 'res-largest-event'), native.concentration.largest_event);
    assert.equal(await kpi(page, 'res-effective-sites'), 2);
    // Set against the contract's expected availability (99.5 % by default).
    const sla = await page.textContent('#res-sla');
    assert.match(sla, /expects 99\.5 % availability; these site and regional outages alone leave 99\.\d+ % of the capacity/);
    assert.ok(!sla.includes('short of it'), sla);
    // Every hour is powered by default: no word of power shortfalls.
    assert.ok(!sla.includes('Power shortfalls'), sla);
    const before = await kpi(page, 'res-below-half');
    assert.equal(before, native.layouts[0].p_below[9]);
    assert.ok(before > 0.1, `two sites in one storm region lose half the fleet together: ${before}`);
    for (const id of ['resilience-capacity', 'resilience-lost']) {
      const chart = page.locator(`[data-chart="${id}"]`);
      await chart.scrollIntoViewIfNeeded();
      await page.waitForSelector(`[data-chart="${id}"] .chart-frame[data-in-view="true"] canvas`);
    }

    await page.selectOption('[data-input="resilience.sites.1.region"]', '');
    await look(page);
    await runDone(page, 2);
    scenario.resilience.sites[1].region = '';
    const moved = cli(['resilience', '-'], JSON.stringify(scenario));
    assertEqualsCli(await layouts(page), moved);
    const after = await kpi(page, 'res-below-half');
    assert.ok(after < before / 5, `${after} vs ${before}`);
    assert.equal(await kpi(page, 'res-largest-event'), 0.5);
    // A contract that expects more than the outages leave says so.
    await page.click('details.panel-section summary:has-text("Service level")');
    await page.fill('#contract-sla-expected_availability', '99.95');
    await page.waitForSelector('#res-sla:has-text("expects 99.95 % availability")');
    assert.match(await page.textContent('#res-sla'), /short of it/);
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

test('power the supply cannot give is named beside the outages, with the energy section\'s figure', async () => {
  // A tester's what-if: the first site on a grid alone that is out 500 hours a year. The energy
  // dispatch loses GPU-hours that this section's site and regional outages do not include; the
  // section says so, with the same figure as the energy banner, instead of a second "lost".
  const scenario = cli(['default']);
  const grid = scenario.energy.sites[0].sources.find((x) => x.grid).grid;
  Object.assign(grid, { outages_per_year: 20, outage_hours_per_year: 500 });
  scenario.energy.sites[0].sources = [{ grid }];
  const native = cli(['eval', '-'], JSON.stringify(scenario));
  assert.ok(native.energy.totals.hours_short > 100, `${native.energy.totals.hours_short} hours short`);
  const payload = cliText(['link', '-'], JSON.stringify(scenario)).trim();
  const { page, problems } = await openApp(env.browser, env.site, { query: `#s=${payload}` });
  try {
    await look(page);
    await runDone(page, 1);
    const sla = await page.textContent('#res-sla');
    const lost = await page.textContent('[data-testid="power-short"]');
    const figure = /(\S+) GPU-hours lost/.exec(lost)[1];
    assert.ok(sla.includes(`Power shortfalls are not among them: the energy dispatch loses another ${figure} GPU-hours`), `${sla} | ${lost}`);
    assert.ok(sla.includes(`in ${native.energy.totals.hours_short.toLocaleString('en-US')} hours short of power`), sla);
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

test('bad shares are named while the last results stay; renaming a region keeps its sites', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    // Until the section has been simulated its figures show a dash, never "NaN".
    const cards = await page.$$eval('#resilience .kpi-value', (v) => v.map((e) => e.textContent));
    assert.ok(cards.length >= 5 && cards.every((t) => !/NaN/.test(t)), cards.join(' | '));
    await page.locator('#resilience').scrollIntoViewIfNeeded();
    await runDone(page, 1);
    const availability = await kpi(page, 'res-availability');
    await enter(page, 'resilience.sites.0.share', '70');
    await page.waitForSelector('[data-testid="res-sites-error"]:has-text("add up to 100 %, now 120 %")');
    await page.waitForSelector('[data-testid="res-invalid"]');
    assert.equal(await kpi(page, 'res-availability'), availability, 'the last results stay');
    await look(page);
    await page.waitForTimeout(300);
    assert.equal(await runs(page), 1, 'nothing runs on bad settings');
    await enter(page, 'resilience.sites.0.share', 'half');
    await page.waitForSelector('[data-input="resilience.sites.0.share"] ~ .error:has-text("is not a number")');

    await page.click('#res-split');
    await page.waitForSelector('[data-testid="res-invalid"]', { state: 'detached' });
    // The value set by "Split evenly" replaces what was mistyped, and its message goes with it.
    assert.equal(await page.inputValue('[data-input="resilience.sites.0.share"]'), '50');
    await page.waitForSelector('[data-input="resilience.sites.0.share"] ~ .error:has-text("is not a number")', { state: 'detached' });
    // Out of the field's own range: refused at the field; the scenario never takes it, so
    // nothing is invalid or stale.
    await enter(page, 'resilience.sites.1.mean_outage_hours', '-5');
    await page.waitForSelector('[data-input="resilience.sites.1.mean_outage_hours"] ~ .error:has-text("must be")');
    assert.equal(await page.locator('[data-testid="res-invalid"]').count(), 0);
    assert.equal(await page.locator('.banner.stale').count(), 0);
    // A region cannot lose its name (its sites follow it by name).
    await enter(page, 'resilience.regions.0.name', ' ');
    await page.waitForSelector('[data-region="0"] .error:has-text("A region needs a name")');
    assert.equal(await page.$eval('[data-input="resilience.sites.0.region"]', (s) => s.value), 'US South Central');
    await enter(page, 'resilience.regions.0.name', 'Tennessee Valley');
    await look(page);
    await runDone(page, 2);
    for (const i of [0, 1]) {
      assert.equal(await page.$eval(`[data-input="resilience.sites.${i}.region"]`, (s) => s.value), 'Tennessee Valley');
    }
    // The same sites in the same (renamed) region: the same draws, the same figures.
    assert.equal(await kpi(page, 'res-availability'), availability);

    await page.click('#res-add-site');
    await page.waitForSelector('[data-site="2"]');
    await look(page);
    await runDone(page, 3);
    assert.equal(await page.textContent('[data-testid="res-sites-error"]'), '');
    assert.equal(await kpi(page, 'res-effective-sites'), 2, 'a site with no share changes nothing');
    // Sites are named in the results: a second site of one name is refused at its field.
    assert.equal(await page.inputValue('[data-input="resilience.sites.2.name"]'), 'Site 3');
    await enter(page, 'resilience.sites.2.name', 'Site 1');
    await page.waitForSelector('[data-site="2"] .error:has-text("Site 1")');
    assert.match(await page.textContent('[data-site="2"] p.error'), /^"Site 1" is listed twice/);
    await enter(page, 'resilience.sites.2.name', 'Site 3');
    await page.waitForSelector('[data-site="2"] .error:has-text("listed twice")', { state: 'detached' });
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});
