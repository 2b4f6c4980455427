// The pool's worker entry when the pool itself runs as TypeScript (tests, tools run through tsx):
// worker threads do not inherit tsx's loader, so this registers it in the thread and then loads
// the TypeScript worker. The compiled CLI uses dist/cli/simulation-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./simulation-worker.ts');

export default worker.default;
export const policyFigures = worker.policyFigures;
