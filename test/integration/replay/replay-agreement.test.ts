import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { loadConfigFile } from '../../../shared/config/index.ts';
import { parseTriggerEvent } from '../../../shared/events/index.ts';
import { replayThroughHandlers } from '../../../shared/local/handler-replay.ts';
import { type ReplayStep, replayTriggers } from '../../../shared/usecases/replay.ts';
import { useDynamoDbLocal } from '../../support/dynamodb-local.ts';
import { randomEventSequence } from '../../support/random-events.ts';

const dynamo = useDynamoDbLocal();

/** What must agree: ids and timestamps may differ between the two replays. */
function decisions(steps: readonly ReplayStep[]) {
  return steps.map(({ line, outcome }) => ({
    line,
    target: outcome.targetKey,
    action: outcome.action,
    fromCapacity: outcome.fromCapacity,
    toCapacity: outcome.toCapacity,
    reasonCode: outcome.reasonCode,
  }));
}

async function replayBothWays(configPath: string, raws: unknown[], initialCapacity: number) {
  const config = loadConfigFile(configPath);
  const events = raws.map((raw) => ({ raw, trigger: parseTriggerEvent(raw) }));
  const inMemory = await replayTriggers(
    config,
    events.map((e) => e.trigger),
    { initialCapacity },
  );
  const tableName = await dynamo.freshTable('replay');
  const store = new DynamoDbStateStore(dynamo.documentClient, { tableName });
  const throughHandlers = await replayThroughHandlers(config, events, { initialCapacity, store });
  return { inMemory: decisions(inMemory), throughHandlers: decisions(throughHandlers) };
}

describe('scaler replay in memory and --state dynamodb-local', () => {
  it('agree on the worked example (11, 14, 13, 10)', async () => {
    const raws = readFileSync('events/replay/worked-example.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
    const { inMemory, throughHandlers } = await replayBothWays(
      'test/fixtures/config/worked-example.yml',
      raws,
      10,
    );
    expect(inMemory.map((d) => d.toCapacity)).toEqual([11, 14, 13, 10]);
    expect(throughHandlers).toEqual(inMemory);
  });

  it('agree on a 200-event random sequence with duplicates, retries and stale events', async () => {
    const raws = randomEventSequence(200, 20261123);
    const { inMemory, throughHandlers } = await replayBothWays('scaling.yml', raws, 4);
    expect(inMemory).toHaveLength(200);
    // The sequence exercises more than one kind of decision, or the agreement would say little.
    const kinds = new Set(inMemory.map((d) => d.reasonCode ?? d.action));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    expect(throughHandlers).toEqual(inMemory);
  });
});
