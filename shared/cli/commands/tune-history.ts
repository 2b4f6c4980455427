/**
 * Where `scaler tune` reads its history: a trace file (`--trace`), or the deployed variant's
 * `AWS/SageMaker` Invocations in CloudWatch over the last `--days` days (`--from-cloudwatch`),
 * read with GetMetricData through the production adapter (`CloudWatchLoadHistory`).
 *
 * CloudWatch keeps one-minute data points for 15 days and five-minute ones for 63 days
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html,
 * "Metrics retention"), and a query whose StartTime is older than 15 days returns nothing unless
 * its period is a multiple of five minutes
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html, Period).
 * So the last 14 days are read at one minute (the window ends at or before now, so its 15th day
 * back starts 15 days ago or earlier: on CloudWatch's edge) and the older days at five minutes,
 * each five-minute count spread evenly over its minutes as the trace reader spreads a coarse CSV
 * step. The command says which days came at five minutes.
 */
import type { LoadHistory } from '../../domain/forecast/index.ts';
import type { LoadHistoryReader, LoadTarget } from '../../ports/load-history.ts';
import { traceFromLoadHistories } from '../../sim/trace/load-history-trace.ts';
import { CliError } from '../errors.ts';
import { parseWholeNumberUpTo } from '../options.ts';
import { type OperateDeps, runWithClients } from './operate-support.ts';
import type { TraceWindow } from './simulate-run.ts';

const MINUTE_MS = 60_000;
const FIVE_MINUTES_MS = 5 * MINUTE_MS;
const DAY_MS = 1440 * MINUTE_MS;
/** Days CloudWatch keeps five-minute data points: the most `--days` can ask for. */
export const MAX_CLOUDWATCH_DAYS = 63;
/** Days at the end of the window read at one minute (CloudWatch keeps 15; see the module doc). */
export const ONE_MINUTE_DAYS = 14;

/** The commander parser of `--days`: 1 to 63 (exit 2 beyond, saying why). */
export const parseCloudWatchDays = parseWholeNumberUpTo('--days', {
  min: 1,
  max: MAX_CLOUDWATCH_DAYS,
  unit: 'days',
  why: `CloudWatch keeps five-minute data for ${MAX_CLOUDWATCH_DAYS} days`,
});

