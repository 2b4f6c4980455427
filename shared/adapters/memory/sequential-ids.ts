import type { IdGenerator } from '../../ports/scaling-state-store.ts';

/** Activity ids `act-000001`, `act-000002`, ...: deterministic, for replay and simulation. */
export class SequentialIds implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'act') {}

  nextId(): string {
    this.counter += 1;
    return `${this.prefix}-${String(this.counter).padStart(6, '0')}`;
  }
}
