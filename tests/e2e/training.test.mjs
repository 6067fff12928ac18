// The training model in the release build: its figures agree with the CLI, changing MFU moves
// the run-completion markers, the 6·N·D target with the Chinchilla helper matches the CLI, and
// invalid MFU or a zero-FLOP run is named next to the field while the last good figures stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, kpi, cli, relClose } from './harness.mjs';

const env = useApp();

/** The months the cumulative-compute chart marks, from its "show data" table. */
const markedMonths = (page) =>
  page.$$eval('[data-chart="training-flop"] tbody tr', (rows) =>
    rows.filter((r) => r.querySelector('.marker-note')?.textContent.trim()).map((r) => r.querySelector('th').textContent));

const waitKpi = (page, id, previous) =>
  page.waitForFunction(([k, v]) => Number(document.querySelector(`[data-kpi="${k}"]`).dataset.value) !== v, [id, previous]);

test('training KPIs agree with the CLI and changing MFU moves the run markers', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const scenario = cli(['default']);
    const t = cli(['eval', '-'], JSON.stringify(scenario)).training;
    assert.ok(relClose(await kpi(page, 'training-days'), t.fleet.days_to_train));
    assert.ok(relClose(await kpi(page, 'training-runs-per-year'), t.fleet.runs_per_year));
    assert.ok(relClose(await kpi(page, 'training-cost-per-run'), t.fleet.cost_per_run));
    assert.equal(await kpi(page, 'training-runs-in-term'), t.runs_in_term);
    const costs = await page.$$eval('#training-costs tbody tr td:nth-of-type(1)', (tds) => tds.map((td) => Number(td.dataset.value)));
    assert.equal(costs.length, t.costs.length);
    t.costs.forEach((c, i) => assert.ok(relClose(costs[i], c.per_run), `cost row ${i}`));

    await page.locator('[data-chart="training-flop"]').scrollIntoViewIfNeeded();
    await page.click('[data-chart="training-flop"] .link-button');
    const before = await markedMonths(page);
    assert.ok(before.length > 1 && before.length <= 12, `markers: ${before}`);

    // Half the MFU: half the throughput, so runs complete later and fewer fit in the term.
    const days = await kpi(page, 'training-days');
    await page.fill('#training-mfu', '20');
    await waitKpi(page, 'training-days', days);
    scenario.training.mfu = 0.2;
    const slower = cli(['eval', '-'], JSON.stringify(scenario)).training;
    assert.ok(relClose(await kpi(page, 'training-days'), slower.fleet.days_to_train));
    assert.ok(relClose(slower.fleet.days_to_train, 2 * t.fleet.days_to_train));
    assert.equal(await kpi(page, 'training-runs-in-term'), slower.runs_in_term);
    await page.waitForFunction((b) => {
      const rows = [...document.querySelectorAll('[data-chart="training-flop"] tbody tr')];
      const marked = rows.filter((r) => r.querySelector('.marker-note')?.textContent.trim()).map((r) => r.querySelector('th').textContent);
      return JSON.stringify(marked) !== b;
    }, JSON.stringify(before));
    const after = await markedMonths(page);
    assert.notDeepEqual(after, before);
    // The first marked run now finishes no earlier than before.
    const months = await page.$$eval('[data-chart="training-flop"] tbody tr th', (ths) => ths.map((th) => th.textContent));
    assert.ok(months.indexOf(after[0]) >= months.indexOf(before[0]));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a run sized by parameters and tokens, with compute-optimal tokens, matches the CLI', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.locator('section.panel[aria-label="Training"]').scrollIntoViewIfNeeded();
    const days = await kpi(page, 'training-days');
    await page.selectOption('#training-run-size', 'model');
    await waitKpi(page, 'training-days', days);
    await page.fill('#training-parameters', '1000');
    await page.click('#chinchilla-tokens');
    await page.waitForFunction(() => document.querySelector('#training-tokens').value === '20');
    const scenario = cli(['default']);
    Object.assign(scenario.training, { run_size: 'model_and_tokens', parameters: 1e12, tokens: 20e12 });
    const t = cli(['eval', '-'], JSON.stringify(scenario)).training;
    // 6 × 1e12 × 20e12 = 1.2e26 FLOP.
    assert.ok(relClose(t.run_flop, 1.2e26));
    await page.waitForFunction((d) => Math.abs(Number(document.querySelector('[data-kpi="training-days"]').dataset.value) - d) < 1e-9 * d, t.fleet.days_to_train);
    assert.match(await page.textContent('[data-field="training.run_size"] .help'), /1\.2e26 FLOP/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('MFU outside (0, 1] and a zero-FLOP run are named next to the field; the last good figures stay', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.locator('section.panel[aria-label="Training"]').scrollIntoViewIfNeeded();
    const good = await kpi(page, 'training-days');
    await page.fill('#training-mfu', '0');
    await page.waitForSelector('[data-field="training.mfu"].invalid');
    assert.match(await page.textContent('[data-field="training.mfu"] .error'), /Model FLOP utilization must be between 0\.1 and 100 %, got 0/);
    await page.fill('#training-mfu', '120');
    assert.match(await page.textContent('[data-field="training.mfu"] .error'), /got 120/);
    assert.equal(await kpi(page, 'training-days'), good);
    await page.fill('#training-mfu', '40');
    await page.waitForSelector('[data-field="training.mfu"]:not(.invalid)');

    await page.fill('#training-target_flop', '0');
    await page.waitForSelector('[data-field="training.target_flop"].invalid');
    assert.match(await page.textContent('[data-field="training.target_flop"] .error'), /Target run compute must be between/);
    assert.equal(await kpi(page, 'training-days'), good);
    // Refused at its field: nothing else is held up, so no note about stale figures.
    assert.ok(!(await page.isVisible('.banner.stale')));
    await page.fill('#training-target_flop', '100');
    await page.waitForSelector('[data-field="training.target_flop"]:not(.invalid)');
    assert.ok(relClose(await kpi(page, 'training-days'), good));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
