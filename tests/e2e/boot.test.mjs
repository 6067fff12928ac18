// While the module loads, the page says what the explorer needs; where the browser cannot run the
// module (here a WebAssembly file that does not compile, as the site's is for a browser without
// 128-bit SIMD), that line stays instead of a blank page. Once the explorer starts it is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp } from './harness.mjs';

const env = useApp();

test('the loading line goes when the explorer starts and stays where it cannot run', async () => {
  const started = await openApp(env.browser, env.site);
  try {
    assert.equal(await started.page.locator('#boot').count(), 0);
    assert.deepEqual(started.problems, []);
  } finally {
    await started.context.close();
  }
  const context = await env.browser.newContext();
  try {
    // The magic number and version of a module, then a byte that is no section.
    const broken = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff]);
    await context.route('**/*.wasm', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: broken }));
    const page = await context.newPage();
    await page.goto(env.site.url);
    await page.waitForTimeout(1500);
    assert.ok(await page.locator('#boot').isVisible());
    assert.match(await page.textContent('#boot'), /cannot run it/);
    assert.equal(await page.locator('[data-kpi]').count(), 0);
  } finally {
    await context.close();
  }
});
