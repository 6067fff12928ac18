// Accessibility: axe-core (from npm, run inside Chromium) finds no serious or critical
// violation on the explorer in light and dark themes and at phone width, with every collapsed
// section opened and the data tables shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useApp, openApp } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const env = useApp();

const views = [
  { name: 'light', viewport: { width: 1400, height: 900 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1400, height: 900 }, colorScheme: 'dark' },
  { name: 'phone', viewport: { width: 375, height: 800 }, colorScheme: 'light' },
];

for (const view of views) {
  test(`axe finds no serious or critical violations (${view.name})`, async () => {
    const { page, context, problems } = await openApp(env.browser, env.site, { ...view, bypassCSP: true });
    try {
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      for (const button of await page.$$('.chart .link-button')) await button.click();
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
      assert.equal(bad.length, 0, report);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('every control is reachable by keyboard with a visible focus ring', async () => {
  const { page, context } = await openApp(env.browser, env.site);
  try {
    const seen = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id || el.textContent.trim().slice(0, 30), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      seen.add(info.id);
      assert.ok(info.outline !== 'none' && info.width >= 2, `no visible focus ring on ${info.id}`);
    }
    for (const id of ['Copy link', 'theme-toggle', 'input-filter', 'contract-pricing', 'contract-monthly_commitment', 'facility-cooling']) {
      assert.ok([...seen].some((s) => s === id || s.startsWith(id)) || seen.has(id), `${id} not reached by Tab (saw ${[...seen].join(', ')})`);
    }
  } finally {
    await context.close();
  }
});

test('the header popovers take focus, close on Escape (focus back on their button) and on a click outside', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.click('.share > button');
    await page.waitForFunction(() => document.activeElement?.id === 'share-url');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.share [role=dialog]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copy link');
    await page.click('#scenarios-button');
    await page.waitForFunction(() => document.activeElement?.id === 'scenario-name');
    // A click inside keeps it open; one outside closes it.
    await page.click('#scenarios label[for="scenario-name"]');
    assert.equal(await page.locator('#scenarios').count(), 1);
    await page.mouse.click(700, 600);
    await page.waitForSelector('#scenarios', { state: 'detached' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
