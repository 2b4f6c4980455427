import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { InMemoryEndpointLock } from '../../shared/adapters/memory/memory-endpoint-lock.ts';
import { InMemoryStateStore } from '../../shared/adapters/memory/memory-state-store.ts';
import { SequentialIds } from '../../shared/adapters/memory/sequential-ids.ts';
import type { ScalingConfig } from '../../shared/domain/model.ts';
import type { AlarmEvaluation } from '../../shared/ports/alarm-reader.ts';
import type { TickPorts } from '../../shared/usecases/handle-tick.ts';
import type { ScalerRuntime } from '../../shared/wiring/runtime.ts';
import { ScriptedEndpoints } from './scripted-endpoints.ts';

/**
 * The production handlers' runtime with every port in memory: a scripted SageMaker, an
 * in-memory store and lease, alarms the test sets, and a clock the test moves.
 */
export function memoryRuntime(config: ScalingConfig, variants: Record<string, number>) {
  const endpoints = new ScriptedEndpoints(variants);
  const store = new InMemoryStateStore();
  const clock = { now: Date.UTC(2026, 10, 23, 10, 0, 0) };
  const alarms = { inAlarm: [] as AlarmEvaluation[] };
  const ports: TickPorts = {
    config,
    endpoints,
    store,
    ids: new SequentialIds(),
    endpointLock: new InMemoryEndpointLock(),
    alarms: { alarmsInAlarm: async (names) => alarms.inAlarm.filter((a) => names.includes(a.alarmName)) },
  };
  const logged: { level: string; message: string; fields: unknown }[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  for (const level of ['info', 'warn', 'error'] as const) {
    logger[level] = ((message: string, fields: unknown) => {
      logged.push({ level, message, fields });
    }) as never;
  }
  const runtime: ScalerRuntime<TickPorts> = {
    config,
    ports,
    logger,
    metrics: new Metrics({ namespace: 'SageMakerScaler', serviceName: 'test' }),
    now: () => clock.now,
  };
  return { runtime, endpoints, store, clock, alarms, logged };
}
