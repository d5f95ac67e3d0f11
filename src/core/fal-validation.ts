// One problem in fal's 422 reply, as pydantic names it: where (`loc`), what (`msg`) and its error
// type. The simulator writes it, the client reads it from a reply, the take record keeps it and the
// extension puts it on the shot file: all of them use this one schema.
import { z } from 'zod';

export const FalValidationDetailSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
  /** pydantic's context (the allowed values, a limit): sent by fal, not kept in a take record. */
  ctx: z.unknown().optional(),
});
export type FalValidationDetail = z.infer<typeof FalValidationDetailSchema>;
