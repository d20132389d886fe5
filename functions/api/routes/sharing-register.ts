import { Hono } from 'hono';
import { REGISTER_HISTORY_DAYS, sharingRegister } from '../../domain/sharing-register';
import type { AppEnv } from '../env';

export const sharingRegisterRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const register = await sharingRegister(c.var.domain);
  return c.json({
    description: `Every active grant of a shared dataset, and grants that expired or were revoked in the last ${REGISTER_HISTORY_DAYS} days.`,
    generatedAt: c.var.domain.now().toISOString(),
    ...register,
  });
});
