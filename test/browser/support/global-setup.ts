import { findChromium } from './chromium';

/**
 * Jest's globalSetup: unpacks the npm-shipped Chromium once, before any test worker starts, so the
 * first browser test's beforeAll is not charged for it (it would count against the hook timeout)
 * and parallel workers do not each unpack a copy. Later runs find it unpacked and return at once.
 */
export default async (): Promise<void> => {
  await findChromium();
};
