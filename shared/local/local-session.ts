/**
 * A `scaler local` session: the local stack seeded with scaling.yml, the real handlers driven on
 * the wall clock (alarms evaluated every minute, their events delivered to `on-alarm`, the tick),
 * and a watch on DynamoDB Local, the one part that can die or hang under it. It ends when asked
 * (Ctrl-C, SIGTERM) or when DynamoDB Local fails, with a paragraph saying so.
 */
import type { ScalingConfig } from '../domain/model.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { handlerDelivery } from './handler-delivery.ts';
import { applyEnvironment } from './local-run.ts';
import type { LocalStack } from './stack.ts';
import { dynamoDbLocalTrouble } from './stack-failure.ts';
import { driveOnWallClock } from './wall-clock.ts';

/** How often DynamoDB Local is probed, and how many probes in a row may go unanswered. */
const PROBE_EVERY_MS = 5_000;
const PROBES_TO_HANG = 2;

/** How a session ended. */
export type SessionEnd = { kind: 'signal'; signal: string } | { kind: 'failed'; message: string };

/** One line per decision, for a person watching the terminal. */
export function outcomeLine(outcome: EventOutcome, what: string): string {
  const time = new Date(outcome.time).toISOString().slice(11, 19);
  const change =
    outcome.action === 'none'
      ? `no change at ${outcome.fromCapacity}${outcome.reasonCode ? ` (${outcome.reasonCode})` : ''}`
      : `${outcome.action} ${outcome.fromCapacity} -> ${outcome.toCapacity}${outcome.status ? ` ${outcome.status}` : ''}`;
  return `${time}  ${what}: ${outcome.targetKey ?? 'no target'} ${change}: ${outcome.reason}`;
}

/**
 * Runs the session on `stack` until a signal or a DynamoDB Local failure. The stack's environment
 * is applied to `process.env` (the handlers' SDK clients read it) and restored at the end; the
 * stack itself is the caller's to stop.
 */
export async function runLocalSession(
  stack: LocalStack,
  options: { config: ScalingConfig; write: (line: string) => void },
): Promise<SessionEnd> {
  const restore = applyEnvironment(stack.environment);
  const driver = driveOnWallClock({
    backend: stack.backend,
    delivery: handlerDelivery({ ...process.env, ...stack.environment }),
    onOutcomes: (outcomes, what) => {
      for (const outcome of outcomes) options.write(outcomeLine(outcome, what));
    },
    onError: (error, what) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      options.write(
        `${new Date().toISOString().slice(11, 19)}  ${what}: the handler failed (${name}: ${message})`,
      );
    },
  });
  let probe: NodeJS.Timeout | undefined;
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  try {
    return await new Promise<SessionEnd>((resolve) => {
      onSignal = (signal) => resolve({ kind: 'signal', signal });
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const fail = (trouble: string) =>
        resolve({
          kind: 'failed',
          message: `${trouble} while \`scaler local\` was running: the functions' state store is gone, with its table. The emulator and the wall clock are stopped too. Start \`scaler local\` again (its state starts empty); if it happens again, check that Java has memory to spare (\`free -m\`, \`java -version\`).`,
        });
      void stack.dynamo.died.then(async () =>
        fail((await dynamoDbLocalTrouble(stack.dynamo)) ?? 'DynamoDB Local died'),
      );
      let unanswered = 0;
      probe = setInterval(() => {
        void dynamoDbLocalTrouble(stack.dynamo).then((trouble) => {
          unanswered = trouble === undefined ? 0 : unanswered + 1;
          if (trouble !== undefined && (stack.dynamo.death || unanswered >= PROBES_TO_HANG)) fail(trouble);
        });
      }, PROBE_EVERY_MS);
    });
  } finally {
    if (probe) clearInterval(probe);
    if (onSignal) process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await Promise.race([driver.stop(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    restore();
  }
}
