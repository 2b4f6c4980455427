/**
 * scaling.yml: loading, validation against every static AAS / CloudWatch rule, and summaries.
 * The only way a configuration reaches the scaler: a bad one is refused whole, with every
 * problem named by its path (reliability item 25).
 */
export { describeConfig } from './describe.ts';
export { type ConfigIssue, ConfigValidationError, formatIssue } from './issues.ts';
export { checkConfigFile, loadConfigFile, parseConfigDocument, parseConfigText } from './load.ts';
export { type ValidationResult, validateConfig } from './validate.ts';
