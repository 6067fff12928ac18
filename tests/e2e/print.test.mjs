// The board summary: printing the release build gives one A4 page with the key figures, the
// plain-language summary, the assumptions changed from the preset with their sources, and the
// two main charts drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp } from './harness.mjs';

const env = useApp();

/** Pages in a PDF: page objects, not the page tree. */
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

test('printing gives a one-page board summary with the changed assumptions', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.fill('#contract-ramp_delay_months', '6');
    await page.waitForSelector('.change-list');
    assert.match(await page.textContent('.changes'), /Ramp delay: 6 months \(preset 0 months; source: /);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    for (const id of ['cumulative-spend', 'alternatives-unit-cost']) {
      await page.waitForFunction((i) => document.querySelector(`[data-chart="${i}"] canvas`).toDataURL().length > 10000, id);
      assert.ok(await page.isVisible(`[data-chart="${id}"]`), `${id} prints`);
    }
    assert.ok(await page.isVisible('.changes'));
    assert.ok(await page.isVisible('.summary'));
    assert.ok(!(await page.isVisible('.sidebar')));
    assert.ok(!(await page.isVisible('[data-chart="energy-week"]')));
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      assert.equal(pages(pdf), 1, `${format}: one page`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
