#!/usr/bin/env node
// The `scaler` command. The CLI is written in TypeScript; tsx loads it without a build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run that its 2027 releases will need Node 22: the Lambdas run on
// nodejs22.x already, and the CLI works on Node 20; keep stderr for the CLI's own messages.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'NodeVersionSupportWarning') console.warn(`${warning.name}: ${warning.message}`);
});

register();
await import('../shared/cli/main.ts');
