// Developer tool (not a test): screenshots of every view of the release build, for looking at
// what users see. `node tests/e2e/screenshots.mjs` after `trunk build --release`; PNGs land in
// tests/e2e/artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openApp, ARTIFACTS } from './harness.mjs';

mkdirSync(ARTIFACTS, { recursive: true });
const site = await serve();
const browser = await launch();
const views = [
  { name: 'desktop-light', viewport: { width: 1400, height: 900 }, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1400, height: 900 }, colorScheme: 'dark' },
  { name: 'phone-light', viewport: { width: 375, height: 800 }, colorScheme: 'light' },
];
try {
  for (const v of views) {
    const { page, context, problems } = await openApp(browser, site, v);
    // Charts draw when near the screen: scroll through once so every chart has been drawn.
    for (const chart of await page.$$('.chart')) {
      if (!(await chart.isVisible())) continue; // in a closed disclosure or an empty state
      await chart.scrollIntoViewIfNeeded();
      await page.waitForTimeout(60);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS, `${v.name}-top.png`) });
    await page.screenshot({ path: join(ARTIFACTS, `${v.name}-full.png`), fullPage: true });
    let i = 0;
    for (const el of await page.$$('main > :not(.after-first-paint), main > .after-first-paint > *')) {
      if (!(await el.isVisible())) continue;
      await el.screenshot({ path: join(ARTIFACTS, `${v.name}-main-${String(i++).padStart(2, '0')}.png`) });
    }
    const sidebar = await page.$('.sidebar');
    if (sidebar) await sidebar.screenshot({ path: join(ARTIFACTS, `${v.name}-sidebar.png`) });
    if (problems.length) console.error(v.name, problems);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`screenshots in ${ARTIFACTS}`);
