// The energy model in the release build: its figures agree with the CLI, adding a battery at a
// site changes the hourly dispatch week and the figures exactly as the CLI computes, and a bad
// source parameter is named next to the field while the last good result stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, kpi, cli, relClose } from './harness.mjs';

const env = useApp();

const weekChart = '[data-chart="energy-week"] canvas';
const drawn = (page, selector) =>
  page.waitForFunction((s) => document.querySelector(s)?.toDataURL().length > 10000, selector);

test('energy KPIs agree with the CLI and a battery changes the dispatch week', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const t = cli(['eval', '-'], JSON.stringify(cli(['default']))).energy.totals;
    assert.ok(relClose(await kpi(page, 'energy-blended'), t.blended_price));
    assert.ok(relClose(await kpi(page, 'energy-annual-cost'), t.annual_cost));
    assert.ok(relClose(await kpi(page, 'energy-powered'), t.fully_powered_share));
    // The presets comparison is computed on request: a scatter with one dot per option, the
    // scenario's own supply at its carbon intensity and blended cost.
    const options = '[data-chart="energy-options"]';
    assert.equal(await page.$(options), null);
    await page.click('.compare-presets');
    await page.locator(options).scrollIntoViewIfNeeded();
    await drawn(page, `${options} canvas`);
    await page.click(`${options} .link-button`);
    const rows = await page.$$eval(`${options} tbody tr`, (trs) =>
      trs.map((tr) => ({ name: tr.querySelector('th').textContent, values: [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value)) })));
    assert.equal(rows.length, 6);
    assert.equal(rows[0].name, 'This scenario');
    assert.ok(relClose(rows[0].values[0], t.g_co2_per_kwh), `carbon ${rows[0].values[0]} vs ${t.g_co2_per_kwh}`);
    assert.ok(relClose(rows[0].values[1], t.blended_price), `cost ${rows[0].values[1]} vs ${t.blended_price}`);
    // Sweeping the pointer over the plot finds dots; each tooltip names one option and shows
    // its carbon and cost as in the table.
    const box = await page.locator(`${options} canvas`).boundingBox();
    const named = new Set();
    for (let y = 10; y < box.height - 40; y += 14) {
      for (let x = 90; x < box.width - 10; x += 14) {
        await page.mouse.move(box.x + x, box.y + y);
        const tip = await page.$(`${options} .tooltip`);
        if (!tip) continue;
        const title = await tip.$eval('.tooltip-title', (e) => e.textContent);
        const row = rows.find((r) => r.name === title);
        assert.ok(row, `tooltip names an option: ${title}`);
        const text = await tip.textContent();
        assert.match(text, /Carbon intensity/);
        assert.match(text, /Cost per MWh/);
        named.add(title);
      }
    }
    assert.ok(named.size >= 4, `hovering finds most dots: ${[...named].join(', ')}`);
    assert.equal(await page.$(`${options} .crosshair`), null, 'a scatter has no crosshair');

    // Replace site 1's supply with solar only, so the week chart has something to store.
    await page.locator('section.panel[aria-label="Energy"]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid="site-0-preset"]', 'grid');
    await page.waitForFunction(() => document.querySelectorAll('[data-site="0"] .energy-source').length === 1);
    await page.selectOption('[data-testid="site-0-add"]', 'solar');
    await page.waitForFunction(() => document.querySelectorAll('[data-site="0"] .energy-source').length === 2);
    await page.locator(weekChart).scrollIntoViewIfNeeded();
    await drawn(page, weekChart);
    await page.waitForTimeout(100);
    const before = await page.$eval(weekChart, (c) => c.toDataURL());
    const beforeCost = await kpi(page, 'energy-annual-cost');

    await page.locator('section.panel[aria-label="Energy"]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid="site-0-add"]', 'battery');
    await page.waitForFunction(() => document.querySelectorAll('[data-site="0"] .energy-source').length === 3);
    await page.waitForFunction((c) => Number(document.querySelector('[data-kpi="energy-annual-cost"]').dataset.value) !== c, beforeCost);
    await page.locator(weekChart).scrollIntoViewIfNeeded();
    await page.waitForFunction(([s, b]) => document.querySelector(s).toDataURL() !== b, [weekChart, before]);

    // The same edit through the CLI gives the same figures.
    const peak = Number(await page.$eval('[data-site="0"] .site-meta', (e) => e.textContent.match(/peak ([\d.]+) MW/)[1]));
    assert.ok(peak > 200, `site peak ${peak}`);
    const shown = await page.$$eval('[data-site="0"] [data-input]', (inputs) =>
      Object.fromEntries(inputs.map((i) => [i.dataset.input, Number(i.value)])));
    const scenario = cli(['default']);
    const sources = scenario.energy.sites[0].sources;
    sources.length = 0;
    const kinds = await page.$$eval('[data-site="0"] .energy-source', (f) => f.map((e) => e.dataset.kind));
    assert.deepEqual(kinds, ['grid', 'solar', 'battery']);
    const template = (kind) => cli(['default']).energy.sites[0].sources.find((s) => s[kind]);
    const grid = template('grid').grid;
    const battery = template('battery').battery;
    const field = (i, key) => shown[`energy.sites.0.sources.${i}.${key}`];
    sources.push({ grid: { ...grid, capacity_mw: field(0, 'capacity_mw') } });
    sources.push({ solar: { capacity_mw: field(1, 'capacity_mw'), capacity_factor: field(1, 'capacity_factor') / 100, price: field(1, 'price'), online_month: 0 } });
    sources.push({ battery: { ...battery, capacity_mw: field(2, 'capacity_mw'), hours: field(2, 'hours'), reserve_share: field(2, 'reserve_share') / 100 } });
    const after = cli(['eval', '-'], JSON.stringify(scenario)).energy.totals;
    assert.ok(relClose(await kpi(page, 'energy-annual-cost'), after.annual_cost), `${await kpi(page, 'energy-annual-cost')} vs ${after.annual_cost}`);
    assert.ok(relClose(await kpi(page, 'energy-renewable'), after.renewable_share));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a legend follows its series in place: series added and dropped relabel kept buttons', async () => {
  // PUE 1.2 leaves the default short of power: the dispatch week gains "Battery discharge" and
  // "Unserved", and 1.1 drops them. The legend keeps one button per slot and relabels it, so an
  // edit that adds or drops series builds nothing new (rebuilding the buttons grew the wasm
  // memory ~1.5 KB an edit: tests/e2e/memory.mjs, BENCHMARKS.md); a slot with no series hides.
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    const legend = '[data-chart="energy-week"] .legend';
    await page.locator(legend).scrollIntoViewIfNeeded();
    const names = () => page.$$eval(`${legend} .legend-item`, (b) => b.map((x) => x.textContent.trim()));
    const before = await names();
    assert.ok(!before.includes('Unserved'), before.join(' | '));
    await page.fill('#facility-pue', '1.2');
    await page.waitForFunction((l) => [...document.querySelectorAll(`${l} .legend-item`)].some((b) => b.textContent.includes('Unserved')), legend);
    const more = await names();
    assert.ok(more.length > before.length && more.includes('Battery discharge'), more.join(' | '));
    await page.fill('#facility-pue', '1.1');
    await page.waitForFunction((l) => ![...document.querySelectorAll(`${l} .legend-item`)].some((b) => b.textContent.includes('Unserved')), legend);
    assert.deepEqual(await names(), before);
    // The slots left over are hidden, not blank buttons.
    const spare = await page.$$eval(`${legend} button:not(.legend-item)`, (b) => b.map((x) => x.hidden));
    assert.ok(spare.length > 0 && spare.every(Boolean), JSON.stringify(spare));
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

