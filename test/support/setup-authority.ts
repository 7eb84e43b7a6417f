import type { DoorAuthority } from "../../admin/change.js";

/**
 * Break glass, as test setup: how tests whose subject is not change requests publish over an
 * active version, or with leave, on their own. Change requests have tests of their own.
 */
export const SETUP: DoorAuthority = { kind: "break-glass", reason: "test setup" };
