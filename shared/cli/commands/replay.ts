import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isoTime } from '../../domain/decision.ts';
import type { ScalingConfig, Trigger } from '../../domain/model.ts';
import { EventFileError, parseEventLines } from '../../events/index.ts';
import type { RawEvent } from '../../local/handler-replay.ts';
import { type ReplayStep, replayTriggers } from '../../usecases/replay.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';
import { parseWholeNumber } from '../options.ts';
import { renderTable } from '../table.ts';

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
        const events = readEvents(options.events);
        const steps = await runReplay(config, events, options.capacity, options.state);
        const text = options.json
          ? steps.map((s) => JSON.stringify(replayJson(s))).join('\n')
          : replayTable(steps);
        process.stdout.write(`${text}\n`);
      },
    );
}

async function runReplay(
  config: ScalingConfig,
  events: readonly RawEvent[],
  initialCapacity: number,
  state: string,
): Promise<ReplayStep[]> {
  if (state === 'memory')
    return replayTriggers(
      config,
      events.map((e) => e.trigger),
      { initialCapacity },
    );
  if (state !== 'dynamodb-local')
    throw new CliError(`--state expects memory or dynamodb-local, found '${state}'`, 2);
  // Loaded when the command runs, not at start: it pulls in the AWS SDK (`scaler --help` stays fast).
  const { createLocalTable, localDynamoClients, startDynamoDbLocal } = await import(
    '../../local/dynamodb-local.ts'
  );
  const { DynamoDbStateStore } = await import('../../adapters/aws/dynamodb-state-store.ts');
  const { replayThroughHandlers } = await import('../../local/handler-replay.ts');
  const local = await startDynamoDbLocal();
  try {
    const { client, documentClient } = localDynamoClients(local.endpoint);
    await createLocalTable(client, 'scaler-replay');
    const store = new DynamoDbStateStore(documentClient, { tableName: 'scaler-replay' });
    return await replayThroughHandlers(config, events, { initialCapacity, store });
  } finally {
    await local.stop();
  }
}

/** The events of a JSONL file, validated, each with its raw JSON (the handlers take that). */
function readEvents(path: string): RawEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read events file ${path}: ${(error as Error).message}`, 2, { cause: error });
  }
  let triggers: Trigger[];
  try {
    triggers = parseEventLines(text);
  } catch (error) {
    if (error instanceof EventFileError) throw new CliError(`${path}:${error.message}`, 2, { cause: error });
    throw error;
  }
  const raws = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
  return triggers.map((trigger, index) => ({ raw: raws[index], trigger }));
}

/** The JSON shape of one replayed decision (documented in the README). */
export function replayJson(step: ReplayStep): Record<string, unknown> {
  const { outcome } = step;
  return {
    line: step.line,
    time: isoTime(outcome.time),
    eventId: outcome.eventId,
    target: outcome.targetKey,
    action: outcome.action,
    fromCapacity: outcome.fromCapacity,
    toCapacity: outcome.toCapacity,
    policyName: outcome.policyName,
    scheduledActionName: outcome.scheduledActionName,
    reasonCode: outcome.reasonCode,
    reason: outcome.reason,
    cause: outcome.cause,
  };
}

function replayTable(steps: readonly ReplayStep[]): string {
  const rows = steps.map(({ trigger, outcome }) => [
    isoTime(outcome.time).replace('.000Z', 'Z'),
    trigger.kind === 'alarm' ? `alarm ${trigger.alarmName}` : `schedule ${trigger.scheduledActionName}`,
    conditionOf(trigger, outcome),
    outcome.reasonCode ? `${outcome.action} (${outcome.reasonCode})` : outcome.action,
    String(outcome.toCapacity),
    outcome.reason,
  ]);
  return renderTable(['time', 'trigger', 'condition', 'action', 'capacity', 'reason'], rows);
}

function conditionOf(trigger: Trigger, outcome: ReplayStep['outcome']): string {
  if (trigger.kind === 'scheduled') return `slot ${isoTime(trigger.scheduledTime).slice(0, 16)}Z`;
  const state = trigger.reevaluation ? `${trigger.state} (still)` : trigger.state;
  const value = outcome.alarm?.metricValue;
  const threshold = outcome.alarm?.threshold;
  return value === undefined || threshold === undefined ? state : `${state} ${value} vs ${threshold}`;
}
