import { createRouter } from '../../lib/openapi.js';
import { currentStaff, requireRole } from './auth.middleware.js';
import { createStaff, listStaff, setStaffActive, type StaffView } from './auth.service.js';
import { createStaffRoute, listStaffRoute, meRoute, updateStaffRoute } from './staff.routes.js';

const toJson = (s: StaffView) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  role: s.role,
  token_prefix: s.tokenPrefix,
  active: s.active,
  created_at: s.createdAt.toISOString(),
  last_seen_at: s.lastSeenAt?.toISOString() ?? null,
});

export const staffRouter = createRouter();
staffRouter.use('/api/admin/staff/*', requireRole('admin'));

staffRouter
  .openapi(meRoute, (c) => {
    const { id, name, role } = currentStaff(c);
    return c.json({ id, name, role }, 200);
  })
  .openapi(listStaffRoute, async (c) => {
    const items = await listStaff(c.var.deps.db);
    return c.json({ items: items.map(toJson) }, 200);
  })
  .openapi(createStaffRoute, async (c) => {
    const body = c.req.valid('json');
    const { staff, token } = await createStaff(c.var.deps, body, c.var.staff?.id ?? null);
    return c.json({ staff: toJson(staff), token }, 201);
  })
  .openapi(updateStaffRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { active } = c.req.valid('json');
    const staff = await setStaffActive(c.var.deps, id, active, currentStaff(c));
    return c.json(toJson(staff), 200);
  });
