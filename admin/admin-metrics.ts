/** Where the admin side raises its metrics: CloudWatch on AWS, nowhere on DynamoDB Local. */
export interface AdminMetrics {
  /** A move made with --break-glass, without a second person's approval. */
  breakGlass(action: "publish" | "rollback"): Promise<void>;
}
/** Raises nothing: for DynamoDB Local, the seed and tests. */
export const NO_ADMIN_METRICS: AdminMetrics = { breakGlass: async () => undefined };