/** The options of `scaler tune` that choose the history. */
export interface TuneHistoryOptions {
  trace?: string | undefined;
  fromCloudwatch?: boolean | undefined;
  days?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** The history the options name, checked: exactly one of --trace and --from-cloudwatch --days. */
export type TuneHistorySource = { kind: 'trace'; path: string } | { kind: 'cloudwatch'; days: number };

/** The history source, or a usage error (exit 2) saying what is missing or in conflict. */
export function tuneHistorySource(options: TuneHistoryOptions): TuneHistorySource {
  if (options.trace !== undefined && options.fromCloudwatch) {
    throw new CliError('choose one history: --trace FILE or --from-cloudwatch --days N, not both', 2);
  }
  if (options.trace !== undefined) {
    if (options.days !== undefined) {
      throw new CliError('--days goes with --from-cloudwatch; a trace is cut with --from and --to', 2);
    }
    return { kind: 'trace', path: options.trace };
  }
  if (!options.fromCloudwatch) {
    throw new CliError('choose the history: --trace FILE, or --from-cloudwatch --days N', 2);
  }
  if (options.days === undefined) {
    throw new CliError(
      `--from-cloudwatch needs --days N: the days of history to read, up to ${MAX_CLOUDWATCH_DAYS}`,
      2,
    );
  }
  if (options.from !== undefined || options.to !== undefined) {
    throw new CliError(
      '--from and --to cut a trace; with --from-cloudwatch the window is the last --days days',
      2,
    );
  }
  return { kind: 'cloudwatch', days: options.days };
}

/** One GetMetricData read of the plan. */
export interface CloudWatchReadPart {
  from: number;
  to: number;
  periodSeconds: 60 | 300;
}

/** What to read for `days` days before `now`: the window, and its parts oldest first. */
export interface CloudWatchReadPlan {
  window: { from: number; to: number };
  parts: CloudWatchReadPart[];
}

/**
 * The reads for the last `days` days: the window ends at the last whole five minutes before
 * `now` (the current period is still filling); its last 14 days are read at one minute, the
 * days before at five minutes. Of a 63-day window, the first minutes are more than 63 days old
 * by the time they are read, so the read starts at the oldest five minutes CloudWatch still keeps
 * and the minutes before it are gaps.
 */
export function cloudWatchReadPlan(now: number, days: number): CloudWatchReadPlan {
  const to = Math.floor(now / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
  const from = to - days * DAY_MS;
  const minuteFrom = Math.max(from, to - ONE_MINUTE_DAYS * DAY_MS);
  const parts: CloudWatchReadPart[] = [];
  if (from < minuteFrom) {
    const oldestKept = Math.ceil((now - MAX_CLOUDWATCH_DAYS * DAY_MS) / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
    parts.push({ from: Math.max(from, oldestKept), to: minuteFrom, periodSeconds: 300 });
  }
  parts.push({ from: minuteFrom, to, periodSeconds: 60 });
  return { window: { from, to }, parts };
}

/** Days of the window (1-based, oldest first) that `part` covers. */
function daysOf(window: { from: number }, part: { from: number; to: number }): string {
  const first = Math.floor((part.from - window.from) / DAY_MS) + 1;
  const last = Math.ceil((part.to - window.from) / DAY_MS);
  return first === last ? `day ${first}` : `days ${first}..${last}`;
}

/** What the output says about the resolution of what was read (from the periods CloudWatch answered at). */
export function resolutionNote(
  plan: CloudWatchReadPlan,
  read: readonly { part: CloudWatchReadPart; history: LoadHistory }[],
): string {
  const days = Math.round((plan.window.to - plan.window.from) / DAY_MS);
  const said = read.map(({ part, history }) =>
    history.periodMs === MINUTE_MS
      ? `${daysOf(plan.window, part)} at 1-minute resolution`
      : `${daysOf(plan.window, part)} at ${history.periodMs / MINUTE_MS}-minute resolution, spread evenly over their minutes`,
  );
  return `${days} days of CloudWatch history: ${said.join('; ')}`;
}

/** A history read from CloudWatch: the window as tune takes it, and what to tell the user. */
export interface CloudWatchWindow extends TraceWindow {
  /** Names the history in the report and the scaling.yml comments. */
  source: string;
  note: string;
}

const iso = (time: number) => `${new Date(time).toISOString().slice(0, 16)}Z`;

/**
 * Reads the plan's parts through `reader` and lays them on the window's minutes, scaled. A
 * variant without a single data point in the window is a usage error (exit 2): wrong target or
 * region, or a variant that served nothing.
 */
export async function readCloudWatchWindow(
  reader: LoadHistoryReader,
  target: LoadTarget,
  plan: CloudWatchReadPlan,
  scale: number | undefined,
): Promise<CloudWatchWindow> {
  const name = `${target.endpointName}/${target.variantName}`;
  const read: { part: CloudWatchReadPart; history: LoadHistory }[] = [];
  for (const part of plan.parts) {
    read.push({ part, history: await reader.readLoadHistory(target, { from: part.from, to: part.to }) });
  }
  if (read.every(({ history }) => history.points.length === 0)) {
    throw new CliError(
      `${name}: CloudWatch has no AWS/SageMaker Invocations data points for it from ${iso(plan.window.from)} to ${iso(plan.window.to)} (check --target and --region, or use --trace)`,
      2,
    );
  }
  const source = `CloudWatch AWS/SageMaker Invocations of ${name}, ${iso(plan.window.from)} .. ${iso(plan.window.to)}`;
  const trace = traceFromLoadHistories(
    read.map(({ history }) => history),
    plan.window,
    { scale, source },
  );
  return { trace, history: trace, source, note: resolutionNote(plan, read) };
}

/**
 * `--from-cloudwatch`: the plan for `days` days before the deps' clock, read through the
 * production adapter with the deps' clients. AWS access problems exit 3 as in the other commands
 * against a deployment (a query CloudWatch answers Forbidden included).
 */
export async function cloudWatchWindowOrFail(
  deps: OperateDeps,
  options: { region?: string | undefined; scale?: number | undefined },
  target: LoadTarget,
  days: number,
): Promise<CloudWatchWindow> {
  // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
  const { CloudWatchLoadHistory, LoadHistoryReadError } = await import(
    '../../adapters/aws/cloudwatch-load-history.ts'
  );
  let window: CloudWatchWindow | undefined;
  await runWithClients(deps, options, async (context) => {
    const now = deps.now();
    const reader = new CloudWatchLoadHistory(context.clients.cloudwatch, () => now);
    try {
      window = await readCloudWatchWindow(reader, target, cloudWatchReadPlan(now, days), options.scale);
    } catch (error) {
      if (error instanceof LoadHistoryReadError) throw new CliError(error.message, 3, { cause: error });
      throw error;
    }
  });
  return window as CloudWatchWindow;
}
