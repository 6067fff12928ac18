// Shared harness for the browser tests: serves the release build (dist/) on 127.0.0.1, records
// every request, launches Debian's Chromium through playwright-core (never a downloaded
// browser), and runs the native CLI for cross-checks.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, extname, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.DIST_DIR ?? join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');
const CLI = process.env.DEAL_EXPLORER_CLI ?? join(ROOT, 'target/debug/deal-explorer');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves `dir` on 127.0.0.1 at a free port, under `/sub/path/` to prove relative URLs work. */
export async function serve(dir = DIST, base = '/explorer/') {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(base)) { res.writeHead(404).end(); return; }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const s = await stat(file);
      const path = s.isDirectory() ? join(file, 'index.html') : file;
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(await readFile(path));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: origin + base, origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium; `extraArgs` for tools that need more (the benchmark's GC). */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/**
 * Collects what goes wrong on `page`: console errors, page errors, failed requests and requests
 * to any origin other than `site`'s (in `problems`), and every URL requested (in `requests`).
 */
export function watch(page, site) {
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A request the browser aborts because the test navigates away (e.g. the favicon of the page
  // left by a `goto`) is not a failure of the app; anything else is.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith(site.origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
      problems.push(`off-origin request: ${r.url()}`);
    }
  });
  return { problems, requests };
}

/**
 * Opens the app and watches it: console errors, page errors, failed requests and requests to
 * any origin other than the app's own are collected in `problems`.
 */
export async function openApp(browser, site, { query = '', viewport = { width: 1400, height: 900 }, colorScheme = 'light', bypassCSP = false } = {}) {
  // `bypassCSP` only for tests that inject their own tooling (axe-core) into the page.
  const context = await browser.newContext({ viewport, colorScheme, bypassCSP });
  const page = await context.newPage();
  const { problems, requests } = watch(page, site);
  await page.goto(site.url + query);
  await page.waitForSelector('[data-kpi="usd-per-delivered-gpu-hour"]');
  // The rest of the page is built after the first paint (ui::app::AfterFirstPaint).
  await page.waitForFunction(() => !document.querySelector('.after-first-paint:not([data-mounted])'));
  // The page's first idle period runs the resilience simulation so that its section has its full
  // height before anyone scrolls to it (ui::resilience); a test that scrolls at once would have the
  // section grow under it. Wait for that first run where there is one (a link may carry invalid
  // resilience settings, which never run).
  await page.waitForFunction(() => {
    const s = document.querySelector('#res-status');
    return !s || document.querySelector('[data-testid="res-invalid"]') || (s.dataset.running === 'false' && Number(s.dataset.run) >= 1);
  }, null, { timeout: 10000 }).catch(() => {});
  return { page, context, problems, requests };
}

/** The number a KPI card carries (exact, from data-value). */
export async function kpi(page, id) {
  await settled(page);
  return Number(await page.getAttribute(`[data-kpi="${id}"]`, 'data-value'));
}

/**
 * Waits until every section shows the latest report: sections off the screen follow an edit
 * in the browser's next idle period (`ui::live`), marked on <html> until then.
 */
export async function settled(page) {
  await page.waitForSelector('html:not([data-catching-up="true"])', { state: 'attached' });
}

/** Runs the native CLI and returns what it printed. */
export function cliText(args, input) {
  return execFileSync(CLI, args, { input, encoding: 'utf8' });
}

/** Runs the native CLI for JSON: `default`, or `eval -` with a scenario on stdin. */
export function cli(args, input) {
  return JSON.parse(cliText(args, input));
}

export function relClose(a, b, tol = 1e-12) {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Serves the release build and launches Chromium once for a test file, closing both after it.
 * Returns `{ site, browser }`, filled in before the first test runs.
 */
export function useApp(dir = DIST) {
  const env = {};
  before(async () => {
    env.site = await serve(dir);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

// Scrolls to the break-even map, picks a `rows`-row grid and waits until every row is in;
// returns the map as the page computed it (`#map-status[data-map]`).
export async function openMap(page, rows = 12) {
  await page.locator('#break-even').scrollIntoViewIfNeeded();
  await page.selectOption('#map-resolution', String(rows));
  await page.waitForFunction((n) => {
    const s = document.querySelector('#map-status');
    return s && Number(s.dataset.total) === n && s.dataset.done === s.dataset.total;
  }, rows, { timeout: 120000 });
  return JSON.parse(await page.$eval('#map-status', (s) => s.dataset.map));
}

/** Clicks `selector` and returns the download it starts: its suggested name and its bytes. */
export async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
