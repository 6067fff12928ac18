// Exports in the release build: every chart's PNG, SVG and CSV downloads are made in the page
// (no request leaves it); the CSV's columns are the chart's visible series with their units and
// its cells equal the chart's "Show data" table; hiding a series in the legend leaves it out of
// the CSV and the SVG; the SVG and PNG are drawn by the same chart code with the chart's title
// and legend above them (the PNG below its header is the on-screen canvas, pixel for pixel); the
// break-even map exports its cells and its picture, titled, with what its colours mean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, openMap, download } from './harness.mjs';

const env = useApp();

// CSV downloads start with a UTF-8 byte order mark (for Excel), then RFC 4180 lines.
const parse = (text) => {
  assert.equal(text.charCodeAt(0), 0xfeff, 'a UTF-8 byte order mark');
  return text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
};

/** Compares the bottom of a downloaded PNG with the canvas `sel` on the page, channel by
 *  channel, and counts the colours in the PNG's header above it. */
async function samePixels(page, png, sel) {
  return page.evaluate(async ({ data, sel }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const shown = document.querySelector(sel);
    const want = shown.getContext('2d').getImageData(0, 0, shown.width, shown.height).data;
    const got = g.getImageData(0, img.height - shown.height, shown.width, shown.height).data;
    let differ = 0;
    for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) differ++;
    const head = g.getImageData(0, 0, img.width, img.height - shown.height).data;
    const ink = new Set();
    for (let i = 0; i < head.length; i += 4) ink.add((head[i] << 16) | (head[i + 1] << 8) | head[i + 2]);
    return { differ, total: want.length, colours: ink.size };
  }, { data: png.bytes.toString('base64'), sel });
}

test('a chart downloads as CSV matching its data table, SVG and PNG; hidden series are left out', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    const chart = '[data-chart="cumulative-spend"]';
    await page.waitForSelector(`${chart} .chart-frame[data-in-view="true"]`);
    const csv = await download(page, `${chart} [data-export="csv"]`);
    assert.equal(csv.name, 'deal-explorer-cumulative-spend.csv');
    const rows = parse(csv.bytes.toString('utf8'));
    // The on-screen table: headers and exact values.
    await page.click(`${chart} button:has-text("Show data")`);
    const table = await page.$$eval(`${chart} .data-table`, ([t]) => ({
      head: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
      body: [...t.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th').textContent, ...[...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value))]),
    }));
    const series = table.head.slice(1).filter((h) => h !== 'Notes');
    assert.deepEqual(rows[0], [table.head[0], ...series]);
    assert.equal(rows.length - 1, table.body.length);
    for (const [i, r] of table.body.entries()) {
      assert.equal(rows[i + 1][0], r[0]);
      assert.deepEqual(rows[i + 1].slice(1).map(Number), r.slice(1));
    }
    // Hide the first series: the CSV and the SVG leave it out.
    const first = await page.textContent(`${chart} .legend-item >> nth=0`);
    await page.click(`${chart} .legend-item >> nth=0`);
    const fewer = parse((await download(page, `${chart} [data-export="csv"]`)).bytes.toString('utf8'));
    assert.equal(fewer[0].length, rows[0].length - 1);
    assert.ok(!fewer[0].some((h) => h.startsWith(first.trim())), fewer[0].join(','));
    const svg = (await download(page, `${chart} [data-export="svg"]`)).bytes.toString('utf8');
    assert.match(svg, /^<svg/);
    const yTitle = await page.$eval(chart, (f) => f.querySelector('canvas').getAttribute('aria-label'));
    assert.ok(yTitle.length > 0);
    assert.ok(svg.includes('Cumulative') || svg.includes('Month'), 'axis titles drawn into the SVG');
    // Titled, with the legend as the page shows it: the hidden series is not named.
    const text = (t) => svg.includes(`\n${t}\n</text>`);
    const title = (await page.textContent(`${chart} .chart-title`)).trim();
    assert.ok(text(title), `the title "${title}" in the SVG`);
    const names = (await page.$$eval(`${chart} .legend-item[aria-pressed="true"]`, (b) => b.map((x) => x.textContent.trim())));
    assert.ok(names.length > 0);
    for (const n of names) assert.ok(text(n), `legend entry "${n}" in the SVG`);
    assert.ok(!text(first.trim()), 'the hidden series is not in the legend');
    const png = await download(page, `${chart} [data-export="png"]`);
    assert.equal(png.name, 'deal-explorer-cumulative-spend.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
    const size = await page.$eval(`${chart} canvas`, (c) => [c.width, c.height]);
    assert.equal(w, size[0]);
    assert.ok(h > size[1] + 30, `a header above the chart: ${h} vs ${size[1]}`);
    // Below the header the PNG is the chart on the page, pixel for pixel; the header has ink.
    const compared = await samePixels(page, png, `${chart} canvas`);
    assert.equal(compared.differ, 0, `${compared.differ} of ${compared.total} channel values differ`);
    assert.ok(compared.colours > 3, `the header is drawn (${compared.colours} colours)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the break-even map downloads its cells as CSV and its picture, titled, as SVG and PNG', async () => {
  const { page, problems } = await openApp(env.browser, env.site);
  try {
    const map = await openMap(page, 12);
    const rows = parse((await download(page, '#break-even [data-export="csv"]')).bytes.toString('utf8'));
    assert.match(rows[0].join(','), /^Ramp delay \(months\),Monthly commitment \(\$B \/ month\),Premium over 3-yr reserved \(\$\)$/);
    assert.equal(rows.length - 1, map.x.steps * map.y.steps);
    assert.ok(rows.slice(1).every((r) => r.length === 3 && Number.isFinite(Number(r[0]))));
    const svg = (await download(page, '#break-even [data-export="svg"]')).bytes.toString('utf8');
    assert.match(svg, /Ramp delay \(months\)/);
    // Titled with what it shows, and what its colours mean.
    assert.ok(svg.includes('\nPremium over 3-yr reserved ($) by Ramp delay (months) and Monthly commitment ($B / month)\n</text>'));
    assert.ok(/\nBelow \$0\n<\/text>/.test(svg) && /\nAbove \$0\n<\/text>/.test(svg), 'the legend in the SVG');
    const png = await download(page, '#break-even [data-export="png"]');
    const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
    const size = await page.$eval('#map-canvas', (c) => [c.width, c.height]);
    assert.equal(w, size[0]);
    assert.ok(h > size[1] + 30, `a header above the map: ${h} vs ${size[1]}`);
    const compared = await samePixels(page, png, '#map-canvas');
    assert.equal(compared.differ, 0, `${compared.differ} of ${compared.total} channel values differ`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
