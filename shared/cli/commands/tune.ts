/**
 * `scaler tune`: the cheapest policies for one target that meet an SLO on a trace, learned on all
 * but the last days of the window and proven on those (shared/tune/run-tune.ts). Writes the
 * user's scaling.yml with that target's policies replaced, and a report page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseConfigText } from '../../config/index.ts';
import type { TargetConfig } from '../../domain/model.ts';
import { targetKey } from '../../domain/model.ts';
import { poolEvaluator } from '../../tune/evaluator.ts';
import { tuneReportHtml } from '../../tune/report/html.ts';
import { runTune, type TuneOutcome } from '../../tune/run-tune.ts';
import {
  heldOutTable,
  provenance,
  recommended,
  simulatedCandidates,
  tuneJson,
  verdictText,
} from '../../tune/tune-text.ts';
import { tunedYaml } from '../../tune/tuned-yaml.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { parseWholeNumber } from '../options.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import { defaultOperateDeps, type OperateDeps } from './operate-support.ts';
import { chooseTarget, instant, positiveNumber } from './simulate-options.ts';
import { readTraceOrFail, type TraceWindow } from './simulate-run.ts';
import { checkSimulationLimits, parseStartupSeconds } from './simulation-limits.ts';
import { cloudWatchWindowOrFail, parseCloudWatchDays, tuneHistorySource } from './tune-history.ts';

interface TuneOptions {
  config: string;
  target?: string;
  trace?: string;
  fromCloudwatch?: boolean;
  days?: number;
  region?: string;
  capacityPerInstance: number;
  startupSeconds: number;
  initialCapacity?: number;
  scale?: number;
  from?: number;
  to?: number;
  maxUnderProvisioned: number;
  maxUnserved?: number;
  holdout: number;
  candidates: number;
  workers?: number;
  out: string;
  json?: boolean;
}

function percent(option: string): (value: string) => number {
  return (value) => {
    const parsed = positiveNumber(option)(value);
    if (parsed > 100) throw new CliError(`${option} expects a percent from 0 to 100, found '${value}'`, 2);
    return parsed;
  };
}

function findTarget(targets: readonly TargetConfig[], wanted: string): TargetConfig {
  const found = targets.find(
    (t) => `${t.endpointName}/${t.variantName}` === wanted || targetKey(t) === wanted,
  );
  if (!found) {
    const known = targets.map((t) => `${t.endpointName}/${t.variantName}`).join(', ');
    throw new CliError(`--target ${wanted}: scaling.yml has no such target (it has ${known})`, 2);
  }
  return found;
}

async function tune(
  options: TuneOptions,
  { trace, history }: TraceWindow,
  target: TargetConfig,
): Promise<TuneOutcome> {
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: 'tuning [{bar}] {value}/{total} candidates' })
    : undefined;
  bar?.start(options.candidates, 0);
  const simulation = {
    capacityPerInstance: options.capacityPerInstance,
    instanceStartupSeconds: options.startupSeconds,
    initialCapacity: options.initialCapacity,
  };
  try {
    return await runTune({
      target,
      history,
      window: { from: trace.start, to: trace.start + trace.length * 60_000 },
      simulation,
      slo: {
        maxUnderProvisionedPercent: options.maxUnderProvisioned,
        maxUnservedPercent: options.maxUnserved,
      },
      holdoutDays: options.holdout,
      budget: options.candidates,
      evaluatorFor: (whole, training) =>
        poolEvaluator(whole, training, simulation, { threads: options.workers }),
      onProgress: bar && ((done) => bar.update(Math.min(done, options.candidates))),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  } finally {
    bar?.stop();
  }
}

/** The history to tune on, named for the report and the comments, with a note on how it was read. */
async function historyOf(
  options: TuneOptions,
  target: TargetConfig,
  deps: OperateDeps,
): Promise<TraceWindow & { source: string; note?: string }> {
  const source = tuneHistorySource(options);
  if (source.kind === 'cloudwatch') return cloudWatchWindowOrFail(deps, options, target, source.days);
  const window = readTraceOrFail({ ...options, trace: source.path, vcpusPerInstance: 4, metricDelay: 1 });
  return { ...window, source: source.path };
}

