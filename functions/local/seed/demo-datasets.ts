import { demoChargePointUse, demoKerbsideSurvey } from './demo-data';

/**
 * Fictional datasets that demonstrate the sharing tiers: a partner's shared data and a borough's
 * private draft. Their titles and descriptions say they are made up, and so is their data
 * (demo-data.ts). The real datasets are in real-datasets.ts.
 */
export const demoDatasets: Array<{ organisation: string; metadata: Record<string, unknown>; resource: { name: string; title: string; csv: () => string } }> = [
  {
    organisation: 'demo-mobility',
    metadata: {
      name: 'demo-ev-charger-utilisation',
      title: 'EV charge point utilisation (fictional demo partner data)',
      description:
        'Daily use of on-street charge points, shared with named boroughs under a data sharing agreement. FICTIONAL: the partner, the charge points and every number are made up to demonstrate shared data; none describes a real charge point.',
      tier: 'shared',
      licence: 'proprietary',
      keywords: ['electric vehicles', 'charging', 'demo data'],
      themes: ['transport', 'environment'],
      updateFrequency: 'daily',
      contactPoint: { name: 'Data partnerships', email: 'data@demo-mobility.example' },
    },
    resource: { name: 'daily-use', title: 'Daily use per charge point (fictional)', csv: demoChargePointUse },
  },
  {
    organisation: 'camden',
    metadata: {
      name: 'camden-draft-kerbside-survey',
      title: 'Kerbside survey 2026 (draft, fictional demo data)',
      description: 'Draft results of a kerbside survey; private until checked. FICTIONAL: made-up street segments and counts that demonstrate a private draft.',
      tier: 'private',
      licence: 'OGL-UK-3.0',
      keywords: ['parking', 'kerbside', 'demo data'],
      themes: ['transport'],
      updateFrequency: 'irregular',
    },
    resource: { name: 'bays', title: 'Bays by street segment (fictional)', csv: demoKerbsideSurvey },
  },
];
