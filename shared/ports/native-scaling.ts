/** What Application Auto Scaling itself holds for a variant. */
export interface NativeScalingRegistration {
  /** The variant is registered as an AAS scalable target. */
  registered: boolean;
  minCapacity?: number | undefined;
  maxCapacity?: number | undefined;
  /** Names of AAS step scaling policies on the variant (they would fight the scaler). */
  stepPolicies: string[];
  /** Names of AAS target-tracking policies (they live alongside, within min/max). */
  targetTrackingPolicies: string[];
  /** Names of AAS scheduled actions on the variant (they would fight the scaler). */
  scheduledActions: string[];
}

/**
 * Native Application Auto Scaling, for living alongside it: when the variant is registered
 * there, a scheduled action must move the registered min/max too, or a native target-tracking
 * policy undoes the scheduled scale-up.
 */
export interface NativeScalingPort {
  describe(endpointName: string, variantName: string): Promise<NativeScalingRegistration>;
  /** RegisterScalableTarget with the new bounds (only for a registered variant). */
  updateBounds(
    endpointName: string,
    variantName: string,
    bounds: { minCapacity: number; maxCapacity: number },
  ): Promise<void>;
}
