// Uncertainty in the release build: the Monte Carlo run in the worker pool streams results
// (fan chart, histogram, spread table, KPI bands) and, once complete, its statistics equal the
// native CLI's `simulate` to the last bit (same seed, same samples, per-sample generator
// streams); an edit during a run restarts it; Cancel stops it; an invalid distribution is named
// at its row while the last results stay. The longest main-thread task during a run is printed
// (measured, not asserted: timings are benchmarks, see BENCHMARKS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, cli, cliText, kpi, relClose } from './harness.mjs';

const env = useApp();

const status = (page) => page.$eval('#mc-status', (s) => ({ done: Number(s.dataset.done), total: Number(s.dataset.total), running: s.dataset.running === 'true', text: s.textContent }));
const finished = (page, total) =>
  page.waitForFunction((t) => {
    const s = document.querySelector('#mc-status');
    return s && s.dataset.running === 'false' && Number(s.dataset.done) === t;
  }, total, { timeout: 120000 });

test('a run streams into the charts and ends equal to the CLI, bit for bit', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.fill('#mc-samples', '300');
    const note = '[data-uncertain="energy.gas_price"]';
    assert.equal(await page.locator(note).count(), 0);
    await page.check('#uncertainty-enabled');
    // Each simulated input says the spread comes from its range (triangular 2.5, 3.5, 4.5:
    // 5th and 95th percentiles 2.5 + √0.1 and 4.5 − √0.1), not from its value.
    assert.match(await page.textContent(note), /drawn between \$2\.816 and \$4\.184\s\/\sMMBtu/);
    // Partial results arrive before the run ends.
    await page.waitForFunction(() => Number(document.querySelector('#mc-status')?.dataset.done) > 0);
    const partial = await status(page);
    assert.equal(partial.total, 300);
    await finished(page, 300);
    const longest = await page.evaluate(() => window.__longest);
    console.log(`# longest main-thread task during a 300-sample run: ${longest.toFixed(0)} ms (0 = none over 50 ms)`);

    const scenario = cli(['default']);
    scenario.uncertainty.enabled = true;
    scenario.uncertainty.samples = 300;
    const native = cli(['simulate', '-'], JSON.stringify(scenario));
    const rows = await page.$$eval('#mc-spread tbody tr', (trs) => trs.map((tr) => ({
      key: tr.dataset.key,
      cells: [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value)),
    })));
    assert.equal(rows.length, native.spread.kpis.length);
    for (const [i, row] of rows.entries()) {
      const s = native.spread.kpis[i].summary;
      assert.equal(row.key, native.spread.kpis[i].id);
      // Point, p5, p50, p95, mean: exact equality of the shortest round-trip decimal.
      assert.deepEqual(row.cells.slice(1), [s.p5, s.p50, s.p95, s.mean], row.key);
    }
    // The KPI card shows the band; the tornado ranks the same inputs as the CLI.
    const band = await page.textContent('[data-kpi="usd-per-useful-gpu-hour"] .kpi-band');
    assert.match(band, /\$\d+\.\d\d \(\$\d+\.\d\d – \$\d+\.\d\d\)/);
    // None of the default uncertain inputs moves the cost per delivered GPU-hour: said so,
    // not shown as a band of one value.
    const delivered = native.spread.kpis.find((k) => k.id === 'usd-per-delivered-gpu-hour').summary;
    assert.equal(delivered.p5, delivered.p95);
    assert.equal(await page.textContent('[data-kpi="usd-per-delivered-gpu-hour"] .kpi-band'), 'No spread: the uncertain inputs do not move it');
    await page.waitForSelector('#mc-tornado .tornado-row');
    const order = await page.$$eval('#mc-tornado .tornado-row', (rs) => rs.map((r) => r.dataset.input));
    assert.deepEqual(order, native.tornado.map((s) => s.id));
    // The widest bar's one-way line: the same 11 points as the CLI, inputs in display units.
    const oneWay = '[data-chart="mc-one-way"]';
    await page.waitForSelector(oneWay);
    await page.click(`${oneWay} .link-button`);
    const table = await page.$$eval(`${oneWay} tbody tr`, (trs) => trs.map((tr) => ({
      values: [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value)),
      note: tr.querySelector('.marker-note')?.textContent ?? '',
    })));
    const scale = Number(cliText(['inputs']).split('\n').find((l) => l.startsWith(`${order[0]}\t`)).split('\t')[2]);
    // The 11 steps as the CLI computes them, plus the point estimate ringed in its place.
    const marked = table.filter((r) => r.note === 'point estimate');
    assert.equal(marked.length, 1);
    assert.ok(relClose(marked[0].values[1], await kpi(page, scenario.uncertainty.kpi)), 'the ringed point is the KPI card');
    const steps = table.filter((r) => r.note !== 'point estimate').map((r) => r.values);
    assert.deepEqual(steps, native.one_way.map(([x, y]) => [x / scale, y]));
    // The charts drew something.
    for (const id of ['uncertainty-fan', 'uncertainty-histogram', 'mc-one-way']) {
      await page.locator(`[data-chart="${id}"]`).scrollIntoViewIfNeeded();
      // Off-screen charts skip drawing; wait until this one is in view and a frame has passed.
      await page.waitForSelector(`[data-chart="${id}"] .chart-frame[data-in-view="true"]`);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const inked = await page.$eval(`[data-chart="${id}"] canvas`, (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colors = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) colors.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
        return colors.size;
      });
      assert.ok(inked > 5, `${id} drew (${inked} colours sampled)`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the threshold is typed in the unit the goal seek uses ($B, %), and its probability equals the CLI', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '300');
    await page.check('#uncertainty-enabled');
    await page.selectOption('#mc-kpi', 'npv-cost');
    assert.match(await page.textContent('label[for="mc-threshold"] + .unit'), /^\$B · /);
    await page.fill('#mc-threshold', '38.4');
    await finished(page, 300);
    const scenario = cli(['default']);
    Object.assign(scenario.uncertainty, { enabled: true, samples: 300, kpi: 'npv-cost', threshold: 38.4e9 });
    const native = cli(['simulate', '-'], JSON.stringify(scenario));
    const text = await page.textContent('#mc-exceedance');
    assert.match(text, /^P\(Present value > \$38\.4B\) = /);
    assert.ok(text.includes(`= ${(native.spread.exceedance * 100).toFixed(1).replace(/\.0$/, '')} %`), `${text} vs ${native.spread.exceedance}`);
    // A share in percent: 99 is 99 %, kept as 0.99.
    await page.selectOption('#mc-kpi', 'fully-powered-share');
    await page.fill('#mc-threshold', '99');
    await page.waitForFunction(() => /> 99 %\)/.test(document.querySelector('#mc-exceedance')?.textContent ?? ''));
    // Left, the box shows what is kept (0.99) in percent again.
    await page.press('#mc-threshold', 'Tab');
    assert.equal(await page.inputValue('#mc-threshold'), '99');
    // As the cards write it: 8.5B delivered GPU-hours is 8,500 million (the entry unit), not 8.5.
    await page.selectOption('#mc-kpi', 'delivered-gpu-hours');
    assert.match(await page.textContent('label[for="mc-threshold"] + .unit'), /^million · /);
    await page.fill('#mc-threshold', '8.5B');
    await page.waitForFunction(() => /> 8\.5B\)/.test(document.querySelector('#mc-exceedance')?.textContent ?? ''));
    await page.press('#mc-threshold', 'Tab');
    assert.equal(await page.inputValue('#mc-threshold'), '8500');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('examining another result or threshold re-reads the run, not drawing it again, and its tornado follows', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '300');
    await page.check('#uncertainty-enabled');
    await finished(page, 300);
    await page.waitForSelector('#mc-tornado .tornado-row');
    const run = await page.$eval('#mc-status', (s) => s.dataset.run);
    // Each end of a bar in its own colour, from the point estimate to the result at that end:
    // a higher goodput lowers the cost (both ends lie below the point estimate, since 90 % is at
    // the bottom of its range; the shorter bar is drawn over the longer), and dearer gas raises
    // the energy bill.
    const ends = (id) => page.$eval(`#mc-tornado .tornado-row[data-input="${id}"] .tornado-track`, (t) => {
      const pct = (el) => (el ? [parseFloat(el.style.left), parseFloat(el.style.left) + parseFloat(el.style.width)] : null);
      return { low: pct(t.querySelector('.tornado-bar.low')), high: pct(t.querySelector('.tornado-bar.high')), point: parseFloat(t.querySelector('.tornado-point').style.left),
        over: [...t.querySelectorAll('.tornado-bar')].filter((b) => b.style.zIndex === '1').map((b) => b.classList[1]) };
    });
    const goodput = await ends('contract.utilization');
    assert.ok(goodput.high[0] < goodput.low[0] && Math.abs(goodput.low[1] - goodput.point) < 0.01 && Math.abs(goodput.high[1] - goodput.point) < 0.01, JSON.stringify(goodput));
    assert.deepEqual(goodput.over, ['low']);
    const scenario = cli(['default']);
    Object.assign(scenario.uncertainty, { enabled: true, samples: 300, kpi: 'energy-annual-cost' });
    const percent = (p) => `= ${(p * 100).toFixed(1).replace(/\.0$/, '')} %`;
    // Another result: its probability and tornado (another order than the first result's), from
    // the 300 samples already drawn.
    await page.selectOption('#mc-kpi', 'energy-annual-cost');
    await page.waitForFunction(() => /^P\(Energy cost per year > /.test(document.querySelector('#mc-exceedance')?.textContent ?? ''));
    const native = cli(['simulate', '-'], JSON.stringify(scenario));
    assert.ok((await page.textContent('#mc-exceedance')).includes(percent(native.spread.exceedance)));
    await page.waitForFunction((ids) => JSON.stringify([...document.querySelectorAll('#mc-tornado .tornado-row')].map((r) => r.dataset.input)) === ids,
      JSON.stringify(native.tornado.map((s) => s.id)));
    assert.match(await page.textContent('#mc-tornado'), /What moves it most: Energy cost per year/);
    const gas = await ends('energy.gas_price');
    assert.ok(gas.low[0] < gas.point && Math.abs(gas.low[1] - gas.point) < 0.01 && Math.abs(gas.high[0] - gas.point) < 0.01 && gas.high[1] > gas.point, JSON.stringify(gas));
    const gasSwing = native.tornado.find((t) => t.id === 'energy.gas_price');
    assert.equal(await page.textContent('#mc-tornado .tornado-row[data-input="energy.gas_price"] .tornado-values'),
      `$${Math.round(gasSwing.low / 1e6)}M\u00a0→\u00a0$${Math.round(gasSwing.high / 1e6)}M`);
    assert.equal(await page.locator('[data-chart="uncertainty-histogram"]:visible').count(), 1);
    // Another threshold: re-read too.
    await page.fill('#mc-threshold', '$340M');
    await page.waitForFunction(() => /> \$340M\)/.test(document.querySelector('#mc-exceedance')?.textContent ?? ''));
    scenario.uncertainty.threshold = 340e6;
    const above = cli(['simulate', '-'], JSON.stringify(scenario));
    assert.ok((await page.textContent('#mc-exceedance')).includes(percent(above.spread.exceedance)));
    // A result no uncertain input moves (the present value, fixed by take-or-pay): said once,
    // with no bars and no flat one-way line.
    await page.selectOption('#mc-kpi', 'npv-cost');
    await page.waitForSelector('#mc-tornado-none');
    assert.match(await page.textContent('#mc-tornado-none'), /^None of the uncertain inputs moves present value on its own between its 10th and 90th percentiles/);
    assert.equal(await page.locator('#mc-tornado .tornado-row').count(), 0);
    // (Charts are kept while they have nothing to show, hidden: `MaybeChart`.)
    assert.equal(await page.locator('[data-chart="mc-one-way"]:visible').count(), 0);
    // Nor a histogram of 24 bins all labelled $38.3B.
    assert.match(await page.textContent('#mc-histogram-flat'), /Every sample gives \$38\.3B: the uncertain inputs do not move present value/);
    assert.equal(await page.locator('[data-chart="uncertainty-histogram"]:visible').count(), 0);
    const after = await status(page);
    assert.equal(await page.$eval('#mc-status', (s) => s.dataset.run), run, 'no new run was started');
    assert.equal(after.done, 300);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('mid-run, another result gets its tornado before the run ends; Cancel keeps the count it shows and the tornado', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '20000');
    await page.check('#uncertainty-enabled');
    await page.waitForFunction(() => Number(document.querySelector('#mc-status')?.dataset.done) >= 200);
    const order = (kpi) => {
      const scenario = cli(['default']);
      Object.assign(scenario.uncertainty, { enabled: true, samples: 100, kpi });
      return JSON.stringify(cli(['simulate', '-'], JSON.stringify(scenario)).tornado.map((t) => t.id));
    };
    const rows = () => JSON.stringify([...document.querySelectorAll('#mc-tornado .tornado-row')].map((r) => r.dataset.input));
    // The tornado job goes ahead of the run's remaining chunks (it waited for all 20,000).
    await page.selectOption('#mc-kpi', 'energy-annual-cost');
    await page.waitForFunction(new Function('ids', `return (${rows})() === ids`), order('energy-annual-cost'));
    assert.equal((await status(page)).running, true, 'the tornado came while the run was still going');
    // Another result, then Cancel at once: the tornado asked for is asked again after the
    // Cancel drops the queue; the count Cancel shows is every sample kept (it lagged the
    // statistics' refresh by a chunk or two), so re-reading the run does not move it.
    await page.selectOption('#mc-kpi', 'usd-per-useful-gpu-hour');
    await page.click('#mc-cancel');
    await page.waitForFunction(() => document.querySelector('#mc-status').dataset.running === 'false');
    const stopped = await status(page);
    await page.waitForFunction(new Function('ids', `return (${rows})() === ids`), order('usd-per-useful-gpu-hour'));
    await page.selectOption('#mc-kpi', 'blended-usd-per-mwh');
    await page.waitForFunction(() => /^P\(Blended energy price > /.test(document.querySelector('#mc-exceedance')?.textContent ?? ''));
    assert.equal((await status(page)).done, stopped.done, 'no sample arrived after Cancel');
    assert.match((await status(page)).text, /^Cancelled at /);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('an edit restarts the run, Cancel stops it, and a bad distribution is named at its row', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '2000');
    await page.check('#uncertainty-enabled');
    await page.waitForFunction(() => Number(document.querySelector('#mc-status')?.dataset.done) >= 8);
    // Changing an input mid-run starts over on the new scenario.
    const run = await page.$eval('#mc-status', (s) => s.dataset.run);
    await page.fill('#contract-ramp_delay_months', '3');
    await page.waitForFunction((r) => document.querySelector('#mc-status').dataset.run !== r, run);
    assert.ok((await status(page)).done < 2000, 'the new run starts from zero');
    await page.waitForFunction(() => Number(document.querySelector('#mc-status')?.dataset.done) >= 8);
    await page.click('#mc-cancel');
    await page.waitForFunction(() => document.querySelector('#mc-status').dataset.running === 'false');
    const stopped = await status(page);
    assert.ok(stopped.done < 2000, `stopped at ${stopped.done}`);
    assert.match(stopped.text, /^Cancelled at \S+ of \S+ samples \(.*\); the next change to an input starts a new run$/);
    await page.waitForTimeout(1500);
    assert.equal((await status(page)).done, stopped.done, 'no samples arrive after Cancel');

    // Low above high on the first uncertain input (a triangular over the gas price).
    const row = page.locator('.uncertain-input').first();
    const low = await row.locator('input[data-param="low"]').inputValue();
    await row.locator('input[data-param="low"]').fill('9');
    await row.locator('input[data-param="low"]').press('Enter');
    await page.waitForSelector('.uncertain-input.invalid .error:not(:empty)');
    const message = await row.locator('.error').textContent();
    assert.match(message, /Gas price: low \(\$9 \/ MMBtu\) must be below high/);
    const table = await page.$$eval('#mc-spread tbody tr', (trs) => trs.length);
    assert.ok(table > 0, 'the last results stay on screen');
    // Invalid settings on the same scenario leave the cancelled run as it was; a fix starts
    // another.
    assert.match((await status(page)).text, /^Cancelled at /);
    assert.equal((await status(page)).done, stopped.done);
    const invalidRun = await page.$eval('#mc-status', (s) => s.dataset.run);
    await row.locator('input[data-param="low"]').fill(low);
    await row.locator('input[data-param="low"]').press('Enter');
    await page.waitForFunction((r) => document.querySelector('#mc-status').dataset.run !== r, invalidRun);
    assert.doesNotMatch((await status(page)).text, /invalid/);
    // The editor shows the model's values after a switch of kind and after undo: a box typed in
    // (low, above) kept its text, the kind box its choice. A normal starts at the point value
    // (the gas price's $3.5).
    await row.locator('input[data-param="low"]').fill('2');
    await row.locator('input[data-param="low"]').press('Enter');
    await row.locator('select').selectOption('normal');
    await page.waitForFunction(() => document.querySelector('.uncertain-input input[data-param="mean"]')?.value === '3.5');
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('.uncertain-input select').value === 'triangular'
      && document.querySelector('.uncertain-input input[data-param="low"]')?.value === '2');
    await page.click('#undo');
    await page.waitForFunction((v) => document.querySelector('.uncertain-input input[data-param="low"]')?.value === v, low);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('with invalid settings, a removed source does not re-point the last valid run at another source', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '200');
    await page.check('#uncertainty-enabled');
    const gas = 'energy.sites.0.sources.1.capacity_mw';
    await page.selectOption('#mc-add', gas);
    await finished(page, 200);
    await page.waitForSelector(`#mc-tornado .tornado-row[data-input="${gas}"]`);
    // The settings made invalid: the last valid ones follow edits of the scenario, but once the
    // grid before the turbines is removed their `sources.1` is the battery, so they must not run.
    await page.fill('#mc-samples', '50001');
    await page.waitForSelector('#mc-samples[aria-invalid="true"]');
    await page.click('[data-source="0.0"] .source-foot .link-button');
    await page.waitForSelector('.uncertain-input[data-input="energy.sites.0.sources.0.capacity_mw"]');
    await page.waitForTimeout(1500);
    const labels = await page.$$eval('#mc-tornado .tornado-label', (ls) => ls.map((l) => l.textContent));
    assert.ok(labels.every((l) => !/Battery/.test(l)), labels.join(' | '));
    // Valid again: the renumbered settings run, the turbines under their new path.
    await page.fill('#mc-samples', '200');
    await finished(page, 200);
    const row = await page.waitForSelector('#mc-tornado .tornado-row[data-input="energy.sites.0.sources.0.capacity_mw"]');
    assert.match(await row.textContent(), /Gas.*Capacity/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a site count that drops a site with an uncertain input shows no spreads of the old scenario', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '200');
    await page.check('#uncertainty-enabled');
    const gas = 'energy.sites.1.sources.1.capacity_mw';
    await page.selectOption('#mc-add', gas);
    await finished(page, 200);
    await page.waitForSelector('.kpi-band');
    // One site: site 2's turbines are gone. The last valid settings name them, so they cannot
    // run either: no bands of the two-site scenario beside the one-site point estimates.
    await page.fill('#facility-sites', '1');
    const row = await page.waitForSelector(`.uncertain-input.invalid[data-input="${gas}"]`);
    assert.equal(await row.$eval('.label', (l) => l.textContent), gas);
    assert.match(await row.textContent(), /not in this scenario any more/);
    await page.waitForFunction(() => !document.querySelector('.kpi-band') && !document.querySelector('#mc-status'));
    assert.match(await page.textContent('#uncertainty .banner.warning'), /no earlier valid settings fit this scenario/);
    // Removing the row runs the rest on the one-site scenario.
    await row.$eval('button.reset', (b) => b.click());
    await finished(page, 200);
    await page.waitForSelector('.kpi-band');
    assert.equal(await page.$('#uncertainty .banner.warning'), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('values outside their simulated range are named, and invalid settings still follow the scenario', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '200');
    await page.check('#uncertainty-enabled');
    await finished(page, 200);
    // The default goodput (90 %) is the low corner of its range (triangular 90/90/95).
    const note = '[data-testid="off-range"]';
    assert.match(await page.textContent(note), /^Goodput is 90(\.0)? %, below the 5th percentile of its simulated range \(90\.1 to 93\.9 %\)\. The point estimates use that value/);
    assert.equal(await page.getAttribute('[data-uncertain="contract.utilization"]', 'data-placement'), 'edge');
    assert.match(await page.textContent('[data-uncertain="contract.utilization"]'), /at the low end of that range, so most draws lie above it/);
    assert.equal(await page.locator('[data-uncertain="energy.gas_price"][data-placement]').count(), 0);
    assert.equal(await page.locator(`${note}.outside`).count(), 0, 'an edge is not a warning');
    // …nor drawn as one: the danger colour marks only a value outside its range.
    const danger = await page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('div'));
      probe.style.color = 'var(--danger)';
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    const border = () => page.$eval(note, (n) => getComputedStyle(n).borderLeftColor);
    assert.notEqual(await border(), danger);
    // Gas edited to $7, its range still 2.5–4.5: named at the field and above the spreads.
    await page.fill('#energy-gas_price', '7');
    await page.waitForSelector('[data-uncertain="energy.gas_price"].outside[data-placement="outside"]');
    assert.match(await page.textContent('[data-uncertain="energy.gas_price"]'), /outside that range, where no draw goes: the point estimates use it and the spread does not/);
    await page.waitForFunction((sel) => /Gas price is \$7(\.0+)?\s\/\sMMBtu, outside its simulated range, where no draw goes \(\$2\.816 to \$4\.184/.test(document.querySelector(sel).textContent), note);
    await page.waitForSelector(`${note}.outside`);
    assert.equal(await border(), danger);
    await finished(page, 200);

    // Settings made invalid, then the scenario edited: the spreads follow the new scenario with
    // the last valid settings (not the results of the scenario before).
    await page.fill('#mc-samples', '50001');
    await page.press('#mc-samples', 'Tab');
    await page.waitForSelector('.uncertainty-summary .banner.warning');
    const run = await page.$eval('#mc-status', (s) => s.dataset.run);
    await page.fill('#contract-monthly_commitment', '1.3');
    await page.waitForFunction((r) => document.querySelector('#mc-status').dataset.run !== r, run);
    await finished(page, 200);
    const scenario = cli(['default']);
    Object.assign(scenario.uncertainty, { enabled: true, samples: 200 });
    scenario.energy.gas_price = 7;
    scenario.contract.monthly_commitment = 1.3e9;
    const native = cli(['simulate', '-'], JSON.stringify(scenario)).spread.kpis;
    const cells = await page.$eval('#mc-spread tbody tr[data-key="usd-per-useful-gpu-hour"]', (tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value)));
    const s = native.find((k) => k.id === 'usd-per-useful-gpu-hour').summary;
    assert.deepEqual(cells.slice(1), [s.p5, s.p50, s.p95, s.mean]);
    // Switched off and on again with the settings still invalid: the last valid ones run.
    await page.uncheck('#uncertainty-enabled');
    await page.waitForSelector('#mc-status', { state: 'detached' });
    await page.check('#uncertainty-enabled');
    await finished(page, 200);
    assert.ok(await page.isVisible('#mc-spread tbody tr[data-key="usd-per-useful-gpu-hour"]'));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('samples and seed keep bad text with a message at the field; thousands separators are read', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    const field = (id) => page.locator(`#${id}`).locator('xpath=..');
    // A negative count is a whole number: its message gives the range, grouped.
    for (const [id, bad, message] of [
      ['mc-seed', 'abc', 'Enter a whole number, not “abc”'],
      ['mc-samples', '2.5', 'Enter a whole number, not “2.5”'],
      ['mc-samples', '-1', 'Samples must be between 100 and 20,000, got -1'],
      ['mc-seed', '-3', 'Seed must be between 0 and 4,294,967,295, got -3'],
    ]) {
      const before = await page.evaluate(() => JSON.parse(JSON.stringify(window.location.hash)));
      await page.fill(`#${id}`, bad);
      await page.press(`#${id}`, 'Tab');
      assert.equal(await page.inputValue(`#${id}`), bad, `${id} keeps “${bad}”`);
      assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true');
      assert.equal((await field(id).locator('.error').textContent()).trim(), message);
      assert.equal(await page.evaluate(() => window.location.hash), before, 'the scenario is not changed');
    }
    await page.fill('#mc-samples', '1,500');
    await page.press('#mc-samples', 'Tab');
    assert.equal(await page.inputValue('#mc-samples'), '1500');
    assert.equal(await page.getAttribute('#mc-samples', 'aria-invalid'), null);
    assert.equal((await field('mc-samples').locator('.error').textContent()).trim(), '');
    // Too many samples typed before the first run: no valid settings this session, so the
    // banner asks for a fix without speaking of earlier settings.
    await page.fill('#mc-samples', '30000');
    await page.press('#mc-samples', 'Tab');
    // Applied, and refused by the simulation's settings check, its numbers grouped (no run has
    // valid settings yet, so there is no count in use to name).
    assert.equal((await field('mc-samples').locator('.error').textContent()).trim(), 'Samples must be between 100 and 20,000, got 30,000');
    await page.check('#uncertainty-enabled');
    await page.waitForSelector('#uncertainty .banner.warning');
    assert.equal(await page.textContent('#uncertainty .banner.warning'), 'Some uncertainty settings are invalid (see Uncertainty in the inputs): fix them to run the simulation.');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('correlations: an added pair runs equal to the CLI, bad ranks and impossible sets are named, removing an input removes its pairs; each input shows its distribution', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    // Every uncertain input draws a preview of its distribution with its 1st–99th percentiles.
    const previews = await page.$$eval('.uncertain-input:not(.correlation)', (rows) => rows.map((r) => ({
      bars: r.querySelectorAll('.dist-preview rect').length,
      label: r.querySelector('.dist-preview svg')?.getAttribute('aria-label') ?? '',
      caption: r.querySelector('.dist-preview figcaption')?.textContent ?? '',
    })));
    assert.ok(previews.length >= 2);
    for (const p of previews) {
      assert.equal(p.bars, 24);
      assert.match(p.label, /^Distribution from .+ to .+ \(1st to 99th percentile\)$/);
      // On screen too: the field's note gives other percentiles (5th–95th).
      assert.match(p.caption, /1st – 99th percentile/);
    }

    await page.click('#mc-add-correlation');
    const pair = await page.$$eval('[data-correlation="0"] select', (s) => s.map((x) => x.value));
    const ids = await page.$$eval('.uncertain-input[data-input]', (r) => r.map((x) => x.dataset.input));
    assert.deepEqual(pair, ids.slice(0, 2), 'the first two uncertain inputs');
    // Typed key by key, every keystroke an edit: the box keeps what is being typed, even
    // text that reads as another number ("0." after deleting the 5 of "0.5" is 0).
    const rank = page.locator('[data-correlation="0"] [data-param="rank"]');
    await rank.click();
    await rank.press('End');
    await rank.press('Backspace');
    assert.equal(await rank.inputValue(), '0.');
    await rank.pressSequentially('35');
    assert.equal(await rank.inputValue(), '0.35');
    assert.equal(await page.$('[data-correlation="0"].invalid'), null);
    await page.fill('[data-correlation="0"] [data-param="rank"]', '0.8');
    await page.fill('#mc-samples', '300');
    await page.check('#uncertainty-enabled');
    await finished(page, 300);
    const scenario = cli(['default']);
    scenario.uncertainty.enabled = true;
    scenario.uncertainty.samples = 300;
    scenario.uncertainty.correlations = [{ a: pair[0], b: pair[1], rank: 0.8 }];
    const native = cli(['simulate', '-'], JSON.stringify(scenario));
    const shown = await page.$$eval('#mc-spread tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => Number(td.dataset.value))));
    shown.forEach((cells, i) => {
      const s = native.spread.kpis[i].summary;
      assert.deepEqual(cells, [s.p5, s.p50, s.p95, s.mean], native.spread.kpis[i].id);
    });
    // Without the correlation the CLI gives other figures: the pair was really in the run.
    scenario.uncertainty.correlations = [];
    const independent = cli(['simulate', '-'], JSON.stringify(scenario));
    assert.notDeepEqual(independent.spread.kpis.map((k) => k.summary), native.spread.kpis.map((k) => k.summary));

    // Out of range: named at its row; the last results stay.
    await page.fill('[data-correlation="0"] [data-param="rank"]', '1.5');
    await page.waitForSelector('[data-correlation="0"].invalid');
    assert.match(await page.textContent('[data-correlation="0"] .error'), /between −1 and 1/);
    assert.ok((await page.$$eval('#mc-spread tbody tr', (t) => t.length)) > 0);
    await page.fill('[data-correlation="0"] [data-param="rank"]', '0.9');
    await page.waitForFunction(() => !document.querySelector('[data-correlation="0"].invalid'));

    // Three strong pairs that cannot hold together.
    await page.click('#mc-add-correlation');
    await page.click('#mc-add-correlation');
    await page.selectOption('[data-correlation="1"] select[data-side="1"]', ids[2]);
    await page.selectOption('[data-correlation="2"] select[data-side="0"]', ids[1]);
    await page.selectOption('[data-correlation="2"] select[data-side="1"]', ids[2]);
    await page.fill('[data-correlation="1"] [data-param="rank"]', '0.9');
    await page.fill('[data-correlation="2"] [data-param="rank"]', '-0.9');
    await page.waitForFunction(() => document.querySelector('[data-testid="mc-correlations-error"]').textContent.includes('cannot hold together'));

    // Removing the first uncertain input takes its two pairs with it; the rest is consistent again.
    await page.click(`.uncertain-input[data-input="${ids[0]}"] .reset`);
    await page.waitForFunction(() => document.querySelectorAll('[data-correlation]').length === 1);
    assert.deepEqual(await page.$$eval('[data-correlation="0"] select', (s) => s.map((x) => x.value)), [ids[1], ids[2]]);
    assert.equal(await page.textContent('[data-testid="mc-correlations-error"]'), '');
    // A perfect correlation ties the two inputs: accepted, at the row and for the matrix.
    await page.fill('[data-correlation="0"] [data-param="rank"]', '1');
    await page.waitForTimeout(200);
    assert.equal(await page.$('[data-correlation="0"].invalid'), null);
    assert.equal(await page.textContent('[data-testid="mc-correlations-error"]'), '');

    // A newly uncertain input starts at a tenth of its slider's span either side of its value:
    // the $1.25B monthly commitment (slider $0.1B–$5B) at $0.76B–$1.74B, not $0–100B.
    const before = page.url();
    await page.selectOption('#mc-add', 'contract.monthly_commitment');
    await page.waitForSelector('.uncertain-input[data-input="contract.monthly_commitment"]');
    await page.waitForFunction((u) => location.href !== u && location.href.includes('#s='), before);
    let added = null;
    for (let tries = 0; tries < 20 && !added; tries++) {
      added = cli(['open', page.url()]).uncertainty.inputs.find((i) => i.id === 'contract.monthly_commitment');
      if (!added) await page.waitForTimeout(100);
    }
    const t = added.dist.triangular;
    assert.ok(relClose(t.low, 0.76e9) && t.mode === 1.25e9 && relClose(t.high, 1.74e9), JSON.stringify(added.dist));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a site's energy source and a catalog figure can be uncertain, keep their fields when a source is removed and go when the sources are replaced", async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#mc-samples', '200');
    await page.check('#uncertainty-enabled');
    const gas = 'energy.sites.0.sources.1.capacity_mw';
    // Offered in the picker, grouped by where they live, as the decision tools group them.
    assert.match(await page.$eval(`#mc-add option[value="${gas}"]`, (o) => o.parentElement.label), /^Energy: /);
    const price = await page.$eval('#mc-add option[value^="hardware.catalog."][value$=".unit_price"]', (o) => o.value);
    assert.equal(await page.$eval(`#mc-add option[value="${price}"]`, (o) => o.parentElement.label), 'Accelerator catalog');
    for (const id of [gas, price]) {
      await page.selectOption('#mc-add', id);
      await page.waitForSelector(`.uncertain-input[data-input="${id}"]`);
    }
    assert.match(await page.textContent(`.uncertain-input[data-input="${gas}"] .label`), /Gas.*Capacity/);
    // Each field says it is drawn, and from where: the source's box in the energy panel, the
    // catalog's cell on hover.
    const note = await page.waitForSelector(`.energy-source [data-uncertain="${gas}"]`, { state: 'attached' });
    assert.match(await note.textContent(), /^Simulated: [\d,.]+–[\d,.]+\sMW \(5th–95th percentile\)$/);
    assert.equal(await page.$$eval('.catalog-table .num.simulated', (c) => c.length), 1);
    assert.match(await page.$eval('.num.simulated', (c) => c.title), /^Simulated: drawn between /);

    // The run equals the CLI's on the same scenario, bit for bit.
    await finished(page, 200);
    let scenario = null;
    for (let tries = 0; tries < 30; tries++) {
      const s = cli(['open', page.url()]);
      if (s.uncertainty.enabled && s.uncertainty.samples === 200 && s.uncertainty.inputs.some((i) => i.id === price)) { scenario = s; break; }
      await page.waitForTimeout(100);
    }
    assert.ok(scenario, 'the link carries the settings');
    const native = cli(['simulate', '-'], JSON.stringify(scenario));
    const rows = await page.$$eval('#mc-spread tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value))));
    for (const [i, row] of rows.entries()) {
      const s = native.spread.kpis[i].summary;
      assert.deepEqual(row.slice(1), [s.p5, s.p50, s.p95, s.mean], native.spread.kpis[i].id);
    }
    await page.waitForSelector(`#mc-tornado .tornado-row[data-input="${gas}"]`);
    assert.deepEqual(await page.$$eval('#mc-tornado .tornado-row', (rs) => rs.map((r) => r.dataset.input)), native.tornado.map((s) => s.id));
    assert.match(await page.textContent(`#mc-tornado .tornado-row[data-input="${gas}"] .tornado-label`), /Gas.*Capacity\d[\d,.]* → \d[\d,.]*\sMW$/);

    // Removing the site's first source (the grid): the turbines stay uncertain under their new
    // path, not swapped for whatever source took their place.
    const count = await page.$$eval('.uncertain-input:not(.correlation)', (r) => r.length);
    await page.click('[data-source="0.0"] .source-foot .link-button');
    const moved = 'energy.sites.0.sources.0.capacity_mw';
    await page.waitForSelector(`.uncertain-input[data-input="${moved}"]`);
    assert.equal(await page.$$eval('.uncertain-input:not(.correlation)', (r) => r.length), count);
    assert.equal(await page.$(`.uncertain-input[data-input="${moved}"].invalid`), null);
    assert.match(await page.textContent(`.uncertain-input[data-input="${moved}"] .label`), /Gas.*Capacity/);
    // The grid had no range of its own: nothing to say.
    assert.equal(await page.locator('.site .dropped').count(), 0);

    // An energy preset replaces the site's sources: the turbines' input goes with them rather
    // than drawing its turbine capacities into whatever source is first now.
    await page.selectOption('[data-testid="site-0-preset"]', 'solar_storage_gas');
    await page.waitForFunction((id) => !document.querySelector(`.uncertain-input[data-input="${id}"]`), moved);
    assert.equal(await page.$$eval('.uncertain-input:not(.correlation)', (r) => r.length), count - 1);
    assert.equal(await page.$$eval('.energy-source [data-uncertain]', (n) => n.length), 0);
    assert.equal(await page.$('.uncertain-input.invalid'), null);
    // Said where it happened, not only seen in the Uncertainty panel; Undo brings the range back
    // and retires the note.
    assert.equal(await page.textContent('[data-site="0"] .dropped'), '1 simulated range under Uncertainty went with it; Undo brings it back.');
    await page.click('#undo');
    await page.waitForSelector(`.uncertain-input[data-input="${moved}"]`);
    assert.equal(await page.locator('.dropped').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
