import { getDataset } from '../../domain/datasets';
import type { CkanAction } from '../action-types';
import { ckanValidationError } from '../errors';
import { loadPackage } from '../package-loader';
import { textParam } from '../params';

/** package_show: one dataset by id or name; one the caller may not see is "Not found", like one that never existed. */
export const packageShow: CkanAction = async (ctx, params) => {
  const reference = textParam(params, 'id') || textParam(params, 'name_or_id');
  if (!reference) throw ckanValidationError({ name_or_id: ['Missing value'] });
  return loadPackage(ctx, await getDataset(ctx.domain, ctx.caller, reference.trim()));
};
