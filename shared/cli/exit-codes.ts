import { EXIT_ENVIRONMENT, EXIT_FAILURE, EXIT_USAGE } from '../operate/failures.ts';

/** Exit code of a command that did what it was asked. */
export const EXIT_OK = 0;

/**
 * The exit codes every `scaler` command keeps to, as `scaler --help` prints them after the command
 * list (the README's "Exit codes" section says the same).
 */
export const EXIT_CODE_TABLE = [
  'Exit codes:',
  `  ${EXIT_OK}  ok`,
  `  ${EXIT_FAILURE}  invalid configuration: scaling.yml missing or failing validation`,
  `  ${EXIT_USAGE}  bad usage or input: unknown command, flag or target, malformed value, unreadable file`,
  `  ${EXIT_ENVIRONMENT}  AWS access: credentials, region, permissions, network (locally: DynamoDB Local)`,
].join('\n');
