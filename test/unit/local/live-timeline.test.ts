import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { LiveTimeline, simulatedTime } from '../../../shared/local/live-timeline.ts';
import { runSimulation } from '../../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../../shared/sim/trace/trace.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const config = loadConfigFile(`${ROOT}scaling.yml`);

/** The example's step policies alone: quiet nights stay quiet at min capacity. */
const stepsOnly = { targets: config.targets.map((target) => ({ ...target, targetTrackingPolicies: [] })) };

/** Plays the launch-day burst (x18) in memory, printing the live timeline into a list. */
async function timelineOf(from: string, to: string, played = config) {
  const trace = readTraceFile(`${ROOT}traces/nasa_http_1995_1min.csv`, {
    scale: 18,
    from: Date.parse(from),
    to: Date.parse(to),
  });
  const lines: string[] = [];
  const timeline = new LiveTimeline((line) => lines.push(line), 1000);
  const result = await runSimulation(played, trace, {
    capacityPerInstance: 1000,
    onMinute: (minute) => timeline.minute(minute),
  });
  return { lines, result };
}

describe('the live timeline', () => {
  it('prints every scaling action with its capacity change and reason', async () => {
    const { lines, result } = await timelineOf('1995-07-13T12:00:00Z', '1995-07-14T00:30:00Z');
    const actions = result.outcomes.filter(
      (o) => (o.action === 'scale-out' || o.action === 'scale-in') && !o.endsActivity,
    );

    for (const outcome of actions) {
      const line = lines.find(
        (l) =>
          l.startsWith(simulatedTime(outcome.time)) &&
          l.includes(`${outcome.action} ${outcome.fromCapacity} -> ${outcome.toCapacity}`),
      );
      expect(line, `${outcome.action} at ${new Date(outcome.time).toISOString()}`).toContain(outcome.reason);
    }
    expect(actions.length).toBeGreaterThan(4);
  });

  it('prints each change once: the endpoint confirming it later adds no line and no count', async () => {
    const { lines, result } = await timelineOf('1995-07-13T12:00:00Z', '1995-07-14T00:30:00Z');
    const accepted = result.outcomes.filter((o) => o.status === 'InProgress');
    const confirmed = result.outcomes.filter((o) => o.endsActivity && o.status === 'Successful');
    const changeLines = lines.filter((l) => / scale-(out|in) \d+ -> \d+ /.test(l));

    expect(confirmed.length).toBeGreaterThan(0);
    expect(changeLines).toHaveLength(accepted.length);
    // The status line of midnight counts the changes accepted up to then.
    const midnight = Date.parse('1995-07-14T00:00:00Z');
    const upToMidnight = accepted.filter((o) => o.time <= midnight);
    const outs = upToMidnight.filter((o) => o.action === 'scale-out').length;
    const ins = upToMidnight.filter((o) => o.action === 'scale-in').length;
    const status = lines.find((l) => l.startsWith(simulatedTime(midnight)) && l.includes('so far'));
    expect(status).toContain(`so far ${outs} out, ${ins} in,`);
  });

  it('shows a cooldown on the first minute it holds a policy back, not on every minute after', async () => {
    const { lines, result } = await timelineOf('1995-07-13T12:00:00Z', '1995-07-14T00:30:00Z');
    const heldMinutes = result.outcomes.filter((o) => o.reasonCode === 'CooldownInEffect').length;
    const heldLines = lines.filter((l) => l.includes('(cooldown)')).length;

    expect(heldLines).toBeGreaterThan(0);
    expect(heldLines).toBeLessThan(heldMinutes);
  });

  it('prints one status line per simulated hour and nothing for quiet minutes', async () => {
    const { lines } = await timelineOf('1995-07-14T01:00:00Z', '1995-07-14T05:00:00Z', stepsOnly);

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^Fri 14 Jul 01:00 +[\d,]+ +\d+ +\d+ {2}· needs \d+ · alarms invocations-high INSUFFICIENT_DATA/,
    );
  });

  it("names a tracking alarm by its policy, and skips the tick's held line in the minute of the change it follows", async () => {
    const { lines, result } = await timelineOf('1995-07-14T01:00:00Z', '1995-07-14T05:00:00Z');
    const changes = result.outcomes.filter(
      (o) => o.status === 'InProgress' && o.alarm?.policyType === 'TargetTracking',
    );
    const heldRightAfter = result.outcomes.filter(
      (o) =>
        o.eventKey.startsWith('tick@') &&
        o.reasonCode === 'CooldownInEffect' &&
        changes.some((c) => c.time === o.time),
    );

    expect(changes.length).toBeGreaterThan(2);
    expect(heldRightAfter.length).toBeGreaterThan(0);
    expect(
      lines.some((l) => l.includes('alarm invocations-per-instance (tracking high) -> ALARM scale-out')),
    ).toBe(true);
    for (const held of heldRightAfter) {
      expect(lines.filter((l) => l.startsWith(simulatedTime(held.time)) && l.includes('held at'))).toEqual(
        [],
      );
    }
    expect(lines.join('\n')).not.toContain('ScalerTargetTracking-');
  });
});
