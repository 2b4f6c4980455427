import { describe, expect, it } from 'vitest';
import { describeFailure, EXIT_ENVIRONMENT, EXIT_USAGE } from '../../../shared/operate/failures.ts';
import { NotRegisteredError } from '../../../shared/operate/native-reader.ts';

const WHERE = { stage: 'dev', tableName: 'sagemaker-scaler-dev', region: 'eu-west-1' };

describe('describeFailure', () => {
  it('calls an endpoint with nothing to import bad input (exit 2), not invalid configuration', () => {
    const error = new NotRegisteredError(
      'endpoint e is not registered with Application Auto Scaling: nothing to import',
    );
    expect(describeFailure(error, WHERE)).toEqual({ message: error.message, exitCode: EXIT_USAGE });
  });

  it('calls any other error an AWS service returned an AWS-access failure (exit 3), in a sentence', () => {
    const error = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(describeFailure(error, WHERE)).toEqual({
      message: 'AWS refused the call in eu-west-1 (ThrottlingException: Rate exceeded)',
      exitCode: EXIT_ENVIRONMENT,
    });
  });

  it('leaves an error of ours it does not know to the caller', () => {
    expect(describeFailure(new TypeError('x is undefined'), WHERE)).toBeUndefined();
  });
});
