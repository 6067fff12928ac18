// Named scenarios, import/export, compare and embeds in the release build: saved scenarios
// survive a reload; "Export all" is a file the CLI evaluates; a corrupt or newer file is refused
// with a message and changes nothing; the compare view lists every KPI and exactly the inputs
// that differ, with figures equal to the CLI's; an embed URL renders only the chosen chart or
// number, linking back to the full explorer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, cli, cliText, kpi, relClose, download } from './harness.mjs';

const env = useApp();

const savedNames = (page) => page.$$eval('#scenarios tr[data-saved]', (rows) => rows.map((r) => r.dataset.saved).filter((n) => n));

async function saveAs(page, name) {
  await page.fill('#scenario-name', name);
  await page.press('#scenario-name', 'Tab');
  await page.click('#save-scenario');
  await page.waitForFunction((n) => document.querySelector('#library-status').textContent.includes(n), name);
}

async function setDelay(page, months) {
  const before = await kpi(page, 'usd-per-delivered-gpu-hour');
  await page.fill('#contract-ramp_delay_months', String(months));
  await page.waitForFunction((b) => Number(document.querySelector('[data-kpi="usd-per-delivered-gpu-hour"]').dataset.value) !== b, before);
}

test('saved scenarios: save, duplicate, rename, delete and undo; kept after a reload; "Export all" is what the CLI reads', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.click('#scenarios-button');
    await saveAs(page, 'Base plan');
    await setDelay(page, 6);
    // Enter in the name field names and saves, like the button.
    await page.fill('#scenario-name', 'Slipped');
    await page.press('#scenario-name', 'Enter');
    await page.waitForFunction(() => document.querySelector('#library-status').textContent.includes('Saved “Slipped”'));
    assert.deepEqual(await savedNames(page), ['Base plan', 'Slipped']);
    // Saving again under the same name updates it rather than adding a row.
    await page.click('#save-scenario');
    assert.match(await page.textContent('#library-status'), /Updated “Slipped”/);
    assert.deepEqual(await savedNames(page), ['Base plan', 'Slipped']);

    await page.click('tr[data-saved="Slipped"] [data-action="duplicate"]');
    assert.deepEqual(await savedNames(page), ['Base plan', 'Slipped', 'Slipped (2)']);
    await page.fill('tr[data-saved="Slipped (2)"] .name-input', 'Base plan');
    await page.press('tr[data-saved="Slipped (2)"] .name-input', 'Tab');
    // A taken name is counted on, never duplicated.
    await page.waitForSelector('tr[data-saved="Base plan (2)"]');
    await page.click('tr[data-saved="Base plan (2)"] [data-action="delete"]');
    assert.deepEqual(await savedNames(page), ['Base plan', 'Slipped']);
    await page.click('#undo-delete');
    assert.deepEqual(await savedNames(page), ['Base plan', 'Slipped', 'Base plan (2)']);

    // Opening a saved scenario replaces the one being edited.
    await page.click('tr[data-saved="Base plan"] [data-action="open"]');
    await page.waitForFunction(() => document.querySelector('#contract-ramp_delay_months').value === '0');
    assert.equal(await page.inputValue('#scenario-name'), 'Base plan');
    // Renaming the saved scenario being worked on renames that one too: saving again updates
    // the renamed entry instead of bringing the old name back.
    await page.fill('tr[data-saved="Base plan"] .name-input', 'Base plan v2');
    await page.press('tr[data-saved="Base plan"] .name-input', 'Tab');
    await page.waitForFunction(() => document.querySelector('#scenario-name').value === 'Base plan v2');
    await page.click('#save-scenario');
    assert.match(await page.textContent('#library-status'), /Updated “Base plan v2”/);
    // The rename is not an undo step and undo never brings the old name back: undo goes to the
    // scenario before "Open", redo returns to the renamed one.
    const shownName = (n) => page.waitForFunction((x) => document.querySelector('.scenario-name .name').textContent === x, n);
    await page.click('#undo');
    await shownName('Slipped');
    await page.click('#redo');
    await shownName('Base plan v2');
    if (!(await page.isVisible('#scenario-name'))) await page.click('#scenarios-button');

    // The address and the autosave follow an edit after a quarter-second pause.
    await page.waitForTimeout(400);
    await page.reload();
    await page.click('#scenarios-button');
    assert.deepEqual(await savedNames(page), ['Base plan v2', 'Slipped', 'Base plan (2)']);

    const file = await download(page, '#export-all');
    assert.equal(file.name, 'deal-explorer-scenarios.json');
    const reports = cli(['eval', '-'], file.bytes.toString('utf8'));
    assert.deepEqual(reports.map((r) => r.name), ['Base plan v2', 'Slipped', 'Base plan (2)']);
    assert.ok(reports[1].report.contract.totals.delivered_gpu_hours < reports[0].report.contract.totals.delivered_gpu_hours);
    const one = await download(page, '#export-current');
    assert.equal(one.name, 'base-plan-v2.json');
    assert.equal(JSON.parse(one.bytes.toString('utf8')).name, 'Base plan v2');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('import: a corrupt file, a 50 MB file and a newer schema are refused with a message and change nothing; a good one adds its scenarios', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.click('#scenarios-button');
    const upload = (name, text) =>
      page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
    const before = await savedNames(page);

    await upload('broken.json', '{"kind": "deal-explorer scenarios", "scenarios": [');
    await page.waitForFunction(() => document.querySelector('#import-error').textContent.length > 0);
    assert.match(await page.textContent('#import-error'), /broken\.json was not imported: not valid JSON.*Nothing was changed/);
    assert.deepEqual(await savedNames(page), before);

    const newer = cli(['default']);
    newer.schema_version = 99;
    await upload('future.json', JSON.stringify(newer));
    await page.waitForFunction(() => document.querySelector('#import-error').textContent.includes('future.json'));
    assert.match(await page.textContent('#import-error'), /schema version 99/);
    assert.doesNotMatch(await page.textContent('#import-error'), /\.\./, 'one full stop between the sentences');
    assert.deepEqual(await savedNames(page), before);

    // A 50 MB file is refused by its size, before it is read.
    await upload('huge.json', Buffer.alloc(50_000_000, ' '));
    await page.waitForFunction(() => document.querySelector('#import-error').textContent.includes('huge.json'));
    assert.match(await page.textContent('#import-error'), /50000000 bytes; the limit is 4194304 bytes\. Nothing was changed/);
    assert.deepEqual(await savedNames(page), before);

    const good = cli(['default']);
    good.name = 'From the CLI';
    good.contract.ramp_delay_months = 3;
    const bad = { ...cli(['default']), name: 'Broken' };
    bad.contract = { ...bad.contract, utilization: 7 };
    await upload('mixed.json', JSON.stringify({ kind: 'deal-explorer scenarios', scenarios: [good, bad] }));
    await page.waitForFunction(() => document.querySelector('#import-error').textContent.includes('mixed.json'));
    assert.match(await page.textContent('#import-error'), /scenario 2 \(“Broken”\)/);
    assert.deepEqual(await savedNames(page), before);

    await upload('good.json', JSON.stringify(good));
    await page.waitForFunction(() => document.querySelector('#library-status').textContent.includes('good.json'));
    assert.equal(await page.textContent('#import-error'), '');
    assert.deepEqual(await savedNames(page), [...before, 'From the CLI']);
    // A failure after a success replaces its message rather than contradicting it.
    await upload('broken-again.json', '{');
    await page.waitForFunction(() => document.querySelector('#import-error').textContent.includes('broken-again.json'));
    assert.equal(await page.textContent('#library-status'), '');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('compare: every KPI side by side equal to the CLI, exactly the inputs that differ, the spend overlaid', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    await page.click('#scenarios-button');
    await saveAs(page, 'Deal as reported');
    await setDelay(page, 6);
    await page.check('tr[data-saved="Deal as reported"] input[type=checkbox]');
    await page.check('#pick-current');
    await page.click('#compare-button');
    await page.waitForSelector('#compare');
    // The keyboard lands on the view that opened, not on the page's body.
    await page.waitForFunction(() => document.activeElement?.id === 'compare');

    const kpiIds = cliText(['kpis']).trim().split('\n').map((l) => l.split('\t')[0]);
    const rows = await page.$$eval('#compare-kpis tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.result, ...[...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value))]));
    assert.deepEqual(rows.map((r) => r[0]), kpiIds);
    // Column 2 is the live scenario: its figures are the KPI strip's.
    for (const id of ['usd-per-delivered-gpu-hour', 'npv-cost', 'paid-for-undelivered']) {
      const row = rows.find((r) => r[0] === id);
      assert.ok(relClose(row[2], await kpi(page, id)), `${id}: ${row} vs ${await kpi(page, id)}`);
    }
    const base = cli(['eval', '-'], JSON.stringify({ ...cli(['default']), name: 'Deal as reported' })).contract.totals;
    assert.ok(relClose(rows.find((r) => r[0] === 'npv-cost')[1], base.npv_cost));
    // Under every figure after the first column: how it differs from the first, in its unit and relatively.
    const deltas = await page.$$eval('#compare-kpis tbody tr', (trs) => Object.fromEntries(trs.map((tr) =>
      [tr.dataset.result, [...tr.querySelectorAll('td')].map((td) => td.querySelector('.delta')?.textContent ?? null)])));
    assert.ok(Object.values(deltas).every((d) => d[0] === null && d[1] !== null), JSON.stringify(deltas));
    for (const [id, first, second] of rows) {
      if (first === second) assert.equal(deltas[id][1], 'same', id);
    }
    assert.equal(deltas['npv-cost'][1], 'same', 'take-or-pay: a later ramp pays the same');
    for (const id of ['usd-per-delivered-gpu-hour', 'usd-per-useful-gpu-hour', 'energy-annual-cost']) {
      const [, first, second] = rows.find((r) => r[0] === id);
      const m = deltas[id][1].match(/^([+-])\$[\d.,]+[KMBT]? \(([+-])([\d.]+) %\)$/);
      assert.ok(m, `${id}: ${deltas[id][1]}`);
      assert.equal(m[1], second > first ? '+' : '-', `${id}: ${deltas[id][1]} for ${first} → ${second}`);
      assert.equal(m[2], m[1]);
      const relative = (100 * Math.abs(second - first)) / Math.abs(first);
      assert.ok(Math.abs(Number(m[3]) - relative) <= 0.05 + relative * 0.001, `${id}: ${deltas[id][1]} vs ${relative} %`);
    }

    const diffs = await page.$$eval('#compare-inputs tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.path, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    assert.deepEqual(diffs, [['contract.ramp_delay_months', '0', '6']]);

    const legend = await page.$$eval('[data-chart="compare-spend"] .legend-item', (b) => b.map((x) => x.textContent.trim()));
    assert.deepEqual(legend, ['Deal as reported', 'Deal as reported (this scenario)'].map((n) => n));
    // The view follows edits to the live scenario.
    await setDelay(page, 9);
    await page.waitForFunction(() => [...document.querySelectorAll('#compare-inputs td')].some((td) => td.textContent === '9'));
    // A site given other kinds of source is compared as one supply row, not source by source
    // (its second source would be gas in one column and a battery in the other).
    await page.locator('section.panel[aria-label="Energy"]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid="site-0-preset"]', 'solar_storage_gas');
    const supplyRow = '#compare-inputs tr[data-path="energy.sites.0.sources"]';
    await page.waitForSelector(supplyRow);
    const supply = await page.$$eval(`${supplyRow} td`, (t) => t.map((x) => x.textContent));
    assert.ok(supply[1].includes('Solar') && !supply[0].includes('Solar'), supply.join(' | '));
    assert.equal(await page.$('#compare-inputs tr[data-path^="energy.sites.0.sources."]'), null);
    await page.click('#close-compare');
    assert.equal(await page.$('#compare'), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('embeds in small frames fit: the chart gives up what the wrapped title and legend take', async () => {
  for (const [id, width, height] of [['cumulative-spend', 320, 240], ['build-out', 720, 200], ['energy-mix', 360, 300]]) {
    const { page, context, problems } = await openApp(env.browser, env.site, { viewport: { width, height } });
    try {
      await page.goto(`${env.site.url}?embed=${id}`);
      await page.waitForFunction((i) => document.querySelector(`[data-chart="${i}"] canvas`)?.toDataURL().length > 5000, id);
      await page.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight + 1, null, { timeout: 3000 })
        .catch(() => {});
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: window.innerHeight }));
      assert.ok(scroll <= inner + 1, `${id} at ${width}×${height}: page ${scroll}px`);
      const foot = await page.locator('.embed-foot a').boundingBox();
      assert.ok(foot && foot.y + foot.height <= height + 1, `${id}: the link back is in the frame`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('embeds: a chart or a KPI alone, sized to its frame, linking back; the share panel gives the iframe code', async () => {
  const scenario = cli(['default']);
  scenario.contract.ramp_delay_months = 4;
  const payload = cliText(['link', '-'], JSON.stringify(scenario)).trim();
  const { page, problems } = await openApp(env.browser, env.site, { viewport: { width: 720, height: 440 } });
  try {
    await page.goto(`${env.site.url}?embed=capacity#s=${payload}`);
    await page.waitForSelector('[data-chart="capacity"] canvas');
    assert.equal(await page.$$eval('figure.chart', (f) => f.length), 1);
    assert.equal(await page.$('.sidebar'), null);
    assert.equal(await page.$('.app-header'), null);
    // The chart fills the frame's height: nothing scrolls.
    const { scroll, inner, canvas } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight, inner: window.innerHeight,
      canvas: document.querySelector('canvas').getBoundingClientRect().height,
    }));
    assert.ok(scroll <= inner + 1, `page ${scroll}px in a ${inner}px frame`);
    assert.ok(canvas >= 250, `canvas ${canvas}px`);
    const back = await page.getAttribute('.embed-foot a', 'href');
    assert.ok(back.endsWith(`#s=${payload}`) && !back.includes('embed='), back);
    // The deal with a changed term is not credited to the reported deal.
    assert.equal((await page.textContent('.embed-foot .muted')).trim(), `${scenario.name} (edited)`);
    assert.deepEqual(problems, []);

    const t = cli(['eval', '-'], JSON.stringify(scenario)).contract.totals;
    await page.goto(`${env.site.url}?embed=paid-for-undelivered#s=${payload}`);
    await page.waitForSelector('[data-kpi="paid-for-undelivered"]');
    assert.ok(relClose(await kpi(page, 'paid-for-undelivered'), t.paid_for_undelivered));
    assert.equal(await page.$$eval('[data-kpi]', (k) => k.length), 1);

    await page.goto(`${env.site.url}?embed=nothing-here`);
    await page.waitForSelector('.banner.warning');
    assert.match(await page.textContent('.banner.warning'), /Nothing to embed under “nothing-here”/);

    await page.goto(`${env.site.url}#s=${payload}`);
    await page.click('button:has-text("Copy link")');
    await page.selectOption('#embed-pick', 'npv-cost');
    const code = await page.inputValue('#embed-code');
    assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/explorer\/\?embed=npv-cost#s=[^"]+" width="720" height="190"/);
    assert.ok(code.includes(`#s=${payload}`), code);
  } finally {
    await page.close();
  }
});
