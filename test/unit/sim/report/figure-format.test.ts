import { describe, expect, it } from 'vitest';
import { instanceHours, num } from '../../../../shared/sim/report/format.ts';
import { summaryTable } from '../../../../shared/sim/report/summary.ts';
import { simulationSummaryTable } from '../../../../shared/sim/summary-table.ts';
import type { SimulationSummary } from '../../../../shared/sim/timeline.ts';

/** A summary whose instance-hours are the values under test; every other figure is plain. */
function summaryWith(policy: number, baseline: number, oracle: number): SimulationSummary {
  const figures = {
    minutes: 600,
    underProvisionedMinutes: 3,
    underProvisionedPercent: 0.5,
    unservedRequests: 10,
    unservedPercent: 0.1,
    scalingActions: 4,
    deferredActions: 0,
  };
  return {
    ...figures,
    instanceHours: policy,
    oracleInstanceHours: oracle,
    costRatio: policy / oracle,
    baseline: {
      ...figures,
      instanceHours: baseline,
      costRatio: baseline / oracle,
      targetValue: 50,
      targetValueSource: 'default',
    },
  };
}

/** The instance-hours row of the CLI's table: policy, baseline, oracle. */
function cliInstanceHours(summary: SimulationSummary): string[] {
  const table = simulationSummaryTable(
    { targetKey: 'endpoint/e/variant/v', summary },
    { start: 0, capacityPerInstance: 100, startupSeconds: 300 },
  );
  const row = table.split('\n').find((line) => line.trimStart().startsWith('instance-hours'));
  return (row ?? '')
    .trim()
    .split(/\s{2,}|\s*\|\s*/)
    .slice(1)
    .filter(Boolean);
}

/** The instance-hours row of report.html's summary table: policy, baseline, oracle. */
function reportInstanceHours(summary: SimulationSummary): string[] {
  const html = summaryTable({
    target: 'endpoint/e/variant/v',
    policy: [],
    baseline: [],
    outcomes: [],
    scheduledFirings: [],
    alarmNames: [],
    summary,
  });
  const row = html.match(/<tr data-metric="instance-hours">(.*?)<\/tr>/)?.[1] ?? '';
  return [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1] ?? '');
}

describe('instance-hours in the CLI and the report', () => {
  // 741 billed minutes / 60 = 12.35 (12.3499… in binary): toFixed gave 12.3, toLocaleString 12.4.
  const cases: [number, number, number, string[]][] = [
    [741 / 60, 9 / 60, 1234.45, ['12.4', '0.2', '1,234.5']],
    [2.05, 1_000_000.05, 0.04, ['2.1', '1,000,000.1', '0.0']],
    [0, 8.65, 100, ['0.0', '8.7', '100.0']],
  ];
  it.each(cases)('prints %d, %d and %d alike in both', (policy, baseline, oracle, expected) => {
    const summary = summaryWith(policy, baseline, oracle);
    expect(reportInstanceHours(summary)).toEqual(expected);
    expect(cliInstanceHours(summary)).toEqual(expected);
  });

  it('rounds halves on the printed decimal away from zero and drops the sign of a rounded zero', () => {
    expect(instanceHours(12.35)).toBe('12.4');
    expect(num(-0.04, 1)).toBe('0.0');
    expect(num(-1.25, 1)).toBe('-1.3');
    expect(num(Number.POSITIVE_INFINITY, 2)).toBe('—');
  });
});
