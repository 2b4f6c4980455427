import { basename } from 'node:path';
import type { Command } from 'commander';
import { simulationRunOf, targetMinCapacity } from '../../sim/simulation-run.ts';
import { simulationSummaryTable } from '../../sim/summary-table.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { parseWholeNumber, parseWholeNumberUpTo } from '../options.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import { chooseTarget, instant, positiveNumber, type SimulateOptions } from './simulate-options.ts';
import { readTraceOrFail, resolutionOrFail, serviceTimeOf, simulateTarget } from './simulate-run.ts';
import { checkSimulationLimits, MAX_METRIC_DELAY_MINUTES, parseStartupSeconds } from './simulation-limits.ts';

/** `scaler simulate`: a trace through the scaler against a simulated fleet, beside AAS target tracking and the oracle. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'play a request-rate trace through the scaler against a simulated SageMaker fleet, next to AAS target tracking and the oracle',
    )
    .requiredOption(
      '--trace <file>',
      'request-rate CSV: timestamp,requests[,gap][,context_tokens,generated_tokens], any fixed step from 1 s to 1 h',
    )
    .requiredOption(
      '--capacity-per-instance <n>',
      'requests one instance serves per minute at 100 % load',
      positiveNumber('--capacity-per-instance'),
    )
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option('--target <endpoint/variant>', 'the target to simulate (required when scaling.yml has several)')
    .option('--startup-seconds <s>', 'seconds before a new instance serves', parseStartupSeconds, 300)
    .option(
      '--initial-capacity <n>',
      'instances at the start (default: minCapacity)',
      parseWholeNumber('--initial-capacity'),
    )
    .option('--scale <k>', 'multiply every request count by k', positiveNumber('--scale'))
    .option('--from <iso>', 'simulate from this instant (UTC)', instant('--from'))
    .option('--to <iso>', 'simulate until this instant (UTC, exclusive)', instant('--to'))
    .option(
      '--vcpus-per-instance <n>',
      'vCPUs per instance (CPUUtilization is summed over them)',
      positiveNumber('--vcpus-per-instance'),
      4,
    )
    .option(
      '--metric-delay <minutes>',
      "minutes from a datapoint's minute start until CloudWatch shows it",
      parseWholeNumberUpTo('--metric-delay', {
        min: 1,
        max: MAX_METRIC_DELAY_MINUTES,
        unit: 'minutes',
        why: 'a datapoint shows a minute after its minute at the earliest, and within a day',
      }),
      1,
    )
    .option(
      '--baseline-target <v>',
      'target InvocationsPerInstance of the AAS target tracking baseline (default: half of --capacity-per-instance, the safety factor AWS suggests starting from)',
      positiveNumber('--baseline-target'),
    )
    .option(
      '--latency-ms <ms>',
      'service time of every request, for ConcurrentRequestsPerModel (arrivals x service time per serving instance)',
      positiveNumber('--latency-ms'),
    )
    .option(
      '--ms-per-token <ms>',
      "service time per context + generated token of the trace's token columns, for ConcurrentRequestsPerModel",
      positiveNumber('--ms-per-token'),
    )
    .option('--out <dir>', 'write report.html, timeline.csv and activities.jsonl into this directory')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: SimulateOptions) => {
      const config = loadConfigOrFail(options.config);
      const target = chooseTarget(config, options.target);
      const serviceTime = serviceTimeOf(options);
      // A sub-minute alarm plays the trace in 10-s steps (shared/sim/resolution.ts).
      const window = readTraceOrFail(options, resolutionOrFail(config, target).stepSeconds);
      const { trace } = window;
      checkSimulationLimits(config, target, trace, options);
      // The input is sound: the report's directory is made ready before the simulation.
      if (options.out !== undefined) prepareOutputDirectory(options.out);
      const result = await simulateTarget(config, window, target, options);
      if (options.out !== undefined) {
        // The report's code loads only for --out: a run printing its summary does not compile it.
        const { writeSimulationOutputs } = await import('../../sim/report/outputs.ts');
        const minCapacity = targetMinCapacity(config, result);
        const outputs = await writeSimulationOutputs(
          options.out,
          simulationRunOf(result, {
            capacityPerInstance: options.capacityPerInstance,
            startupSeconds: options.startupSeconds,
            minCapacity,
          }),
        );
        // stdout stays one JSON document under --json.
        (options.json ? process.stderr : process.stdout).write(`report: ${outputs.reportPath}\n`);
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result.summary)}\n`
          : `${simulationSummaryTable(result, { start: trace.start, capacityPerInstance: options.capacityPerInstance, startupSeconds: options.startupSeconds, serviceTime, configName: basename(options.config) })}\n`,
      );
    });
}
