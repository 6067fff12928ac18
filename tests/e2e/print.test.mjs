// The board summary: printing the release build gives one A4 page with the key figures, the
// plain-language summary, the assumptions changed from the preset with their sources, and the
// two main charts drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, cli, cliText } from './harness.mjs';

const env = useApp();

/** Pages in a PDF: page objects, not the page tree. */
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

test('printing gives a one-page board summary with the changed assumptions', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    assert.ok(!(await page.isVisible('.printed-on')), 'the print date is for paper only');
    // A fuller page than the default: the simulation's spreads on the cards and two changes.
    await page.fill('#mc-samples', '200');
    await page.check('#uncertainty-enabled');
    await page.waitForFunction(() => document.querySelector('#mc-status')?.dataset.done === '200');
    await page.fill('#energy-gas_price', '7');
    await page.fill('#contract-ramp_delay_months', '6');
    await page.waitForFunction(() => document.querySelectorAll('.change-list li').length === 2);
    await page.waitForFunction(() => document.querySelector('#mc-status')?.dataset.running === 'false');
    assert.ok(await page.isVisible('[data-kpi="usd-per-useful-gpu-hour"] .kpi-band:not(.flat)'));
    // A price beside its preset's reads with cents like it.
    assert.match(await page.textContent('.changes'), /Gas price: \$7\.00 \/ MMBtu \(preset \$3\.50 \/ MMBtu; source: /);
    assert.match(await page.textContent('.changes'), /Ramp delay: 6 months \(preset 0 months; source: /);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    for (const id of ['cumulative-spend', 'alternatives-unit-cost']) {
      await page.waitForFunction((i) => document.querySelector(`[data-chart="${i}"] canvas`).toDataURL().length > 10000, id);
      assert.ok(await page.isVisible(`[data-chart="${id}"]`), `${id} prints`);
      // Drawn for the paper's column (340 × 160 CSS px), not squeezed from the screen's shape,
      // and shown in its own proportions: its text is not stretched.
      await page.waitForFunction((i) => {
        const c = document.querySelector(`[data-chart="${i}"] canvas`);
        return c.width === Math.round(340 * devicePixelRatio) && c.height === Math.round(160 * devicePixelRatio);
      }, id, { timeout: 5000 });
      const shape = await page.$eval(`[data-chart="${id}"] canvas`, (c) => ({ drawn: c.width / c.height, shown: c.clientWidth / c.clientHeight }));
      assert.ok(Math.abs(shape.drawn / shape.shown - 1) < 0.02, `${id}: drawn ${shape.drawn.toFixed(2)}:1, shown ${shape.shown.toFixed(2)}:1`);
    }
    assert.ok(await page.isVisible('.changes'));
    assert.ok(await page.isVisible('.summary'));
    // The page says when it was printed, in the browser's own calendar (and, with the
    // simulation on, what the lines under the figures are).
    const today = await page.evaluate(() => {
      const d = new Date();
      return `Printed ${d.getDate()} ${d.toLocaleString('en', { month: 'short' })} ${d.getFullYear()}`;
    });
    assert.ok(await page.isVisible('.printed-on'));
    assert.ok((await page.textContent('.printed-on')).trim().startsWith(`${today} · this scenario (a link in a PDF): http`));
    assert.ok((await page.textContent('.printed-caption')).startsWith('Under a figure'));
    // And where the scenario itself is: its permanent link, which opens these very settings.
    const href = await page.$eval('.printed-link a', (a) => a.href);
    assert.equal(await page.textContent('.printed-link a'), href);
    const opened = cli(['open', href]);
    assert.deepEqual([opened.energy.gas_price, opened.contract.ramp_delay_months], [7, 6]);
    assert.ok(!(await page.isVisible('.sidebar')));
    assert.ok(!(await page.isVisible('[data-chart="energy-week"]')));
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      assert.equal(pages(pdf), 1, `${format}: one page`);
    }
    // The legends' colour keys are backgrounds: they print even with the dialog's "background
    // graphics" off (the browser's default), or the legends would be bare names.
    const keys = await page.$$eval('.legend-item .swatch', (all) => all.map((e) => getComputedStyle(e).printColorAdjust));
    assert.ok(keys.length >= 4 && keys.every((k) => k === 'exact'), JSON.stringify(keys));
    // The summary says what the present value is discounted at, and to when.
    assert.match(await page.textContent('.summary'), /\$38\.3B discounted at 12 % a year to Jun 2026\./);
    // After printing, back at the screen's size.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-chart="cumulative-spend"] canvas');
      return c.height === Math.round(300 * devicePixelRatio) && c.width === Math.round(c.clientWidth * devicePixelRatio);
    });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('fourteen changed assumptions and every optional sentence of the summary print on one page', async () => {
  const s = cli(['default']);
  Object.assign(s.contract, { ramp_delay_months: 6, discount_rate: 0.1, utilization: 0.85, annual_escalator: 0.02, prepayment: 1e9 });
  Object.assign(s.facility, { pue: 1.2, rack_kw: 120, wue_l_per_kwh: 1.5, it_life_years: 5, construction_months: 9 });
  // 30 % B200s run short of power for a few hours (SLA credits): with the slip, the late halls
  // and the driver, every optional sentence of the summary is on the page.
  s.hardware.mix = [['h100', 0.5], ['h200', 0.2], ['b200', 0.3]].map(([accelerator, share]) => ({ accelerator, share, available_from_month: 0 }));
  Object.assign(s.alternatives, { neocloud_price: 2.2, hyperscaler_on_demand: 7.5 });
  s.energy.gas_price *= 2;
  // The fullest page: the simulation's spreads on the cards as well.
  Object.assign(s.uncertainty, { enabled: true, samples: 200 });
  const payload = cliText(['link', '-'], JSON.stringify(s)).trim();
  const { page, context, problems } = await openApp(env.browser, env.site, { query: `#s=${payload}` });
  try {
    await page.waitForFunction(() => document.querySelectorAll('.change-list li:not(.print-only)').length === 14);
    await page.waitForFunction(() => document.querySelector('#mc-status')?.dataset.done === '200' && document.querySelector('#mc-status')?.dataset.running === 'false');
    assert.ok(await page.isVisible('[data-kpi="usd-per-useful-gpu-hour"] .kpi-band:not(.flat)'));
    assert.match(await page.textContent('#kpi-caption'), /over 200 simulated scenarios, seed \d+\.$/);
    // On screen every change is listed and the count line is hidden.
    assert.equal(await page.$$eval('.change-list li', (l) => l.filter((x) => x.offsetParent !== null).length), 14);
    // The mix is quoted both ways, not just "edited".
    const listed = await page.$$eval('.change-list li', (l) => l.map((x) => x.textContent));
    assert.ok(listed.some((t) => t.includes('Hardware · mix') && t.includes('50 % NVIDIA H100, 20 % NVIDIA H200, 30 % NVIDIA B200 (preset: 65.2 % NVIDIA H100, 21.7 % NVIDIA H200, 13.1 % NVIDIA GB200 NVL72)')), listed.join('\n'));
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const shown = await page.$$eval('.change-list li', (l) => l.filter((x) => x.offsetParent !== null).map((x) => x.textContent));
    assert.equal(shown.length, 5, shown.join('\n'));
    assert.equal(shown[4], '… and 10 more changed assumptions (every change is listed in the explorer; in a PDF, the link above opens it).');
    // The preset's description is where the scenario started, not what it now is: on paper
    // the preset is named only by the changes' title, which say what the scenario now is.
    assert.equal(await page.isVisible('.preset-info'), false);
    assert.match(await page.textContent('.changes h2'), /^Assumptions changed from the preset “Reported lab–provider deal/);
    // The lines under the figures are named on paper (in the printed header), where no tooltip
    // reads; on screen under the cards.
    assert.ok(!(await page.isVisible('#kpi-caption')));
    assert.match(await page.textContent('.printed-caption'), /^Under a figure: its median, and in parentheses the 5th to 95th percentile, over 200 simulated scenarios, seed \d+\.$/);
    const summary = await page.textContent('.summary');
    for (const sentence of ['pays for capacity that has not arrived', 'A late-delivery credit would return part', 'Credits for missed availability',
      'Lower availability costs less', 'The datacenter plan falls short of the contract in', 'the provider\'s cost']) {
      assert.ok(summary.includes(sentence), `${sentence}: ${summary}`);
    }
    // The charts redrawn for the paper before it is printed.
    for (const id of ['cumulative-spend', 'alternatives-unit-cost']) {
      await page.waitForFunction((i) => {
        const c = document.querySelector(`[data-chart="${i}"] canvas`);
        return c.width === Math.round(340 * devicePixelRatio) && c.height === Math.round(160 * devicePixelRatio);
      }, id, { timeout: 5000 });
    }
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      assert.equal(pages(pdf), 1, `${format}: one page`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a dark page prints in the light theme and goes back to dark afterwards', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site, { colorScheme: 'dark' });
  try {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await theme(), 'dark');
    const dark = await background();
    const corner = () => page.$eval('[data-chart="cumulative-spend"] canvas', (c) => [...c.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
    await page.locator('[data-chart="cumulative-spend"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-chart="cumulative-spend"] canvas').toDataURL().length > 10000);
    assert.ok((await corner()).every((v) => v < 80), 'the chart is drawn dark on screen');
    await page.emulateMedia({ media: 'print' });
    // Even before `beforeprint` (a browser that does not send it), the print styles are light:
    // dark text on the page's white.
    assert.equal(await theme(), 'dark');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(17, 24, 39)');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.notEqual(await background(), dark);
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-chart="cumulative-spend"] canvas');
      return [...c.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3).every((v) => v > 200);
    });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.ok((await corner()).every((v) => v < 80), 'and dark again after');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
