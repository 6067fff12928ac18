import { serve, launch, openApp } from './harness.mjs';
const site = await serve();
const browser = await launch();
try {
  for (const [w, scheme] of [[800, 'light'], [1400, 'dark'], [420, 'light']]) {
    const { page } = await openApp(browser, site, { viewport: { width: w, height: 1000 }, colorScheme: scheme });
    await page.fill('#mc-samples', '500');
    await page.check('#uncertainty-enabled');
    await page.waitForFunction(() => { const s = document.querySelector('#mc-status'); return s && s.dataset.running === 'false' && Number(s.dataset.done) === 500; }, null, { timeout: 120000 });
    await page.waitForSelector('.tornado-row');
    const t = await page.$('.tornado');
    await t.scrollIntoViewIfNeeded();
    await t.screenshot({ path: `/tmp/tornado-${w}-${scheme}.png` });
    const hist = await page.$('#mc-histogram, [data-chart="mc-histogram"], .histogram');
    console.log(w, scheme, await page.$$eval('.tornado-values', (xs) => xs.map((x) => x.textContent + ' h=' + x.getBoundingClientRect().height)));
    await page.close();
  }
} finally { await browser.close(); site.close(); }
