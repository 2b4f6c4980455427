import {
  type ApplicationAutoScalingClient,
  DescribeScalingActivitiesCommand,
  type ScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import type { NativeActivity, NativeActivityHistory } from '../usecases/operate/compare-inputs.ts';

/**
 * {@link NativeActivityHistory} over DescribeScalingActivities
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingActivities.html).
 * The call has no time filter: it pages through the variant's last six weeks, newest first, so
 * the reading stops at the first page that reaches back before the window.
 */
export class AasScalingActivities implements NativeActivityHistory {
  constructor(private readonly aas: ApplicationAutoScalingClient) {}

  async activitiesBetween(
    resourceId: string,
    from: number,
    to: number,
  ): Promise<{ activities: NativeActivity[]; before?: NativeActivity | undefined }> {
    const activities: NativeActivity[] = [];
    let before: NativeActivity | undefined;
    let nextToken: string | undefined;
    do {
      const page = await this.aas.send(
        new DescribeScalingActivitiesCommand({
          ServiceNamespace: 'sagemaker',
          ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          ResourceId: resourceId,
          NextToken: nextToken,
        }),
      );
      for (const activity of (page.ScalingActivities ?? []).map(nativeActivityOf)) {
        if (activity.startTime > to) continue;
        if (activity.startTime >= from) activities.push(activity);
        else if (
          activity.statusCode === 'Successful' &&
          (before === undefined || activity.startTime > before.startTime)
        ) {
          before = activity;
        }
      }
      nextToken = page.NextToken;
      // Newest first: once an activity older than the window showed up, later pages are older still.
    } while (nextToken !== undefined && before === undefined);
    activities.sort((a, b) => a.startTime - b.startTime);
    return { activities, before };
  }
}

function nativeActivityOf(activity: ScalingActivity): NativeActivity {
  return {
    activityId: activity.ActivityId ?? '',
    startTime: activity.StartTime?.getTime() ?? 0,
    description: activity.Description ?? '',
    cause: activity.Cause ?? '',
    statusCode: activity.StatusCode ?? '',
    statusMessage: activity.StatusMessage,
  };
}
