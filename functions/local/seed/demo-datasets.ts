/** Demo datasets for a fresh local exchange: one per tier, from real London publishers. */
export const demoDatasets: Array<{ organisation: string; metadata: Record<string, unknown> }> = [
  {
    organisation: 'gla',
    metadata: {
      name: 'london-borough-profiles',
      title: 'London Borough Profiles and Atlas',
      description:
        'Key statistics for each of the 33 London local authorities: population, households, ethnicity, employment, housing, health and more, gathered by the GLA from official sources.',
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['boroughs', 'profiles', 'population', 'statistics'],
      themes: ['demographics', 'london-government'],
      updateFrequency: 'annual',
      temporalCoverage: { start: '2015-01-01', end: '2017-12-31' },
      spatialCoverage: { gssCodes: ['E12000007'], description: 'Greater London, by local authority' },
      contactPoint: { name: 'GLA City Intelligence', email: 'datastore@london.gov.uk' },
    },
  },
  {
    organisation: 'tfl',
    metadata: {
      name: 'tfl-cycle-hire-usage',
      title: 'Santander Cycles hire usage',
      description: 'Daily counts of Santander Cycles hires across London.',
      tier: 'open',
      licence: 'OGL-UK-3.0',
      keywords: ['cycling', 'cycle hire'],
      themes: ['transport'],
      updateFrequency: 'monthly',
      contactPoint: { name: 'TfL Open Data', email: 'opendata@tfl.gov.uk' },
    },
  },
  {
    organisation: 'demo-mobility',
    metadata: {
      name: 'demo-ev-charger-utilisation',
      title: 'EV charge point utilisation (demo partner data)',
      description: 'Hourly utilisation of on-street charge points, shared with named boroughs under a data sharing agreement. Fictional demo data.',
      tier: 'shared',
      licence: 'proprietary',
      keywords: ['electric vehicles', 'charging'],
      themes: ['transport', 'environment'],
      updateFrequency: 'daily',
      contactPoint: { name: 'Data partnerships', email: 'data@demo-mobility.example' },
    },
  },
  {
    organisation: 'camden',
    metadata: {
      name: 'camden-draft-kerbside-survey',
      title: 'Kerbside survey 2026 (draft)',
      description: 'Draft results of the 2026 kerbside survey; private until checked.',
      tier: 'private',
      licence: 'OGL-UK-3.0',
      keywords: ['parking', 'kerbside'],
      themes: ['transport'],
      updateFrequency: 'irregular',
    },
  },
];
