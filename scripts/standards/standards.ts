import type { KnownRepair } from './parse-source';
import type { StandardDescription } from './csvlint-to-data-schema';
import type { TabularStandard } from './table-schema-to-data-schema';

export interface StandardSource extends StandardDescription {
  /** Under scripts/standards/sources/. */
  file: string;
  repairs: KnownRepair[];
  /**
   * Example values for fields with a pattern, from the standard's own examples (the LGA's
   * example-public-toilets.csv, the brownfield validator's test register, the LGA guidance's
   * template). Each must pass its field's check, or the conversion fails.
   */
  examples: Record<string, string[]>;
}

/** The standards converted to common data schemas (schemas/data/<id>.schema.json). Provenance: sources/README.md. */
export const STANDARDS: readonly StandardSource[] = [
  {
    id: 'transparency-spend-over-500',
    version: '1.0.0',
    title: 'Local Government Transparency Code: expenditure exceeding £500',
    description:
      'One payment in a council\'s spend over £500 (also purchase-card and VCSE grant) file, as the LGA "Spend" schema (LG Inform Plus, major version 0) defines it for the Local Government Transparency Code 2015. Field names are the schema\'s.',
    source: 'the LGA schema esd-org-uk/schemas Spend/Spend.json @ 3e8f808b (UTF-16LE csvlint table schema)',
    file: 'lga-spend/Spend.json',
    dateTimeAs: 'date',
    repairs: [],
    examples: {
      OrganisationURI: ['http://opendatacommunities.org/id/london-borough-council/camden'],
      ServiceCategoryURI: ['http://id.esd.org.uk/service/579'],
    },
  },
  {
    id: 'lodis-public-toilets',
    version: '1.0.0',
    title: 'Public toilets (LGA Local Open Data Incentive Scheme)',
    description:
      "One public toilet, as the LGA public toilets schema (Local Open Data Incentive Scheme, 2014) defines it. Field names are the schema's; encoded lists keep the schema's spellings.",
    source:
      'the LGA schema esd-org-uk/schemas PublicToilets/PublicToilets.json @ 3e8f808b (UTF-8 with BOM, repaired: see repairs in scripts/standards/standards.ts)',
    file: 'lga-public-toilets/PublicToilets.json',
    dateTimeAs: 'date',
    repairs: [
      {
        reason: 'ReportEmail pattern: "\\." is not a JSON string escape; the regular expression means an escaped dot, so the backslash is doubled',
        find: '(?:\\.[a-zA-Z0-9]',
        replace: '(?:\\\\.[a-zA-Z0-9]',
      },
    ],
    examples: {
      ExtractDate: ['24/06/2014', '24/06/2014 09:30'],
      OrganisationURI: ['http://opendatacommunities.org/id/london-borough-council/kensington-and-chelsea'],
      ServiceTypeURI: ['http://id.esd.org.uk/service/579'],
      GeoPointLicensingURL: ['http://www.ordnancesurvey.co.uk/business-and-government/licensing/'],
      InfoURL: ['http://www.rbkc.gov.uk/environmentandtransport/environmentalhealth/publictoilets.aspx'],
      ReportEmail: ['streetscene@rbkc.gov.uk'],
      Postcode: ['W10 5TD', 'SW7 2AR'],
    },
  },
  {
    id: 'brownfield-land-register',
    version: '1.0.0',
    title: 'Brownfield land register (2017 Regulations)',
    description:
      "One site on a local planning authority's brownfield land register, as the July 2017 DCLG data standard for the Town and Country Planning (Brownfield Land Register) Regulations 2017 defines it (iStandUK csvlint schema). Field names are the standard's.",
    source: 'the iStandUK schema iStandUK/BrownfieldLandRegister brownfieldlandregister2017.json @ 00f2a10c',
    file: 'brownfield-land-register-2017/brownfieldlandregister2017.json',
    dateTimeAs: 'date-time',
    repairs: [],
    examples: {
      OrganisationURI: ['http://opendatacommunities.org/id/district-council/winchester'],
      SiteplanURL: ['http://winch.maps.arcgis.com/apps/webappviewer/index.html?id=4c4379c8d2c14f8c81033b4ffd1d4a3b'],
      PlanningHistory: [
        'https://planningapps.winchester.gov.uk/online-applications/search.do?action=simple&searchType=Application',
        'https://planningapps.winchester.gov.uk/a|https://planningapps.winchester.gov.uk/b',
      ],
      SiteInformation: ['https://www.winchester.gov.uk/planning-policy'],
    },
  },
];

const ORUK_SOURCE = 'the Open Referral UK 3.0 data package (OpenReferralUK/uk-profile datapackage.json @ ecdfabf7, HSDS 3.0.0 UK profile)';

/** Tables of Open Referral UK 3.0's tabular data package converted to common data schemas (its core tables). */
export const ORUK_TABLES: readonly TabularStandard[] = [
  {
    id: 'oruk-organizations',
    version: '1.0.0',
    title: 'Open Referral UK: organisations',
    description: "One organisation delivering community services, as the Open Referral UK 3.0 'organization' table defines it. Field names are the standard's.",
    source: ORUK_SOURCE,
    resource: 'organization',
  },
  {
    id: 'oruk-services',
    version: '1.0.0',
    title: 'Open Referral UK: services',
    description:
      "One community service, as the Open Referral UK 3.0 'service' table defines it (organization_id names its organisation). Field names are the standard's.",
    source: ORUK_SOURCE,
    resource: 'service',
  },
  {
    id: 'oruk-locations',
    version: '1.0.0',
    title: 'Open Referral UK: locations',
    description: "One place where services are delivered, as the Open Referral UK 3.0 'location' table defines it. Field names are the standard's.",
    source: ORUK_SOURCE,
    resource: 'location',
  },
  {
    id: 'oruk-service-at-location',
    version: '1.0.0',
    title: 'Open Referral UK: services at locations',
    description:
      "Which service is delivered at which location, as the Open Referral UK 3.0 'service_at_location' table defines it (service_id and location_id name them). Field names are the standard's.",
    source: ORUK_SOURCE,
    resource: 'service_at_location',
  },
];
