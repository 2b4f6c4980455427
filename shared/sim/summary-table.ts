import { renderTable } from '../cli/table.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { FORECAST_MINUTE_OF_HOUR } from './predictive/simulated-forecasts.ts';
import { instanceHours, int, num } from './report/format.ts';
import { resolutionLine } from './resolution.ts';
import type { TargetSimulationResult } from './run-simulation.ts';
import { type ServiceTime, serviceTimeNote } from './service-time.ts';

/**
 * The readable side-by-side summary of `scaler simulate`: the policy, the AAS target-tracking
 * baseline and the oracle, row by row; in a high-resolution run, which resolution ran and why.
 */
export function simulationSummaryTable(
  result: Pick<TargetSimulationResult, 'targetKey' | 'summary'> &
    Partial<Pick<TargetSimulationResult, 'outcomes'>>,
  run: {
    start: number;
    capacityPerInstance: number;
    startupSeconds: number;
    serviceTime?: ServiceTime | undefined;
    /** The configuration file the policy came from, named in its column (default scaling.yml). */
    configName?: string | undefined;
  },
): string {
  const { summary } = result;
  const { baseline, resolution } = summary;
  // The report's formatters: the table and report.html print every figure alike.
  const fixed = (value: number, digits = 1) => num(value, digits);
  const whole = int;
  // Under-provisioned time is in minutes; a 10-s step counts a sixth of one.
  const minutes = resolution ? (value: number) => fixed(value, 1) : whole;
  const span = `${new Date(run.start).toISOString().slice(0, 16)}Z .. ${new Date(run.start + summary.minutes * 60_000).toISOString().slice(0, 16)}Z`;
  const rows = [
    [
      'instance-hours',
      instanceHours(summary.instanceHours),
      instanceHours(baseline.instanceHours),
      instanceHours(summary.oracleInstanceHours),
    ],
    ['cost ratio (vs oracle)', fixed(summary.costRatio, 2), fixed(baseline.costRatio, 2), '1.00'],
    [
      'minutes under-provisioned',
      `${minutes(summary.underProvisionedMinutes)} (${fixed(summary.underProvisionedPercent, 2)} %)`,
      `${minutes(baseline.underProvisionedMinutes)} (${fixed(baseline.underProvisionedPercent, 2)} %)`,
      '0',
    ],
    [
      'requests unserved',
      `${whole(summary.unservedRequests)} (${fixed(summary.unservedPercent, 2)} %)`,
      `${whole(baseline.unservedRequests)} (${fixed(baseline.unservedPercent, 2)} %)`,
      '0',
    ],
    ['scaling actions', whole(summary.scalingActions), whole(baseline.scalingActions), '-'],
    ['deferred (endpoint busy)', whole(summary.deferredActions), whole(baseline.deferredActions), '-'],
  ];
  const steps = resolution ? ` in ${whole(resolution.steps)} steps of ${resolution.stepSeconds} s` : '';
  return [
    `${result.targetKey}: ${whole(summary.minutes)} simulated minutes${steps} (${span}), ${run.capacityPerInstance} requests/min per instance, start-up ${run.startupSeconds} s`,
    '',
    renderTable(
      [
        '',
        `policy (${run.configName ?? 'scaling.yml'})`,
        `baseline (target tracking @ ${fixed(baseline.targetValue)})`,
        'oracle',
      ],
      rows,
    ),
    '',
    baselineNote(baseline),
    ...(resolution ? [resolutionLine(resolution)] : []),
    ...(run.serviceTime ? [serviceTimeNote(run.serviceTime)] : []),
    ...predictiveNote(result.outcomes ?? []),
  ].join('\n');
}

/**
 * What the run's predictive policies did, when it has any: how often the simulated forecast
 * function ran, and how often a floor raised capacity.
 */
function predictiveNote(outcomes: readonly EventOutcome[]): string[] {
  let forecasts = 0;
  let short = 0;
  let raised = 0;
  for (const outcome of outcomes) {
    if (outcome.reasonCode === 'ForecastUpdated') forecasts++;
    else if (outcome.reasonCode === 'NotEnoughHistory') short++;
    else if (outcome.status === 'InProgress' && outcome.reason.startsWith('predictive floor')) raised++;
  }
  if (forecasts + short === 0) return [];
  const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
  return [
    `predictive: ${count(forecasts + short, 'forecast')} (at the start, then hourly at :${String(FORECAST_MINUTE_OF_HOUR).padStart(2, '0')}, each from the trace's 14 days before its hour, --from or not), ${short} without enough history; a floor raised capacity ${count(raised, 'time')}`,
  ];
}

/** Where the baseline's target came from: a reference that does not follow the policy under test. */
export function baselineNote(baseline: {
  targetValue: number;
  targetValueSource: 'option' | 'default';
}): string {
  const value = baseline.targetValue.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return baseline.targetValueSource === 'option'
    ? `baseline: AAS target tracking on InvocationsPerInstance at ${value} per instance per minute (--baseline-target)`
    : `baseline: AAS target tracking on InvocationsPerInstance at ${value} per instance per minute: half the capacity per instance, the safety factor AWS suggests starting from (--baseline-target sets another)`;
}
