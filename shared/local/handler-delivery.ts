/**
 * A simulation delivery that invokes the real Lambda handlers: the middy chains of `on-alarm`,
 * `on-schedule` and `on-tick`, over runtimes built exactly as `functions/*.ts` build theirs
 * (`createRuntime` from the environment, `withPorts` for the tick's CloudWatch reader and the
 * schedule's Application Auto Scaling), except that the clock reads the simulated minute. Their
 * SDK clients go over HTTP to wherever `AWS_ENDPOINT_URL_<SERVICE>` points: the local stack.
 */
import {
  ApplicationAutoScaling,
  createApplicationAutoScalingClient,
} from '../adapters/aws/application-auto-scaling.ts';
import { CloudWatchAlarms, createCloudWatchClient } from '../adapters/aws/cloudwatch-alarms.ts';
import { alarmStateChangeEvent } from '../sim/cloudwatch/alarm-event.ts';
import { overTheWire, type SimulationDelivery } from '../sim/delivery.ts';
import type { ScalerPorts } from '../usecases/apply-intent.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { configFromFile } from '../wiring/config-file.ts';
import { alarmHandler, type HandlerResult, scheduleHandler, tickHandler } from '../wiring/handlers.ts';
import { createRuntime, type ScalerRuntime, withPorts } from '../wiring/runtime.ts';
import { lambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/** A handler's result, or a clear error when it is not one (a bug, not a decision). */
function outcomesOf(result: unknown, functionName: string): EventOutcome[] {
  const outcomes = (result as HandlerResult | undefined)?.outcomes;
  if (!Array.isArray(outcomes))
    throw new TypeError(`${functionName} returned no outcomes: ${JSON.stringify(result)}`);
  return outcomes;
}

/** The EventBridge "Scheduled Event" of the one-minute rule, as it reaches `on-tick`. */
function tickEvent(now: number, tickId: string): Record<string, unknown> {
  return {
    version: '0',
    id: tickId,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: process.env.AWS_REGION ?? 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/sagemaker-scaler-local-tick'],
    detail: {},
  };
}

/**
 * The three handlers over `env` (the local stack's environment, applied to `process.env` first: the
 * SDK reads `AWS_ENDPOINT_URL_<SERVICE>` from there). Events pass through a JSON round trip, as
 * EventBridge delivers them.
 */
export function handlerDelivery(env: NodeJS.ProcessEnv = process.env): SimulationDelivery {
  let clock = 0;
  const config = configFromFile(env);
  const atSimulatedTime = <P extends ScalerPorts>(runtime: ScalerRuntime<P>): ScalerRuntime<P> => ({
    ...runtime,
    now: () => clock,
  });
  const onAlarm: Handler = alarmHandler(atSimulatedTime(createRuntime(env, 'on-alarm', config)));
  const onSchedule: Handler = scheduleHandler(
    atSimulatedTime(
      withPorts(createRuntime(env, 'on-schedule', config), {
        native: new ApplicationAutoScaling(createApplicationAutoScalingClient()),
      }),
    ),
  );
  const onTick: Handler = tickHandler(
    atSimulatedTime(
      withPorts(createRuntime(env, 'on-tick', config), {
        alarms: new CloudWatchAlarms(createCloudWatchClient()),
      }),
    ),
  );
  const invoke = async (
    handler: Handler,
    name: string,
    event: Record<string, unknown>,
    now: number,
    requestId?: string,
  ) => {
    clock = now;
    const functionName = `sagemaker-scaler-local-${name}`;
    return outcomesOf(await handler(overTheWire(event), lambdaContext(functionName, requestId)), name);
  };
  return {
    alarm: (change, now) => invoke(onAlarm, 'onAlarm', alarmStateChangeEvent(change), now),
    scheduled: (event, now) => invoke(onSchedule, 'onSchedule', event, now),
    // The tick names itself after its request id: the simulation's tick id keeps runs comparable.
    tick: (now, tickId) => invoke(onTick, 'onTick', tickEvent(now, tickId), now, tickId),
  };
}
