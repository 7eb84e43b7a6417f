import type * as z from "../core/zod.js";

/** What the studio answers: a status and a JSON body (or CSV text for a download). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export const reply = (status: number, body: unknown): Reply => ({ status, body });

export const refusedWith = (status: number, error: string, extra: object = {}): Reply =>
  reply(status, { error, ...extra });

/** A request body the schema refused: each problem as "path: message", on one line. */
export const badBody = (error: z.core.$ZodError): Reply =>
  refusedWith(400, error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
