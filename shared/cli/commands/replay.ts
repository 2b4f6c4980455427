import type { Command } from 'commander';
import { isoTime } from '../../domain/decision.ts';
import type { ScalingConfig, Trigger } from '../../domain/model.ts';
import { type ReplayStep, replaySteps } from '../../usecases/replay.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { lineWriter } from '../line-writer.ts';
import { parseWholeNumber } from '../options.ts';
import { StreamingTable } from '../table.ts';
import { checkEventsFile, readEventLines } from './replay-input.ts';

/** `scaler replay`: events through the engine with in-memory state, one result per event and target. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay alarm and scheduled-action events (JSON lines) through the engine')
    .requiredOption('--events <file>', 'events, one EventBridge JSON event per line')
    .requiredOption(
      '--capacity <n>',
      'desired capacity every target starts at',
      parseWholeNumber('--capacity'),
    )
    .option('--config <file>', 'scaling configuration', 'scaling.yml')
    .option(
      '--state <store>',
      'memory (the use cases in process) or dynamodb-local (the real handlers over DynamoDB Local)',
      'memory',
    )
    .option('--json', 'one JSON object per event and target instead of a table')
    .action(
      async (options: {
        events: string;
        capacity: number;
        config: string;
        state: string;
        json?: boolean;
      }) => {
        const config = loadConfigOrFail(options.config);
        if (options.state !== 'memory' && options.state !== 'dynamodb-local')
          throw new CliError(`--state expects memory or dynamodb-local, found '${options.state}'`, 2);
        // First pass: a bad line exits 2 before anything is printed. Neither pass holds the file.
        await checkEventsFile(options.events);
        const out = lineWriter();
        const print: StepPrinter = options.json
          ? (step) => out.write(JSON.stringify(replayJson(step)))
          : tableOf(out.write);
        await runReplay(config, options.events, options.capacity, options.state, async (step) => {
          print(step);
          await out.drained();
        });
        print.end?.();
      },
    );
}

type StepPrinter = ((step: ReplayStep) => void) & { end?: () => void };

async function runReplay(
  config: ScalingConfig,
  path: string,
  initialCapacity: number,
  state: string,
  print: (step: ReplayStep) => Promise<void>,
): Promise<void> {
  if (state === 'memory') {
    for await (const step of replaySteps(config, readEventLines(path), { initialCapacity }))
      await print(step);
    return;
  }
  // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
  const { createLocalTable, localDynamoClients, startDynamoDbLocal } = await import(
    '../../local/dynamodb-local.ts'
  );
  const { DynamoDbStateStore } = await import('../../adapters/aws/dynamodb-state-store.ts');
  const { replayStepsThroughHandlers } = await import('../../local/handler-replay.ts');
  const local = await startDynamoDbLocal();
  try {
    const { client, documentClient } = localDynamoClients(local.endpoint);
    await createLocalTable(client, 'scaler-replay');
    const store = new DynamoDbStateStore(documentClient, { tableName: 'scaler-replay' });
    for await (const step of replayStepsThroughHandlers(config, readEventLines(path), {
      initialCapacity,
      store,
    }))
      await print(step);
  } finally {
    await local.stop();
  }
}

/**
 * The capacity a row shows: none when no target took the event (an alarm or a scheduled action
 * scaling.yml does not know has no variant, so no count: 0 would read as a real one).
 */
function capacityOf(
  outcome: ReplayStep['outcome'],
  which: 'fromCapacity' | 'toCapacity',
): number | undefined {
  return outcome.targetKey === undefined ? undefined : outcome[which];
}

/** The JSON shape of one replayed decision (documented in docs/policies.md). */
export function replayJson(step: ReplayStep): Record<string, unknown> {
  const { outcome } = step;
  return {
    line: step.line,
    time: isoTime(outcome.time),
    eventId: outcome.eventId,
    target: outcome.targetKey,
    action: outcome.action,
    fromCapacity: capacityOf(outcome, 'fromCapacity'),
    toCapacity: capacityOf(outcome, 'toCapacity'),
    policyName: outcome.policyName,
    scheduledActionName: outcome.scheduledActionName,
    reasonCode: outcome.reasonCode,
    reason: outcome.reason,
    cause: outcome.cause,
  };
}

/** Table rows as the steps come (columns sized on the first thousand). */
function tableOf(write: (line: string) => void): StepPrinter {
  const table = new StreamingTable(['time', 'trigger', 'condition', 'action', 'capacity', 'reason'], write);
  const print: StepPrinter = ({ trigger, outcome }) =>
    table.row([
      isoTime(outcome.time).replace('.000Z', 'Z'),
      trigger.kind === 'alarm' ? `alarm ${trigger.alarmName}` : `schedule ${trigger.scheduledActionName}`,
      conditionOf(trigger, outcome),
      outcome.reasonCode ? `${outcome.action} (${outcome.reasonCode})` : outcome.action,
      String(capacityOf(outcome, 'toCapacity') ?? '-'),
      outcome.reason,
    ]);
  print.end = () => table.end();
  return print;
}

function conditionOf(trigger: Trigger, outcome: ReplayStep['outcome']): string {
  if (trigger.kind === 'scheduled') return `slot ${isoTime(trigger.scheduledTime).slice(0, 16)}Z`;
  const state = trigger.reevaluation ? `${trigger.state} (still)` : trigger.state;
  const value = outcome.alarm?.metricValue;
  const threshold = outcome.alarm?.threshold;
  return value === undefined || threshold === undefined ? state : `${state} ${value} vs ${threshold}`;
}
