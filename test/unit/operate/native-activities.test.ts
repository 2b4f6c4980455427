import {
  ApplicationAutoScalingClient,
  DescribeScalingActivitiesCommand,
  type ScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AasScalingActivities } from '../../../shared/operate/native-activities.ts';

const aas = mockClient(ApplicationAutoScalingClient);
afterEach(() => aas.reset());

const RESOURCE = 'endpoint/recommender/variant/AllTraffic';
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);

function activity(id: string, hhmm: string, count: number, status = 'Successful'): ScalingActivity {
  return {
    ActivityId: id,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    Description: `Setting desired instance count to ${count}.`,
    Cause: 'monitor alarm a in state ALARM triggered policy p',
    StartTime: at(hhmm),
    StatusCode: status as ScalingActivity['StatusCode'],
  };
}

describe('AasScalingActivities', () => {
  it("pages newest first, keeps the window's activities oldest first, and stops at the first Successful one before it", async () => {
    aas
      .on(DescribeScalingActivitiesCommand, { NextToken: undefined })
      .resolves({
        ScalingActivities: [activity('late', '18:00', 5), activity('in-2', '16:00', 4)],
        NextToken: 'p2',
      })
      .on(DescribeScalingActivitiesCommand, { NextToken: 'p2' })
      .resolves({
        ScalingActivities: [
          activity('in-1', '15:00', 3),
          activity('failed-before', '13:30', 9, 'Failed'),
          activity('before', '13:00', 2),
        ],
        NextToken: 'p3',
      })
      .on(DescribeScalingActivitiesCommand, { NextToken: 'p3' })
      .rejects(new Error('read too far'));

    const read = await new AasScalingActivities(
      aas as unknown as ApplicationAutoScalingClient,
    ).activitiesBetween(RESOURCE, at('14:00').getTime(), at('17:00').getTime());

    expect(read.activities.map((a) => a.activityId)).toEqual(['in-1', 'in-2']);
    expect(read.before?.activityId).toBe('before');
    expect(read.activities[0]).toEqual({
      activityId: 'in-1',
      startTime: at('15:00').getTime(),
      description: 'Setting desired instance count to 3.',
      cause: 'monitor alarm a in state ALARM triggered policy p',
      statusCode: 'Successful',
      statusMessage: undefined,
    });
    expect(aas.commandCalls(DescribeScalingActivitiesCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ ServiceNamespace: 'sagemaker', ResourceId: RESOURCE, NextToken: undefined }),
      expect.objectContaining({ NextToken: 'p2' }),
    ]);
  });
});
