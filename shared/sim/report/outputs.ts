import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventOutcome } from '../../usecases/outcome.ts';
import type { RunResolution, SimulatedMinute, SimulationSummary } from '../timeline.ts';
import { reportHtml } from './html.ts';
import { hasForecastFloor } from './svg.ts';

/** Everything one simulation run leaves behind for one target. */
export interface SimulationRun {
  /** The target's key, e.g. `endpoint/my-endpoint/variant/AllTraffic`: the report's title. */
  target: string;
  /** The policy's fleet, one entry per step of the trace (a minute unless `resolution` says otherwise). */
  policy: SimulatedMinute[];
  /** The baseline's fleet (AAS target tracking), minute for minute alongside `policy`. */
  baseline: SimulatedMinute[];
  outcomes: EventOutcome[];
  scheduledFirings: { time: number; scheduledActionName: string }[];
  /** The managed alarms, in the order their bands and CSV columns appear. */
  alarmNames: string[];
  summary: SimulationSummary;
  /** The oracle plan's billed instances per minute (`oracleSchedule`), drawn when given. */
  oracleBilled?: ArrayLike<number> | undefined;
  /** When given, demand is drawn as required instances on the same axis as the fleets. */
  capacityPerInstance?: number | undefined;
  /** Present when the run stepped finer than a minute: `policy`, `baseline` and the oracle are per step. */
  resolution?: RunResolution | undefined;
}

/** Where {@link writeSimulationOutputs} put its files. */
export interface SimulationOutputs {
  reportPath: string;
  timelinePath: string;
  activitiesPath: string;
}

/**
 * Writes `report.html` (self-contained: opens offline), `timeline.csv` (one row a step) and
 * `activities.jsonl` (one outcome a line) into `dir`, creating it if needed.
 */
export async function writeSimulationOutputs(dir: string, run: SimulationRun): Promise<SimulationOutputs> {
  await mkdir(dir, { recursive: true });
  const outputs: SimulationOutputs = {
    reportPath: join(dir, 'report.html'),
    timelinePath: join(dir, 'timeline.csv'),
    activitiesPath: join(dir, 'activities.jsonl'),
  };
  await Promise.all([
    writeFile(outputs.reportPath, reportHtml(run), 'utf8'),
    writeFile(outputs.timelinePath, timelineCsv(run), 'utf8'),
    writeFile(outputs.activitiesPath, activitiesJsonl(run.outcomes), 'utf8'),
  ]);
  return outputs;
}

/**
 * `timeline.csv`: time (ISO), demand, gap, the policy's serving, desired, billed, served and
 * unserved, the baseline's serving, desired and billed, the oracle's billed instances when
 * given, the predictive floor when a predictive policy drew one (empty where no forecast covers
 * the step), then one column per alarm with its state at the end of the step (one row a step: a
 * minute, or 10 s in a high-resolution run).
 */
export function timelineCsv(run: SimulationRun): string {
  const oracle = run.oracleBilled;
  const floor = hasForecastFloor(run.policy);
  const header = [
    'time',
    'demand',
    'gap',
    'serving',
    'desired',
    'billed',
    'served',
    'unserved',
    'baseline_serving',
    'baseline_desired',
    'baseline_billed',
    ...(oracle ? ['oracle_billed'] : []),
    ...(floor ? ['forecast_floor'] : []),
    ...run.alarmNames.map((name) => `alarm:${name}`),
  ];
  const rows: string[] = [header.map(csvField).join(',')];
  for (const [i, m] of run.policy.entries()) {
    const b = run.baseline[i];
    const cells = [
      new Date(m.time).toISOString(),
      m.demand,
      m.gap,
      m.servingInstances,
      m.desiredInstances,
      m.billedInstances,
      m.servedRequests,
      m.unservedRequests,
      b?.servingInstances ?? '',
      b?.desiredInstances ?? '',
      b?.billedInstances ?? '',
      ...(oracle ? [oracle[i] ?? ''] : []),
      ...(floor ? [m.forecastFloor ?? ''] : []),
      ...run.alarmNames.map((name) => m.alarmStates[name] ?? ''),
    ];
    rows.push(cells.map((cell) => csvField(String(cell))).join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** `activities.jsonl`: one outcome a line, its time as ISO 8601 so the file reads on its own. */
export function activitiesJsonl(outcomes: EventOutcome[]): string {
  return outcomes.map((o) => `${JSON.stringify({ ...o, time: new Date(o.time).toISOString() })}\n`).join('');
}

/** RFC 4180: quote a field holding a comma, a quote or a line break (alarm names may). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
