import { err, ok, type Result } from "../core/result.js";
import type { AdminMetrics } from "./admin-metrics.js";
import type { AdminTable } from "./admin-table.js";
import type { StoreChange } from "./change.js";
import type { StoreRefusal } from "./store-refusal.js";

const errorName = (error: unknown): string =>
  error instanceof Error ? error.name : "unknown error";

/**
 * Raises the break-glass alarm for a move made without a second person, before the move goes
 * live: a move whose alarm cannot be raised does not go live, so there is no quiet way around it.
 */
export const raiseBreakGlass = async (
  table: AdminTable,
  action: Parameters<AdminMetrics["breakGlass"]>[0],
  change: StoreChange,
): Promise<Result<void, StoreRefusal>> => {
  if (change.authority?.kind !== "break-glass") return ok(undefined);
  try {
    await table.metrics.breakGlass(action);
    return ok(undefined);
  } catch (error) {
    return err({
      kind: "alarm-not-raised",
      // The SDK's own words name accounts and ARNs: the admin reads the error's name, the kind of failure.
      message: `${action} refused: break glass raises its alarm first, and raising it failed (${errorName(error)}); nothing went live`,
    });
  }
};
