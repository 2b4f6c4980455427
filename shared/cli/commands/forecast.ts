import type { Command } from 'commander';
import { FORECAST_RULES } from '../../domain/forecast/index.ts';
import { readTraceFile, TraceFormatError } from '../../sim/trace/trace.ts';
import { TraceLoadHistory, traceSpan } from '../../sim/trace/trace-load-history.ts';
import { CliError } from '../errors.ts';
import { type ForecastOptions, historySource, horizonHours } from './forecast-options.ts';
import { type ForecastSource, runForecast } from './forecast-run.ts';
import { defaultOperateDeps, type OperateDeps, runWithClients } from './operate-support.ts';
import { instant } from './simulate-options.ts';

const iso = (time: number) => `${new Date(time).toISOString().slice(0, 19)}Z`;

/** The trace as a forecast source; an unreadable file or an --at outside it is a usage error. */
function traceSource(path: string, at: number): ForecastSource {
  let trace: ReturnType<typeof readTraceFile>;
  try {
    trace = readTraceFile(path);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
  const span = traceSpan(trace);
  if (at < span.start || at > span.end) {
    throw new CliError(
      `--at ${iso(at)} lies outside the trace ${path} (${iso(span.start)} .. ${iso(span.end)})`,
      2,
    );
  }
  return {
    reader: new TraceLoadHistory(trace),
    target: { endpointName: path, variantName: '' },
    name: path,
    at,
    knownUntil: span.end,
    historyHint: ` (the trace starts at ${iso(span.start)}: choose a later --at)`,
  };
}

/** `scaler forecast`: the hourly load forecast learned from a trace or a deployed variant's CloudWatch metrics. */
export function registerForecast(program: Command, deps: OperateDeps = defaultOperateDeps): void {
  program
    .command('forecast')
    .description(
      'forecast hourly load from a trace (--trace FILE --at ISO) or a deployed variant (--from-cloudwatch --target endpoint/variant), with what happened after it',
    )
    .option(
      '--trace <file>',
      'request-rate CSV: timestamp,requests[,gap]; the trace before --at is the history',
    )
    .option('--from-cloudwatch', "read the variant's AWS/SageMaker Invocations (Sum) from CloudWatch")
    .option('--target <endpoint/variant>', 'the variant to read (with --from-cloudwatch)')
    .option(
      '--at <iso>',
      'forecast from this instant (UTC; default with --from-cloudwatch: now)',
      instant('--at'),
    )
    .option(
      '--horizon <hours>',
      `hours to forecast, 1 to ${FORECAST_RULES.maxHorizonHours}`,
      horizonHours,
      FORECAST_RULES.defaultHorizonHours,
    )
    .option('--json', 'print {"points":[{"time":ISO,"requests":N}],"history":{...}}')
    .option('--out <dir>', 'write report.html: the forecast against what happened, self-contained')
    .option('--stage <stage>', 'deployed stage (with --from-cloudwatch)', 'dev')
    .option('--region <region>', 'AWS region (default: AWS_REGION or your profile)')
    .action(async (options: ForecastOptions) => {
      const source = historySource(options);
      if (source.kind === 'trace') {
        await runForecast(traceSource(source.path, source.at), options, deps.write);
        return;
      }
      // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
      const { CloudWatchLoadHistory } = await import('../../adapters/aws/cloudwatch-load-history.ts');
      await runWithClients(deps, options, async (context) => {
        const now = deps.now();
        const name = `${source.target.endpointName}/${source.target.variantName}`;
        const at = options.at ?? now;
        const cloudwatch: ForecastSource = {
          reader: new CloudWatchLoadHistory(context.clients.cloudwatch, () => now),
          target: source.target,
          name,
          at,
          knownUntil: now,
          historyHint:
            ' (the variant has fewer Invocations data points than that in CloudWatch: a new variant, or check --target and --region)',
        };
        await runForecast(cloudwatch, options, deps.write);
      });
    });
}
