/** SageMaker endpoint statuses (DescribeEndpoint `EndpointStatus`). */
export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

/** What a decision needs to know about a variant right now. */
export interface VariantCapacity {
  endpointStatus: EndpointStatus;
  /** The count decisions start from: DesiredInstanceCount, not CurrentInstanceCount. */
  desiredInstanceCount: number;
  currentInstanceCount?: number | undefined;
}

export interface VariantCapacityUpdate {
  variantName: string;
  desiredInstanceCount: number;
}

/**
 * Reads and sets a SageMaker variant's instance count. Implementations throw the errors of
 * `./errors.ts` for the outcomes the use cases treat specially, and let anything else through.
 */
export interface EndpointCapacityPort {
  /** Throws EndpointNotFoundError when the endpoint or the variant does not exist. */
  describeVariant(endpointName: string, variantName: string): Promise<VariantCapacity>;
  /**
   * Sets absolute desired counts (never deltas, so a retried call changes nothing twice).
   * Throws EndpointBusyError while an update is in progress, CapacityRejectedError when
   * SageMaker refuses the count (ResourceLimitExceeded), EndpointNotFoundError.
   */
  updateDesiredCapacity(endpointName: string, updates: readonly VariantCapacityUpdate[]): Promise<void>;
}

/** Statuses in which SageMaker will refuse an update for now, but accept it later. */
export const TRANSIENT_STATUSES: ReadonlySet<EndpointStatus> = new Set([
  'Updating',
  'SystemUpdating',
  'Creating',
]);
