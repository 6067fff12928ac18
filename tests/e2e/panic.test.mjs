// A panic anywhere shows a recoverable banner: what happened, that the work is safe, a link
// that reopens the last good scenario and a "Copy diagnostic" button. The panic is forced
// through `window.__dealExplorerPanic`, a hook that only debug builds carry; this test runs
// against the debug build in dist-dev/ (scripts/test.sh builds it), and checks the release
// build has no such hook.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, launch, openApp, kpi, cli, cliText, ROOT } from './harness.mjs';

let dev, release, browser;
before(async () => {
  dev = await serve(join(ROOT, 'dist-dev'));
  release = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await dev?.close();
  await release?.close();
});

test('a panic shows a recoverable banner and nothing is lost', async () => {
  const { page, context, problems } = await openApp(browser, dev);
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.fill('#contract-ramp_delay_months', '6');
    // Wait until the address holds exactly the edited scenario (its updates are throttled).
    const edited6 = cli(['default']);
    edited6.contract.ramp_delay_months = 6;
    const link = cliText(['link', '-'], JSON.stringify(edited6)).trim();
    await page.waitForFunction((l) => location.hash === '#s=' + l, link);
    const edited = await kpi(page, 'usd-per-delivered-gpu-hour');
    const hash = await page.evaluate(() => location.hash);

    await page.evaluate(() => { try { window.__dealExplorerPanic(); } catch { /* the wasm trap after the hook */ } });
    await page.waitForSelector('#panic-banner[role="alert"]');
    assert.match(await page.textContent('#panic-banner'), /Something went wrong.*Your scenario is safe/s);
    const detail = await page.textContent('#panic-detail');
    assert.match(detail, /forced by the browser tests' debug hook/);
    assert.ok(detail.includes(hash), 'the diagnostic carries the scenario link');
    await page.click('#panic-copy');
    await page.waitForFunction(async (d) => (await navigator.clipboard.readText()) === d, detail);
    // The only problem is the reported panic itself.
    assert.ok(problems.length > 0 && problems.every((p) => /panicked|forced by the browser tests|unreachable/i.test(p)), problems.join('\n'));

    await Promise.all([page.waitForNavigation(), page.click('#panic-reopen')]);
    await page.waitForSelector('[data-kpi="usd-per-delivered-gpu-hour"]');
    assert.equal(await page.$('#panic-banner'), null);
    assert.equal(await page.inputValue('#contract-ramp_delay_months'), '6');
    assert.equal(await kpi(page, 'usd-per-delivered-gpu-hour'), edited);
  } finally {
    await context.close();
  }
});

test('the release build has no panic hook', async () => {
  const { page, context, problems } = await openApp(browser, release);
  try {
    assert.equal(await page.evaluate(() => typeof window.__dealExplorerPanic), 'undefined');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
