import { REGISTER_HISTORY_DAYS, sharingRegister } from '../../domain/sharing-register';
import { jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

export const sharingRegisterRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/sharing-register',
    operationId: 'sharingRegister',
    summary: 'The public register of who may use which shared dataset, why and until when',
    tags: ['Sharing'],
    auth: 'public',
    responses: { 200: jsonResponse('Active grants and recently ended ones.', ref('SharingRegister')) },
    handler: async (c) => {
      const register = await sharingRegister(c.var.domain);
      return c.json({
        description: `Every active grant of a shared dataset, and grants that expired or were revoked in the last ${REGISTER_HISTORY_DAYS} days.`,
        generatedAt: c.var.domain.now().toISOString(),
        ...register,
      });
    },
  }),
];
