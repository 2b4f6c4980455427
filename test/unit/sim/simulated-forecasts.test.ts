import { describe, expect, it } from 'vitest';
import {
  forecastDue,
  rememberingForecaster,
  traceFingerprint,
} from '../../../shared/sim/predictive/simulated-forecasts.ts';
import { parseTrace } from '../../../shared/sim/trace/trace.ts';
import { TraceLoadHistory } from '../../../shared/sim/trace/trace-load-history.ts';
import { forecastTargetLoad } from '../../../shared/usecases/forecast/forecast-target-load.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-01-05T00:00:00Z');

function trace(days: number, perMinute: (time: number) => number) {
  const rows = ['timestamp,requests'];
  for (let time = T0; time < T0 + days * 24 * HOUR; time += MINUTE)
    rows.push(`${new Date(time).toISOString()},${perMinute(time)}`);
  return parseTrace(rows.join('\n'));
}

const daily = (time: number) => 1_000 + 500 * Math.sin((2 * Math.PI * (time - T0)) / (24 * HOUR));
const target = { endpointName: 'shop', variantName: 'AllTraffic' };

describe('the simulated forecast function', () => {
  it('runs at the start of a run and at minute 5 of every hour', () => {
    expect(forecastDue(0, T0 + 17 * MINUTE)).toBe(true);
    expect(forecastDue(1, T0 + 5 * MINUTE)).toBe(true);
    expect(forecastDue(7, T0 + HOUR + 5 * MINUTE)).toBe(true);
    expect(forecastDue(6, T0 + HOUR)).toBe(false);
    expect(forecastDue(8, T0 + HOUR + 6 * MINUTE)).toBe(false);
  });

  it('remembers the production forecast per trace and hour: the same outcome as computing it, computed once', async () => {
    const history = trace(3, daily);
    const reader = new TraceLoadHistory(history);
    const remembering = rememberingForecaster(traceFingerprint(history));
    const at = T0 + 2 * 24 * HOUR + 7 * HOUR + 5 * MINUTE;

    const first = await remembering(reader, { target, at });
    const again = await remembering(reader, { target, at: at + 20 * MINUTE });
    expect(again).toBe(first);
    expect(first).toEqual(await forecastTargetLoad(reader, { target, at }));
    expect(first.kind).toBe('forecast');
  });

  it('tells traces apart by their content, not their object', () => {
    const one = trace(2, daily);
    const same = trace(2, daily);
    const other = trace(2, (time) => daily(time) + (time === T0 + 30 * HOUR ? 1 : 0));
    expect(traceFingerprint(same)).toBe(traceFingerprint(one));
    expect(traceFingerprint(other)).not.toBe(traceFingerprint(one));
  });

  it('reads the load history of a window as the trace holds it, gaps left out', async () => {
    const rows = ['timestamp,requests,gap'];
    for (let i = 0; i < 10; i++)
      rows.push(`${new Date(T0 + i * MINUTE).toISOString()},${i * 10},${i === 4 ? 1 : 0}`);
    const reader = new TraceLoadHistory(parseTrace(rows.join('\n')));
    const history = await reader.readLoadHistory(target, { from: T0 + 2 * MINUTE, to: T0 + 6 * MINUTE });
    expect(history).toEqual({
      periodMs: MINUTE,
      points: [
        { time: T0 + 2 * MINUTE, requests: 20 },
        { time: T0 + 3 * MINUTE, requests: 30 },
        { time: T0 + 5 * MINUTE, requests: 50 },
      ],
    });
  });
});
