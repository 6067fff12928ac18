// The release build's Content-Security-Policy: only the site's own origin, no inline script but
// trunk's loader (allowed by its hash), and no violation while the app is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp } from './harness.mjs';

const env = useApp();

test('a strict CSP is in force and the app runs under it without a violation', async () => {
  const { page, context, problems } = await openApp(env.browser, env.site);
  try {
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(policy, /default-src 'self'/);
    const scripts = policy.match(/script-src ([^;]*)/)[1];
    assert.match(scripts, /^'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}'$/);
    assert.ok(!/https?:|\*/.test(policy), 'no other origin is allowed');
    // Record violations from here on (the loader itself already ran, or the KPIs would not show).
    await page.evaluate(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    // An inline script injected now is refused: the policy is really enforced.
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.body.append(s); });
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await page.evaluate(() => window.__injected), undefined);
    await page.evaluate(() => { window.__violations = []; });
    // Chromium also logs the refusal to the console: that one entry is expected.
    assert.ok(problems.length === 1 && /inline script violates/.test(problems[0]), problems.join('\n'));
    problems.length = 0;

    // Use the app: presets, edits, every chart drawn, data tables, print preparation.
    await page.selectOption('#preset', 'solar-storage-gas');
    await page.fill('#contract-ramp_delay_months', '3');
    for (const chart of await page.$$('.chart')) {
      await chart.scrollIntoViewIfNeeded();
      await page.waitForTimeout(40);
    }
    await page.click('[data-chart="cumulative-spend"] .link-button');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('every file index.html names with an integrity hash matches it, and the JavaScript is minified', async () => {
  const { readFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { join } = await import('node:path');
  const { DIST } = await import('./harness.mjs');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const named = [...html.matchAll(/href="?\.\/([^"\s>]+)"?\s+integrity="?(sha384-[A-Za-z0-9+/=]+)/g)];
  assert.ok(named.some(([, file]) => file.endsWith('.js')), 'the glue is preloaded with its hash');
  for (const [, file, sri] of named) {
    const actual = `sha384-${createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64')}`;
    assert.equal(actual, sri, file);
  }
  // scripts/minify-js.sh: no indented lines left (wasm-bindgen writes four-space indents).
  for (const file of named.map(([, f]) => f).filter((f) => f.endsWith('.js')).concat('worker.js')) {
    const text = readFileSync(join(DIST, file), 'utf8');
    assert.ok(!/\n {4}\S/.test(text), `${file} is minified`);
  }
});
