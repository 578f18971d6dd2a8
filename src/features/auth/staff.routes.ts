import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems } from '../../lib/openapi.js';
import { CreatedStaffSchema, CreateStaffBody, StaffIdParam, StaffRoleSchema, StaffSchema, UpdateStaffBody } from './staff.schemas.js';

const tags = ['Staff'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }];
const adminProblems = pickProblems(401, 403);

export const listStaffRoute = createRoute({
  method: 'get',
  path: '/api/admin/staff',
  tags,
  security,
  summary: 'List staff members (admin)',
  responses: {
    200: jsonContent(z.object({ items: z.array(StaffSchema) }), 'All staff, oldest first'),
    ...adminProblems,
  },
});

export const createStaffRoute = createRoute({
  method: 'post',
  path: '/api/admin/staff',
  tags,
  security,
  summary: 'Create a staff member and their API token (admin)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateStaffBody } } } },
  responses: {
    201: jsonContent(CreatedStaffSchema, 'Created; the token is shown once'),
    ...adminProblems,
    ...pickProblems(400, 409, 413, 422),
  },
});

export const updateStaffRoute = createRoute({
  method: 'patch',
  path: '/api/admin/staff/{id}',
  tags,
  security,
  summary: 'Activate or deactivate a staff member (admin)',
  request: {
    params: StaffIdParam,
    body: { required: true, content: { 'application/json': { schema: UpdateStaffBody } } },
  },
  responses: {
    200: jsonContent(StaffSchema, 'Updated'),
    ...adminProblems,
    ...pickProblems(400, 404, 409, 422),
  },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags,
  security,
  summary: 'Who the token belongs to (any staff role); the staff pages sign in with it',
  responses: {
    200: jsonContent(z.object({ id: z.string(), name: z.string(), role: StaffRoleSchema }).openapi('Me'), 'The signed-in staff member'),
    ...pickProblems(401),
  },
});
