// Developer tool (not a test): resilience timing in the release build (`node tests/e2e/resilience-bench.mjs`
// after `trunk build --release`): first run (worker start included) and re-runs after
// an edit, from the change event to the results on screen; longest main-thread task.
import { serve, launch, openApp } from './harness.mjs';
const site = await serve();
const browser = await launch();
const out = [];
try {
  for (let round = 0; round < 3; round++) {
    const { page } = await openApp(browser, site);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask' });
      window.__done = [];
      const watch = () => {
        const s = document.querySelector('#res-status');
        if (!s) return setTimeout(watch, 10);
        new MutationObserver(() => { if (s.dataset.running === 'false' && s.textContent.includes('draws')) window.__done.push([Number(s.dataset.run), performance.now()]); })
          .observe(s, { attributes: true, childList: true, subtree: true, characterData: true });
      };
      watch();
    });
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('#resilience').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => window.__done.some(([r]) => r === 1), null, { timeout: 30000 });
    const first = await page.evaluate((t0) => window.__done.find(([r]) => r === 1)[1] - t0, t0);
    const edits = [];
    for (let i = 0; i < 6; i++) {
      const value = i % 2 === 0 ? '' : 'US South Central';
      const t = await page.evaluate((value) => {
        const sel = document.querySelector('[data-input="resilience.sites.1.region"]');
        sel.value = value;
        const t = performance.now();
        sel.dispatchEvent(new Event('change', { bubbles: true }));
        return t;
      }, value);
      await page.waitForFunction((n) => window.__done.some(([r]) => r === n), i + 2, { timeout: 30000 });
      edits.push(await page.evaluate(([n, t]) => window.__done.find(([r]) => r === n)[1] - t, [i + 2, t]));
    }
    const longest = await page.evaluate(() => window.__longest);
    out.push({ first: Math.round(first), edits: edits.map(Math.round), longest: Math.round(longest) });
    await page.close();
  }
  console.log(JSON.stringify(out));
} finally { await browser.close(); site.close?.(); process.exit(0); }
