/**
 * The field library under evaluation: @bsull/augurs (Grafana's augurs, Rust compiled to
 * WebAssembly). MSTL with an AutoETS trend for the hourly NASA series, AutoETS alone for the
 * Azure minutes (no season to decompose). Node has no fetch for file URLs, so the WebAssembly
 * modules are read from node_modules and instantiated synchronously.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AutoETS, initSync as initEts } from '@bsull/augurs/ets';
import { initSync as initMstl, MSTL } from '@bsull/augurs/mstl';

const packageDir = dirname(createRequire(import.meta.url).resolve('@bsull/augurs/mstl'));

/** Where the package keeps a module's WebAssembly. */
export function augursWasmPath(module: 'mstl' | 'ets'): string {
  return join(packageDir, `${module}_bg.wasm`);
}

let ready = false;
function init(): void {
  if (ready) return;
  initMstl({ module: readFileSync(augursWasmPath('mstl')) });
  initEts({ module: readFileSync(augursWasmPath('ets')) });
  ready = true;
}

/**
 * MSTL (periods of a day and, with two weeks of history, a week) with an AutoETS trend, fitted
 * to hourly totals; missing hours filled first (MSTL needs a complete series) with the same
 * hour a week or a day away, else 0. Forecasts below 0 are cut to 0.
 */
export function mstlForecast(hours: readonly (number | undefined)[], horizon: number): number[] {
  init();
  const filled = hours.map(
    (value, t) => value ?? hours[t - 168] ?? hours[t + 168] ?? hours[t - 24] ?? hours[t + 24] ?? 0,
  );
  const model = MSTL.ets(filled.length >= 336 ? [24, 168] : [24]);
  try {
    model.fit(filled);
    return model.predict(horizon).point.map((value) => Math.max(0, value));
  } finally {
    model.free();
  }
}

/** AutoETS without a season (spec ZZN: error and trend chosen by AICc), cut at 0. */
export function etsForecast(values: readonly number[], horizon: number): number[] {
  init();
  const model = new AutoETS(1, 'ZZN');
  try {
    model.fit([...values]);
    return model.predict(horizon).point.map((value) => Math.max(0, value));
  } finally {
    model.free();
  }
}
