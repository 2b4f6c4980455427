import type { Command } from 'commander';
import { registerCompare } from './compare.ts';
import { registerHistory } from './history.ts';
import { registerImport } from './import.ts';
import { defaultOperateDeps, type OperateDeps } from './operate-support.ts';
import { registerPause } from './pause.ts';
import { registerResetMarks } from './reset-marks.ts';
import { registerStatus } from './status.ts';
import { registerWhy } from './why.ts';

/** The commands that operate a deployed (or local) scaler: status, history, why, pause, resume, reset-marks, import, compare. */
export function registerOperate(program: Command, deps: OperateDeps = defaultOperateDeps): void {
  registerStatus(program, deps);
  registerHistory(program, deps);
  registerWhy(program, deps);
  registerPause(program, deps);
  registerResetMarks(program, deps);
  registerImport(program, deps);
  registerCompare(program, deps);
}
