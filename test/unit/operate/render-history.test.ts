import { describe, expect, it } from 'vitest';
import { InMemoryEndpointLock } from '../../../shared/adapters/memory/memory-endpoint-lock.ts';
import { InMemoryStateStore } from '../../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../../shared/adapters/memory/sequential-ids.ts';
import { type AlarmTrigger, targetKey } from '../../../shared/domain/model.ts';
import { HISTORY_WIDTH, renderHistory } from '../../../shared/operate/render-history.ts';
import type { ScalerPorts } from '../../../shared/usecases/apply-intent.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { CONFIG, FRAUD, RECOMMENDER } from '../../integration/operate/operate-fixture.ts';
import { ScriptedEndpoints } from '../../support/scripted-endpoints.ts';

const at = (hh: number, mm: number) => Date.UTC(2026, 10, 28, hh, mm);

function alarm(
  alarmName: string,
  time: number,
  value: number,
  threshold: number,
  since = time,
): AlarmTrigger {
  return {
    kind: 'alarm',
    eventId: `evt-${alarmName}-${time}`,
    eventTime: time,
    alarmName,
    state: 'ALARM',
    previousState: since === time ? 'OK' : 'ALARM',
    stateTimestamp: since,
    datapoints: [value, value, value],
    threshold,
    reevaluation: since !== time,
  };
}

/** Rows written by the production decision path: a scale-out, a step held by its cooldown, a step no interval matches, a shadow decision. */
async function realHistory() {
  const store = new InMemoryStateStore();
  const ports: ScalerPorts = {
    config: CONFIG,
    endpoints: new ScriptedEndpoints({ 'fraud-detector/AllTraffic': 2, 'recommender/AllTraffic': 1 }),
    store,
    ids: new SequentialIds(),
    endpointLock: new InMemoryEndpointLock(),
  };
  const high = 'fraud-detector-invocations-high';
  await handleAlarm(ports, alarm(high, at(3, 9), 950, 800), at(3, 9));
  await handleAlarm(ports, alarm(high, at(3, 12), 912, 800, at(3, 9)), at(3, 12));
  await handleAlarm(ports, alarm('fraud-detector-invocations-low', at(3, 30), 310, 300), at(3, 30));
  await handleAlarm(ports, alarm('recommender-latency-high', at(3, 31), 2.5, 2), at(3, 31));
  const lists = await Promise.all(
    [FRAUD, RECOMMENDER].map((target) => store.listActivities(targetKey(target))),
  );
  return lists.flat().sort((a, b) => b.startTime - a.startTime);
}

describe('scaler history', () => {
  it(`fits ${HISTORY_WIDTH} columns by default, cutting the cause and message with an ellipsis`, async () => {
    const records = await realHistory();
    expect(records).toHaveLength(4);
    const lines = renderHistory(records, true).split('\n');
    expect(lines[0]).toMatch(/^time\s+target\s+cause\s+capacity\s+status\s+reason\s+message$/);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(HISTORY_WIDTH);
    // The columns one scans and filters on stay whole.
    const table = lines.join('\n');
    for (const whole of [
      '2026-11-28T03:09:00Z',
      '2 -> 3',
      'Successful (shadow)',
      'recommender/AllTraffic',
      'fraud-detector/AllTraffic',
      'CooldownInEffect',
      'NoMatchingStep',
    ]) {
      expect(table).toContain(whole);
    }
    expect(lines.slice(2).every((line) => line.endsWith('…'))).toBe(true);
    expect(table).toMatch(/ {2}alarm \S+… {2}/);
    // One target (the common `scaler history endpoint/variant`): no target column, more of the text.
    const one = renderHistory(
      records.filter((r) => r.endpointName === 'fraud-detector'),
      false,
    ).split('\n');
    expect(Math.max(...one.map((line) => line.length))).toBeLessThanOrEqual(HISTORY_WIDTH);
    expect(one.join('\n')).toContain('alarm fraud-detector-invo');
  });

  it('prints every cell whole with --wide', async () => {
    const records = await realHistory();
    const table = renderHistory(records, true, { wide: true });
    expect(Math.max(...table.split('\n').map((line) => line.length))).toBeGreaterThan(HISTORY_WIDTH);
    expect(table).not.toContain('…');
    for (const record of records) {
      expect(table).toContain(record.cause);
      expect(table).toContain(record.statusMessage);
    }
  });

  it('leaves a table that already fits as it was', async () => {
    const [record] = await realHistory();
    const short = {
      ...(record as NonNullable<typeof record>),
      cause: 'scaler pause by oncall',
      statusMessage: 'paused',
    };
    expect(renderHistory([short], false)).toBe(renderHistory([short], false, { wide: true }));
  });
});
