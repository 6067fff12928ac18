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
      // axe reads colours from the rendered page, and the browser skips rendering panels and
      // sections off the screen (`content-visibility`); render them all for the audit.
      await page.addStyleTag({ content: '.live, .sidebar .panel { content-visibility: visible !important; }' });
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

test('on phones and narrow tablets the header popovers fit the screen and their controls can be reached', async () => {
  for (const width of [375, 600, 820]) {
    const { page, context, problems } = await openApp(env.browser, env.site, { viewport: { width, height: 760 } });
    try {
      const inside = async (selector) => {
        const box = await page.locator(selector).boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width && box.y >= 0, `${selector} at ${width} px: ${JSON.stringify(box)}`);
      };
      await page.click('#scenarios-button');
      await page.waitForSelector('#scenarios');
      await inside('#scenarios');
      await inside('#scenario-name');
      await page.fill('#scenario-name', `Fits at ${width}`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('#scenarios', { state: 'detached' });
      await page.click('.share > button');
      await page.waitForFunction(() => document.activeElement?.id === 'share-url');
      await inside('.share [role=dialog]');
      await inside('#share-url');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('selects that act (preset, add a source, site preset, uncertain input) only browse on arrow keys; Enter acts, leaving puts them back', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const sources = () => page.$$eval('[data-site="0"] .energy-source', (s) => s.length);
    // The header names an edited preset "(edited)"; the URL is written only after a pause.
    const name = () => page.textContent('.app-header .scenario-name');
    await page.waitForFunction(() => !document.querySelector('.after-first-paint:not([data-mounted])'));
    const add = '[data-testid="site-0-add"]';
    // Each says how it works to a screen reader.
    for (const sel of ['#preset', add, '[data-testid="site-0-preset"]', '#mc-add']) {
      const hint = await page.$eval(sel, (s) => document.getElementById(s.getAttribute('aria-describedby'))?.textContent);
      assert.equal(hint, 'Arrow keys show the choices; Enter applies the one shown.', sel);
    }
    await page.locator(add).scrollIntoViewIfNeeded();
    const count = await sources();
    await page.focus(add);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    assert.equal(await sources(), count, 'arrowing through the kinds adds nothing');
    const kind = await page.$eval(add, (s) => s.value);
    assert.notEqual(kind, '');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-site="0"] .energy-source').length === n + 1, count);
    assert.equal(await page.$eval(add, (s) => s.value), '', 'back to "Choose a kind…"');
    assert.match(await name(), /\(edited\)$/);
    // Arrowing then leaving changes nothing and puts the select back.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(100);
    assert.equal(await page.$eval(add, (s) => s.value), '');
    assert.equal(await sources(), count + 1);

    // The site preset: browsing keeps the site's sources.
    const preset = '[data-testid="site-0-preset"]';
    await page.focus(preset);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    assert.equal(await sources(), count + 1);
    await page.focus('#contract-ramp_delay_months');
    assert.equal(await page.$eval(preset, (s) => s.value), '');

    // Making an input uncertain.
    const uncertain = () => page.$$eval('.uncertain-input:not(.correlation)', (r) => r.length);
    const rows = await uncertain();
    await page.locator('#mc-add').scrollIntoViewIfNeeded();
    await page.focus('#mc-add');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    assert.equal(await uncertain(), rows);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.uncertain-input:not(.correlation)').length === n + 1, rows);

    // The header preset: one arrow does not replace the scenario; Enter loads the preset shown.
    await page.focus('#preset');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    assert.match(await name(), /\(edited\)$/, 'browsing the presets keeps the edited scenario');
    assert.equal(await sources(), count + 1);
    const shown = await page.$eval('#preset', (s) => s.value);
    assert.notEqual(shown, 'deal');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('.preset-info')?.dataset.preset === id, shown);
    assert.doesNotMatch(await name(), /\(edited\)/);
    // A pointer choice still loads at once.
    await page.selectOption('#preset', 'deal');
    await page.waitForFunction(() => document.querySelector('.preset-info')?.dataset.preset === 'deal');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a skip link takes the keyboard past the inputs; on a phone a button jumps from the results to the inputs', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
    const shown = await page.locator('.skip-link').boundingBox();
    assert.ok(shown && shown.y >= 0, 'visible while focused');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    // Not on a desktop, where the inputs are beside the results.
    assert.equal(await page.locator('.jump-inputs').isVisible(), false);
  } finally {
    await context.close();
  }
  const phone = await openApp(env.browser, env.site, { viewport: { width: 375, height: 800 } });
  try {
    const jump = phone.page.locator('.jump-inputs');
    assert.ok(await jump.isVisible());
    const inputs = await phone.page.locator('#inputs').boundingBox();
    assert.ok(inputs.y > 3000, `the inputs start far down on a phone (${inputs.y})`);
    await jump.click();
    await phone.page.waitForFunction(() => document.activeElement?.id === 'inputs');
    const after = await phone.page.locator('#inputs').boundingBox();
    assert.ok(Math.abs(after.y) < 5, `scrolled to the inputs (${after.y})`);
    assert.deepEqual([...problems, ...phone.problems], []);
  } finally {
    await phone.context.close();
  }
});

test('after an edit a screen reader hears the summary\'s headline sentence, not its whole paragraph', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    // Every live region on the page that holds the summary's words: only its first sentence.
    const live = () => page.$$eval('[aria-live]', (es) => es.filter((e) => e.closest('.summary')).map((e) => e.textContent));
    const before = await live();
    assert.equal(before.length, 1, `live regions in the summary: ${before.length}`);
    assert.match(before[0], /^Effective cost is \$\d+\.\d\d per delivered GPU-hour [^]*\.$/);
    assert.ok(!before[0].includes('Payments total'), before[0]);
    assert.equal(await page.$eval('.summary', (e) => e.closest('[aria-live]')), null, 'the paragraph itself is not live');
    const whole = await page.textContent('.summary');
    assert.ok(whole.startsWith(`${before[0]} Payments total `), whole);
    // An edit changes what is read out, as it changes the cost.
    await page.fill('#contract-ramp_delay_months', '6');
    await page.press('#contract-ramp_delay_months', 'Enter');
    await page.waitForFunction((t) => document.querySelector('.summary [aria-live]').textContent !== t, before[0]);
    assert.match((await live())[0], /^Effective cost is \$/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
