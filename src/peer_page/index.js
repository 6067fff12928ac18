// Starts the peer benchmark module, warms the engine up, then defines window.runDeal.
//
// The module's start function defines window.runDealEngine. V8 runs new WebAssembly code in its
// baseline compiler and tiers the hot functions up while they run: on the 2-core VM a
// million-sample call takes 40–75 ms in the first second after load, ~33 ms to 2 s and ~22 ms
// after (BENCHMARKS.md). runDeal is defined once the page has drawn for WARM_MS, in the workers
// and on the page, so a caller measures the engine as it runs after start-up, not the tier-up.
import init from './peer.js';

const WARM_MS = 2500;
const status = document.getElementById('status');
try {
  await init({ module_or_path: new URL('./peer_bg.wasm', import.meta.url) });
  status.textContent = 'Warming up…';
  const engine = window.runDealEngine;
  const start = performance.now();
  let warm = 'warmed up';
  try {
    for (let seed = 1; performance.now() - start < WARM_MS; seed++) {
      await engine(1000000, seed);
      await engine(100000, seed);
    }
  } catch (e) {
    // Workers that cannot run: runDeal still answers, and refuses large runs with the reason.
    warm = `not warmed up (${e})`;
  }
  window.runDeal = engine;
  status.textContent = `Ready: ${window.runDealInfo.name} ${window.runDealInfo.version}, ${navigator.hardwareConcurrency} cores, ${warm}.`;
} catch (e) {
  status.textContent = `This browser could not start the benchmark: ${e}`;
}
