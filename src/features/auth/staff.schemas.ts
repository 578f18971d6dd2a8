import { z } from '@hono/zod-openapi';
import { STAFF_ROLES } from '../../db/schema/index.js';

export const StaffRoleSchema = z.enum(STAFF_ROLES).openapi({ description: 'agent < editor < admin' });

export const StaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    role: StaffRoleSchema,
    token_prefix: z.string().openapi({ description: 'First characters of the token, to tell tokens apart' }),
    active: z.boolean(),
    created_at: z.string().datetime(),
    last_seen_at: z.string().datetime().nullable(),
  })
  .openapi('Staff');

export const CreateStaffBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.string().trim().toLowerCase().email().max(200).optional(),
    role: StaffRoleSchema,
  })
  .strict()
  .openapi('CreateStaff');

export const CreatedStaffSchema = z
  .object({
    staff: StaffSchema,
    token: z.string().openapi({ description: 'The API token. Shown only in this response; store it now.' }),
  })
  .openapi('CreatedStaff');

export const UpdateStaffBody = z.object({ active: z.boolean() }).strict().openapi('UpdateStaff');

export const StaffIdParam = z.object({ id: z.string().min(1).max(64) });
