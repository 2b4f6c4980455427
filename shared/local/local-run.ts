/**
 * A simulation run through the local stack: the run loop of `scaler simulate` (same world, same
 * clock), with every event delivered to the real Lambda handlers whose SDK clients reach the
 * emulator (serving that very world) and DynamoDB Local over HTTP.
 */
import type { SimulationDeliveryFactory } from '../sim/delivery.ts';
import { simulationBackend } from './emulator/backend.ts';
import { handlerDelivery } from './handler-delivery.ts';
import type { LocalStack } from './stack.ts';

/**
 * Applies `environment` to `process.env` (where the SDK and the handlers' wiring read it) and
 * returns how to put the previous values back.
 */
export function applyEnvironment(environment: Readonly<Record<string, string>>): () => void {
  const previous = new Map(Object.keys(environment).map((name) => [name, process.env[name]]));
  Object.assign(process.env, environment);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * The delivery of a run through `stack`: once the run has built its world, the emulator serves it
 * and the handlers are built from the stack's environment (which must be applied by then).
 */
export function localStackDelivery(stack: LocalStack): SimulationDeliveryFactory {
  return (world) => {
    stack.emulator.serve(simulationBackend(world));
    return handlerDelivery({ ...process.env, ...stack.environment });
  };
}
