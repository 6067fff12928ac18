// Starts the peer benchmark module; its start function defines window.runDeal.
import init from './peer.js';

const status = document.getElementById('status');
try {
  await init({ module_or_path: new URL('./peer_bg.wasm', import.meta.url) });
  status.textContent = `Ready: ${window.runDealInfo.name} ${window.runDealInfo.version}, ${navigator.hardwareConcurrency} cores.`;
} catch (e) {
  status.textContent = `This browser could not start the benchmark: ${e}`;
}