test('the week shown first is a busy one when no hour is short, and the page says which', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.waitForSelector('.week-label');
    const first = await page.textContent('.week-label');
    await page.fill('#contract-ramp_delay_months', '6');
    // Off the screen, the section follows the edit in idle time (`ui::live`): wait for it.
    await page.waitForFunction((l) => {
      const t = document.querySelector('.week-label').textContent;
      return t !== l && t.includes('busiest month');
    }, first);
    const label = await page.textContent('.week-label');
    const week = Number(label.match(/^Week (\d+) of/)[1]);
    // Six months late: nothing is installed in the first ~26 weeks.
    assert.ok(week > 26, label);
    assert.equal(await page.$('#energy-week-auto'), null, 'no button while the explorer picks the week');
    await page.fill('#energy-week', '3');
    await page.waitForFunction(() => document.querySelector('.week-label').textContent.startsWith('Week 3 of'));
    assert.doesNotMatch(await page.textContent('.week-label'), /busiest/);
    await page.click('#energy-week-auto');
    await page.waitForFunction((l) => document.querySelector('.week-label').textContent === l, label);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the dispatch week can show one site: the sites add up to the summed week', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const chart = '[data-chart="energy-week"]';
    await page.locator(chart).scrollIntoViewIfNeeded();
    await page.waitForSelector('#energy-site');
    const names = await page.$$eval('#energy-site option', (o) => o.map((x) => x.textContent));
    assert.equal(names[0], 'All sites, summed');
    assert.ok(names.length >= 3, names.join(', '));
    await page.click(`${chart} button:has-text("Show data")`);
    // Column by header: "Grid (Megawatts)", "Load (Megawatts)", …; one row per hour.
    const table = () => page.$eval(`${chart} .data-table`, (t) => {
      const head = [...t.querySelectorAll('thead th')].slice(1).map((th) => th.textContent);
      const rows = [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value)));
      return Object.fromEntries(head.map((h, k) => [h, rows.map((r) => r[k])]));
    });
    const title = () => page.textContent(`${chart} .chart-title`);
    const all = await table();
    assert.match(await title(), /^Hourly dispatch, week of /);
    assert.match(await page.textContent(`${chart}`), /Summed over the \d+ sites/);
    const sites = [];
    for (const [i, name] of names.slice(1).entries()) {
      await page.selectOption('#energy-site', String(i));
      await page.waitForFunction(([sel, n]) => document.querySelector(`${sel} .chart-title`).textContent.includes(`at ${n},`), [chart, name]);
      sites.push(await table());
    }
    const load = 'Load (Megawatts)';
    assert.equal(all[load].length, 168);
    for (let h = 0; h < 168; h++) {
      const sum = sites.reduce((a, t) => a + t[load][h], 0);
      assert.ok(Math.abs(sum - all[load][h]) <= 1e-9 * Math.max(1, all[load][h]), `hour ${h}: ${sum} vs ${all[load][h]}`);
      for (const series of Object.keys(all).filter((k) => k !== load)) {
        const parts = sites.reduce((a, t) => a + (t[series]?.[h] ?? 0), 0);
        assert.ok(Math.abs(parts - all[series][h]) <= 1e-6 * Math.max(1, all[series][h]), `${series}, hour ${h}: ${parts} vs ${all[series][h]}`);
      }
    }
    await page.selectOption('#energy-site', 'all');
    await page.waitForFunction((sel) => /^Hourly dispatch, week of /.test(document.querySelector(`${sel} .chart-title`).textContent), chart);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a source parameter out of range is refused at its field: the figures stay, nothing goes stale', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const cost = await kpi(page, 'energy-annual-cost');
    const input = '[data-input="energy.sites.0.sources.2.round_trip_efficiency"]';
    await page.locator(input).scrollIntoViewIfNeeded();
    const original = await page.inputValue(input);
    await page.fill(input, '120');
    await page.press(input, 'Tab');
    const message = page.locator(`label:has(${input}) .error`);
    await message.waitFor();
    // Said with the value the results still use, and marked invalid for screen readers.
    assert.match(await message.textContent(), new RegExp(`^Round trip must be between 50 and 100 %, got 120 %\\. The results use ${original} %\\.$`));
    assert.equal(await page.getAttribute(input, 'aria-invalid'), 'true');
    assert.equal(await kpi(page, 'energy-annual-cost'), cost);
    // Refused at the field: the scenario never took it, so nothing is stale and nothing to undo.
    assert.equal(await page.locator('.banner.stale').count(), 0);
    assert.ok(await page.locator('#undo').isDisabled());
    await page.fill(input, 'lots');
    await page.press(input, 'Tab');
    assert.match(await message.textContent(), /not a number/);
    await page.fill(input, '90');
    await page.press(input, 'Tab');
    await page.waitForFunction((c) => Number(document.querySelector('[data-kpi="energy-annual-cost"]').dataset.value) !== c, cost);
    assert.equal(await message.textContent(), '');
    assert.equal(await page.getAttribute(input, 'aria-invalid'), 'false');
    // Undo brings back the value before.
    await page.click('#undo');
    await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [input, original]);
    assert.equal(await kpi(page, 'energy-annual-cost'), cost);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a site can be renamed; a blank name or the name of another site is refused at the field', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const input = '[data-input="energy.sites.1.name"]';
    const title = page.locator('details[data-site="1"] > summary');
    const message = page.locator(`label:has(${input}) .error`);
    await page.locator('details[data-site="1"] > summary').click();
    await page.locator(input).scrollIntoViewIfNeeded();
    assert.equal(await page.inputValue(input), 'Site 2');
    for (const [typed, why] of [['Site 1', /Another site is called "Site 1"/], ['   ', /A site needs a name/]]) {
      await page.fill(input, typed);
      await page.press(input, 'Tab');
      await page.waitForFunction((sel) => document.querySelector(sel).textContent !== '', `label:has(${input}) .error`);
      assert.match(await message.textContent(), why);
      // Refused at the field: the scenario never took it.
      assert.match(await title.textContent(), /^Site 2 ·/);
      assert.ok(await page.locator('#undo').isDisabled());
      assert.equal(await page.locator('.banner.stale').count(), 0);
    }
    await page.fill(input, ' Abilene ');
    await page.press(input, 'Tab');
    await page.waitForFunction(() => document.querySelector('details[data-site="1"] > summary').textContent.startsWith('Abilene ·'));
    assert.equal(await message.textContent(), '');
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('details[data-site="1"] > summary').textContent.startsWith('Site 2 ·'));
    assert.equal(await page.inputValue(input), 'Site 2');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('halls that would stand only after the term ends are refused at the field, and the last good result stays', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const before = await kpi(page, 'energy-annual-cost');
    await page.fill('#input-filter', 'construction');
    await page.fill('#facility-construction_months', '36');
    await page.waitForSelector('[data-field="facility.construction_months"].invalid');
    assert.match(await page.textContent('[data-field="facility.construction_months"] .error'),
      /Construction must finish before the term ends \(36 months\), or nothing is ever delivered; got month 36/);
    // The CLI refuses the same scenario, naming the field.
    const scenario = cli(['default']);
    scenario.facility.construction_months = 36;
    assert.throws(() => cli(['eval', '-'], JSON.stringify(scenario)), (e) => String(e.stderr).includes('facility.construction_months'));
    assert.equal(await kpi(page, 'energy-annual-cost'), before, 'the last good result stays');
    // A month less is valid: the halls stand for the last month, and the energy follows the CLI.
    await page.fill('#facility-construction_months', '35');
    await page.waitForSelector('[data-field="facility.construction_months"]:not(.invalid)');
    scenario.facility.construction_months = 35;
    const t = cli(['eval', '-'], JSON.stringify(scenario)).energy.totals;
    assert.ok(t.load_mwh > 0);
    assert.ok(relClose(await kpi(page, 'energy-annual-cost'), t.annual_cost));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
