import type { CkanAction } from '../action-types';
import { licenceDicts } from '../ckan-dicts';

/** license_list: the licences a dataset may carry (the open ones, then proprietary for shared and private data). */
export const licenseList: CkanAction = async () => licenceDicts();
