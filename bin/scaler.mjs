#!/usr/bin/env node
// The `scaler` command. The CLI is written in TypeScript; tsx loads it without a build step.
import { register } from 'tsx/esm/api';
import './node-warnings.mjs';

register();
await import('../shared/cli/main.ts');
