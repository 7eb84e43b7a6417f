/** Where the admin side raises its metrics: CloudWatch on AWS, nowhere on DynamoDB Local. */
export interface AdminMetrics {
  /** A move made with --break-glass, or the approvals lowered with it: without a second person. */
  breakGlass(action: "publish" | "rollback" | "setting"): Promise<void>;
}
/** Raises nothing: for DynamoDB Local, the seed and tests. */
export const NO_ADMIN_METRICS: AdminMetrics = { breakGlass: async () => undefined };