/** `scaler tune`. */
export function registerTune(program: Command, deps: OperateDeps = defaultOperateDeps): void {
  program
    .command('tune')
    .description(
      'find the cheapest policies for a target that meet an SLO on a trace or CloudWatch history, proven on held-out days',
    )
    .option('--trace <file>', 'request-rate CSV, as for scaler simulate')
    .option(
      '--from-cloudwatch',
      "instead of --trace: read the target's AWS/SageMaker Invocations (Sum) from CloudWatch",
    )
    .option(
      '--days <n>',
      'with --from-cloudwatch: the days before now to read (the last 14 at 1 minute, older ones at 5 minutes)',
      parseCloudWatchDays,
    )
    .option('--region <region>', 'AWS region, with --from-cloudwatch (default: AWS_REGION or your profile)')
    .requiredOption(
      '--capacity-per-instance <n>',
      'requests one instance serves per minute at 100 % load',
      positiveNumber('--capacity-per-instance'),
    )
    .requiredOption(
      '--max-under-provisioned <percent>',
      'the SLO: the share of minutes with unserved requests allowed',
      percent('--max-under-provisioned'),
    )
    .requiredOption('--out <dir>', 'where to write scaling.yml and report.html')
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option('--target <endpoint/variant>', 'the target to tune (required when scaling.yml has several)')
    .option(
      '--max-unserved <percent>',
      'also: the share of requests allowed to go unserved',
      percent('--max-unserved'),
    )
    .option('--startup-seconds <s>', 'seconds before a new instance serves', parseStartupSeconds, 300)
    .option(
      '--initial-capacity <n>',
      'instances at the start (default: minCapacity)',
      parseWholeNumber('--initial-capacity'),
    )
    .option('--scale <k>', 'multiply every request count by k', positiveNumber('--scale'))
    .option('--from <iso>', 'the window starts here (UTC)', instant('--from'))
    .option('--to <iso>', 'the window ends here (UTC, exclusive)', instant('--to'))
    .option(
      '--holdout <days>',
      'days at the end of the window kept out of the search',
      parseWholeNumber('--holdout'),
      7,
    )
    .option('--candidates <n>', 'configurations to simulate at most', parseWholeNumber('--candidates'), 240)
    .option('--workers <n>', 'worker threads (default: one per core)', parseWholeNumber('--workers'))
    .option('--json', 'print the held-out summaries and the choice as one JSON object')
    .action(async (options: TuneOptions) => {
      const config = loadConfigOrFail(options.config);
      const key = chooseTarget(config, options.target);
      const target = findTarget(config.targets, key);
      const window = await historyOf(options, target, deps);
      checkSimulationLimits(config, key, window.trace, options);
      // The input is sound: the report's directory is made ready before the long part.
      prepareOutputDirectory(options.out);
      // stdout stays one JSON document under --json.
      if (window.note) (options.json ? process.stderr : process.stdout).write(`${window.note}\n`);
      const started = Date.now();
      const outcome = await tune(options, window, target);
      const name = `${target.endpointName}/${target.variantName}`;
      const columns = [
        `tuned (${outcome.chosen?.family ?? 'none'})`,
        'current (scaling.yml)',
        `target tracking @ ${outcome.reference?.parameters.targetValue ?? '-'}`,
      ];
      const verdict = verdictText(outcome);
      const reportPath = join(options.out, 'report.html');
      writeFileSync(
        reportPath,
        tuneReportHtml(outcome, { title: targetKey(target), source: window.source, verdict, columns }),
      );
      const pick = recommended(outcome);
      let written: string | undefined;
      if (pick) {
        const meta = {
          source: window.source,
          capacityPerInstance: options.capacityPerInstance,
          madeAt: Date.now(),
          budget: options.candidates,
        };
        const text = tunedYaml(
          readFileSync(options.config, 'utf8'),
          target,
          pick.policies,
          provenance(outcome, pick, meta),
        );
        parseConfigText(text, 'the tuned scaling.yml');
        written = join(options.out, 'scaling.yml');
        writeFileSync(written, text);
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(tuneJson(outcome))}\n`);
        return;
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const tried = simulatedCandidates(outcome);
      process.stdout.write(
        [
          `${name}: ${tried} candidates in ${outcome.families.length} families simulated in ${seconds} s.`,
          '',
          `Held-out days (${new Date(outcome.windows.holdout.from).toISOString().slice(0, 10)} .. ${new Date(outcome.windows.holdout.to).toISOString().slice(0, 10)}):`,
          heldOutTable(outcome, columns),
          '',
          verdict,
          '',
          written
            ? `wrote ${written} (passes scaler validate) and ${reportPath}`
            : `nothing recommended, so no scaling.yml was written; see ${reportPath}`,
          '',
        ].join('\n'),
      );
    });
}
