/**
 * `scaler local` on the wall clock: what AWS does between the services, played by the local stack.
 * Each minute CloudWatch evaluates the alarms on the metrics published so far (the simulator's
 * alarm model, the same as `scaler simulate` and `npm start` play), and each state change reaches
 * the `on-alarm` handler as the EventBridge event it would be; then the one-minute tick runs, so an
 * accepted change completes and an alarm still in ALARM steps again. A SetAlarmState change is
 * delivered the moment it happens. One thing at a time, in order: a queue, as one Lambda container
 * would see them.
 */
import type { SimulatedAlarmChange } from '../sim/cloudwatch/alarm-event.ts';
import type { SimulationDelivery } from '../sim/delivery.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import type { EmulatorBackend } from './emulator/backend.ts';

const MINUTE_MS = 60_000;
/** After the minute turns: CloudWatch evaluates a minute's alarms once the minute is over. */
const EVALUATION_OFFSET_MS = 1_000;

export interface WallClockOptions {
  backend: EmulatorBackend;
  delivery: SimulationDelivery;
  /** What each delivered event or tick decided; `what` names it (`alarm X -> ALARM`, `tick`). */
  onOutcomes?: (outcomes: readonly EventOutcome[], what: string, time: number) => void;
  /** A handler that failed (DynamoDB Local gone, retries spent): told, and the clock goes on. */
  onError?: (error: unknown, what: string) => void;
}

/** A running wall-clock driver. */
export interface WallClockDriver {
  /** Resolves once everything queued so far has been handled. */
  settled(): Promise<void>;
  /** Stops the minute timer and detaches from the emulator; resolves once the queue is done. */
  stop(): Promise<void>;
}

function alarmSummary(change: SimulatedAlarmChange): string {
  return `alarm ${change.definition.alarmName} -> ${change.current.value}`;
}

/** Starts evaluating and delivering on the wall clock; the first evaluation comes when the minute turns. */
export function driveOnWallClock(options: WallClockOptions): WallClockDriver {
  const { backend, delivery } = options;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const enqueue = (what: string, work: (now: number) => Promise<EventOutcome[]>) => {
    queue = queue.then(async () => {
      if (stopped) return;
      const now = backend.now();
      try {
        options.onOutcomes?.(await work(now), what, now);
      } catch (error) {
        options.onError?.(error, what);
      }
    });
  };
  const deliverAlarm = (change: SimulatedAlarmChange) =>
    enqueue(alarmSummary(change), (now) => delivery.alarm(change, now));
  backend.alarmEvents = deliverAlarm;

  let timer: NodeJS.Timeout | undefined;
  const everyMinute = () => {
    const now = backend.now();
    for (const change of backend.cloudWatch.evaluateAlarmChanges(now)) deliverAlarm(change);
    const minute = new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS).toISOString();
    enqueue('tick', (at) => delivery.tick(at, `local-tick-${minute}`));
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    const wait = MINUTE_MS - (Date.now() % MINUTE_MS) + EVALUATION_OFFSET_MS;
    timer = setTimeout(everyMinute, wait);
  };
  schedule();

  return {
    settled: () => queue,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (backend.alarmEvents === deliverAlarm) backend.alarmEvents = undefined;
      await queue;
    },
  };
}
