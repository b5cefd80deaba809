import { z } from 'zod';
import { Id } from './domain.ts';

export const Organization = z.object({ id: Id, name: z.string() });
export type Organization = z.infer<typeof Organization>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type Health = z.infer<typeof Health>;
