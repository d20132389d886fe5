/**
 * Generated from the exchange's OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with `npm run generate:client`; test/cli/typed-client.test.ts fails when this differs
 * from the document the exchange serves.
 */
export type paths = {
  '/api/v1/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search and list datasets
     * @description Full-text search with filters, facets and cursor paging. Only datasets the caller may see are returned or counted.
     */
    get: operations['searchDatasets'];
    put?: never;
    /**
     * Create a dataset
     * @description Needs an editor or admin token; the dataset belongs to the token’s organisation. New datasets are private unless a tier is given; open datasets need an open licence.
     */
    post: operations['createDataset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a dataset */
    get: operations['getDataset'];
    put?: never;
    post?: never;
    /** Delete a dataset (admin; the name is never reused) */
    delete: operations['deleteDataset'];
    options?: never;
    head?: never;
    /**
     * Update a dataset (JSON Merge Patch)
     * @description A harvested dataset (one with `provenance`) is changed at its source: only keywords and themes can be added here (kept apart in `localAdditions` and kept by its next runs); any other field, or leaving out a value its source gives, is a 409 naming the source.
     */
    patch: operations['updateDataset'];
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/access-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Access requests (the publisher sees all; a requester its own) */
    get: operations['listAccessRequests'];
    put?: never;
    /** Ask the publisher of a shared dataset for access */
    post: operations['requestAccess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/access-requests/{request}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a request: creates the grant (publisher’s admins) */
    post: operations['approveAccessRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/access-requests/{request}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline a request, with a reason (publisher’s admins) */
    post: operations['declineAccessRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who read or changed this dataset’s data and terms (publisher’s admins) */
    get: operations['auditLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/datapackage.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Frictionless Data Package of a dataset
     * @description Each published resource with its Table Schema (describing the normalised CSV) and the CSV download URL as its path. Only for callers who may read the data: others who may see the dataset get 401/403 and are pointed at its access request page.
     */
    get: operations['dataPackage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Grants on a dataset (publisher’s members) */
    get: operations['listGrants'];
    put?: never;
    /**
     * Grant an organisation access to a shared dataset (publisher’s admins)
     * @description An organisation holds at most one active grant per dataset: while one is active, another answers 409 with its `grantId` and `expiresAt` in the error details. Revoke it to grant new terms; an expired or revoked grant does not block a new one.
     */
    post: operations['createGrant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/grants/{org}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an organisation’s active grant (publisher’s admins) */
    delete: operations['revokeGrant'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the resources of a dataset
     * @description Each resource with its state, the download formats of its current version, row count, size, common data schema and links. Resources are metadata, shown to whoever may see the dataset; the links to data check data access.
     */
    get: operations['listResources'];
    put?: never;
    /** Add a resource (a file slot) to a dataset */
    post: operations['createResource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a resource, its current version and Table Schema */
    get: operations['getResource'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/data': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Upload a file directly (at most 4194304 bytes)
     * @description The file becomes the next version once ingest has validated it; a failed upload leaves the previous version live. Poll the upload, or the resource, for the outcome.
     */
    put: operations['uploadData'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a file of a version
     * @description Redirects to a short-lived link (at most 5 minutes, never beyond the caller’s grant). Downloads of shared and private data are audited.
     */
    get: operations['download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/map.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A map of a published resource, as SVG
     * @description A resource with a column of London borough GSS codes (E09…) is drawn as a choropleth of a numeric column (`column`; default the first numeric one), in five quantile classes of a colour-blind-safe sequential palette. A resource with latitude/longitude or easting/northing (British National Grid) columns, or GeoJSON point features, is drawn as points over the borough outlines, counted in 1 km squares when there are more than 400. Drawn by the exchange from its own boundary file (ONS, Open Government Licence): no tiles, scripts or fonts from elsewhere. Rows are read through the same gate as row queries; reads of shared and private data are audited.
     */
    get: operations['drawResourceMap'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/multipart-uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a multipart upload of a large file (resumable)
     * @description Then GET its `parts` link for a presigned URL per part, PUT each part there, report each ETag with PUT .../parts/{part}, and POST `complete`. After an interruption, GET the parts again: the stored ones are listed, the missing ones come with fresh URLs.
     */
    post: operations['startMultipartUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/rows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Filter, sort and page the rows of a published tabular resource, or aggregate them
     * @description Served from the version’s Parquet. Column names are checked against the resource’s Table Schema; values are always bound parameters. Row reads of shared and private data are audited.
     */
    get: operations['queryRows'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/schema': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Table Schema of a resource’s current version
     * @description A Frictionless Table Schema describing the normalised CSV download (format=csv): numbers bare, dates and datetimes in ISO 8601, booleans true/false, empty cells missing. 404 before the first published version.
     */
    get: operations['getResourceSchema'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/schema-suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The common standards a resource’s data most likely follows, and what would fail if it declared them
     * @description Standards whose fields match the file’s headers (compared without case, spaces or punctuation; at least half of the required fields present), best first; the best three are validated against the file as an upload declaring them would be. The problems quote cells: like a validation report, this reads the data, under the same policy and audit.
     */
    get: operations['suggestSchemas'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/sql': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Run one read-only SELECT over a published tabular resource
     * @description One SELECT over the resource's current version, as a table named by the resource (its name, or the id used in the path): `SELECT borough, avg(value) FROM readings GROUP BY borough`. The statement is parsed by DuckDB before it runs and refused (400, `details.reason` says why) unless it is a single SELECT reading only that table, with no table functions, no file or URL access, no system tables or settings. It runs with a 10 s timeout (504), at most 10000 rows (`truncated` says when there were more) and 5 MB (413). The table has the resource's columns and its row number as `_id`. Reads of shared and private data are audited.
     */
    get: operations['querySql'];
    put?: never;
    /**
     * Run one read-only SELECT (sent in a JSON body, for statements too long for a URL)
     * @description One SELECT over the resource's current version, as a table named by the resource (its name, or the id used in the path): `SELECT borough, avg(value) FROM readings GROUP BY borough`. The statement is parsed by DuckDB before it runs and refused (400, `details.reason` says why) unless it is a single SELECT reading only that table, with no table functions, no file or URL access, no system tables or settings. It runs with a 10 s timeout (504), at most 10000 rows (`truncated` says when there were more) and 5 MB (413). The table has the resource's columns and its row number as `_id`. Reads of shared and private data are audited.
     */
    post: operations['querySqlPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a presigned upload for a large file (at most 5368709120 bytes) */
    post: operations['startUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Follow an upload */
    get: operations['getUpload'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Assemble a multipart upload from its stored parts; ingest follows
     * @description Every part must have been reported (409 lists the missing ones). Completing again is harmless. Follow the upload for the version it becomes.
     */
    post: operations['completeMultipartUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The parts of a multipart upload: stored, and missing with fresh URLs */
    get: operations['listUploadParts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/uploads/{upload}/parts/{part}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Report a part the object store has accepted (its ETag) */
    put: operations['recordUploadPart'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version of a resource (immutable) */
    get: operations['listVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/resources/{resource}/versions/{version}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The validation report of a version
     * @description Quotes cell values, so it is data: it needs data access, and reads of shared and private data are audited.
     */
    get: operations['validationReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/datasets/{dataset}/table-references': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Check the references between the standard tables a dataset holds (e.g. each Open Referral UK service’s organization_id)
     * @description Each resource declaring a table of a multi-table standard is one table; every reference its standard declares (a service’s organization_id to an organisation’s id, a service_at_location’s service_id and location_id) is looked up in the current data of the dataset’s resources declaring the referenced table. Broken references are named by the standard’s fields, with their row. The problems quote cells: this reads the data, under the same policy and audit as a validation report.
     */
    get: operations['checkTableReferences'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who the credential stands for
     * @description The organisation and role the caller acts for, the token used, and, for a person (a personal token), who they are and every organisation they belong to.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your personal tokens (a person’s credential) */
    get: operations['listPersonalTokens'];
    put?: never;
    /** Create a personal token (at most your role; dies with your membership) */
    post: operations['issuePersonalToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/tokens/{tokenId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke one of your personal tokens */
    delete: operations['revokePersonalToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This OpenAPI 3.1 document */
    get: operations['openApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List organisations */
    get: operations['listOrganisations'];
    put?: never;
    /** Create an organisation (platform administrator) */
    post: operations['createOrganisation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an organisation */
    get: operations['getOrganisation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/harvest-sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the organisation’s harvest sources (organisation admins) */
    get: operations['listHarvestSources'];
    put?: never;
    /** Register a catalogue to harvest (organisation admins) */
    post: operations['createHarvestSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/harvest-sources/{source}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a harvest source (organisation admins) */
    get: operations['getHarvestSource'];
    put?: never;
    post?: never;
    /** Remove a harvest source (organisation admins; its datasets stay) */
    delete: operations['deleteHarvestSource'];
    options?: never;
    head?: never;
    /** Change a harvest source (JSON Merge Patch; organisation admins) */
    patch: operations['updateHarvestSource'];
    trace?: never;
  };
  '/api/v1/organisations/{org}/harvest-sources/{source}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a source’s runs, oldest first (organisation admins) */
    get: operations['listHarvestRuns'];
    put?: never;
    /**
     * Harvest the source now (organisation admins)
     * @description In AWS the run is queued for the harvester functions, as a scheduled run is, and the answer is 202 at once with the run record (`running`) and its address in `Location`: follow it (GET …/runs/{run}) until it is `completed` or `incomplete`. Locally the run is taken in-process and the answer, 201, is the finished run. A record the exchange cannot take is an entry of `errors`; a page that cannot be read ends paging and makes the run `incomplete`, which withdraws nothing. 409 while another run of the source (scheduled or started here) is in progress.
     */
    post: operations['runHarvestSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/harvest-sources/{source}/runs/{run}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a run (organisation admins) */
    get: operations['getHarvestRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the organisation’s members and open invitations (admins) */
    get: operations['listMembers'];
    put?: never;
    /**
     * Invite a person by email (admins)
     * @description Makes a single-use link, valid for 7 days, for the person with that email address (as their identity provider verifies it) to join with the role given. The exchange sends no mail: pass the link on (it is also logged).
     */
    post: operations['inviteMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/members/{person}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a member (admins; or a person leaving)
     * @description The member’s sessions and personal tokens for the organisation stop at once. The last admin cannot be removed (409).
     */
    delete: operations['removeMember'];
    options?: never;
    head?: never;
    /**
     * Change a member’s role (admins)
     * @description Applies from the member’s next request, to their sessions and personal tokens. The organisation’s last admin cannot be demoted (409).
     */
    patch: operations['changeMemberRole'];
    trace?: never;
  };
  '/api/v1/organisations/{org}/members/{person}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Sign a member out everywhere (admins)
     * @description Ends every browser session the member has now; they can sign in again. Their personal tokens are revoked separately.
     */
    delete: operations['endMemberSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages to the organisation about the standards its datasets declare (its members) */
    get: operations['listNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/notifications/{notification}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a notification read, for every member of the organisation (its members) */
    post: operations['markNotificationRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the organisation’s tokens (admins; never the secrets)
     * @description Every token issued for the organisation, revoked and expired ones included. `lastUsedAt` is recorded at most once every five minutes per token.
     */
    get: operations['listTokens'];
    put?: never;
    /** Issue an API token (returned once; stored hashed) */
    post: operations['issueToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organisations/{org}/tokens/{tokenId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a token (admins)
     * @description The token is refused from the very next request, and every browser session signed in with it ends. Revoking a revoked token changes nothing.
     */
    delete: operations['revokeToken'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Common data schemas and metadata schemas */
    get: operations['listSchemas'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One JSON Schema document */
    get: operations['getSchema'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/conformance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who publishes data to a standard across London: every borough, and any other organisation that publishes to it */
    get: operations['getSchemaConformance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The events of a standard: each version proposed or published, oldest first
     * @description The same events the exchange puts on its EventBridge bus (source `london-data-exchange`, detail-types `Schema version proposed` and `Schema version published`), for systems that poll instead: keep the `next` link and follow it later for what came since. Each event names only the declaring datasets the caller may see. Up to 1000 a page.
     */
    get: operations['listSchemaEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/stewards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organisations that look after a standard */
    get: operations['getSchemaStewards'];
    /** Appoint the stewards of a standard (platform administrator) */
    put: operations['appointSchemaStewards'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version of a common data schema, with its change and status */
    get: operations['listSchemaVersions'];
    put?: never;
    /** Propose a new version (stewards’ admins, platform administrator); checked against every declaring dataset */
    post: operations['proposeSchemaVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One version: its schema, the differences from the version before and its impact */
    get: operations['getSchemaVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/schemas/{schema}/versions/{version}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Publish a proposed version and notify the publishers whose datasets declare the schema */
    post: operations['publishSchemaVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sharing-register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public register of who may use which shared dataset, why and until when */
    get: operations['sharingRegister'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/catalog.jsonld': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** DCAT-AP catalogue as JSON-LD, paged with Hydra */
    get: operations['dcatApCatalog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/catalog.rdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * DCAT-AP catalogue as RDF/XML, paged with Hydra
     * @description The triples of /catalog.jsonld, written as RDF/XML: the same page, datasets and hydra:PartialCollectionView links (to this address).
     */
    get: operations['dcatApCatalogRdfXml'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/catalog.ttl': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * DCAT-AP catalogue as Turtle, paged with Hydra
     * @description The triples of /catalog.jsonld, written as Turtle: the same page, datasets and hydra:PartialCollectionView links (to this address).
     */
    get: operations['dcatApCatalogTurtle'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/catalog/data.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * DCAT-US 1.1 catalogue (data.json)
     * @description Every dataset the caller may see. accessLevel follows the tier (open: public, shared: restricted public, private: non-public). downloadURL appears only for data the caller may read; shared data offers an accessURL to its page instead.
     */
    get: operations['dcatUsCatalog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/data.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * DCAT-US 1.1 catalogue at the site root, where harvesters look
     * @description Every dataset the caller may see. accessLevel follows the tier (open: public, shared: restricted public, private: non-public). downloadURL appears only for data the caller may read; shared data offers an accessURL to its page instead.
     */
    get: operations['dcatUsCatalogAtRoot'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dataset/{name}.jsonld': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One dataset as DCAT-AP JSON-LD */
    get: operations['dcatApDataset'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    AccessRequest: {
      /** Format: date-time */
      created: string;
      createdBy: string;
      /** Format: uuid */
      datasetId: string;
      /** Format: date-time */
      decidedAt?: string;
      decidedBy?: string;
      /** Format: uuid */
      grantId?: string;
      /** @enum {string} */
      lawfulBasis: 'not-personal-data' | 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
      organisation: string;
      purpose: string;
      reason?: string;
      requestedDays: number;
      /** Format: uuid */
      requestId: string;
      /** @enum {string} */
      state: 'pending' | 'approved' | 'declined';
    };
    /**
     * AccessRequestApproval
     * @description A publisher's approval of an access request: the agreement, and optionally an earlier expiry than requested.
     */
    AccessRequestApproval: {
      /** @description The data sharing agreement. */
      agreementReference: string;
      /** @description May shorten, never lengthen, the requested period. */
      expiresAt?: string;
    };
    /**
     * AccessRequestDecline
     * @description A publisher's refusal of an access request, with the reason the requester is shown.
     */
    AccessRequestDecline: {
      /** @description Why, for the requester. */
      reason: string;
    };
    /**
     * AccessRequestInput
     * @description A request to a shared dataset's publisher for access.
     */
    AccessRequestInput: {
      /** @enum {string} */
      lawfulBasis: 'not-personal-data' | 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
      /** @description What the data will be used for. */
      purpose: string;
      requestedDays: number;
    };
    AccessRequestList: {
      count: number;
      results: components['schemas']['AccessRequest'][];
    };
    AuditEntry: {
      /** @description e.g. data.download, data.rows, grant.created, dataset.tier-changed */
      action: string;
      actor: {
        /** @enum {string} */
        kind: 'anonymous' | 'platform-admin' | 'member';
        organisation?: string;
        /** @description The person’s name and email address when the entry was made. */
        person?: string;
        /** @description The person who acted (signed in, or through their personal token). */
        personId?: string;
        role?: string;
        /** @description A service token’s name. */
        service?: string;
        tokenId?: string;
      };
      /** Format: date-time */
      at: string;
      auditId: string;
      /** Format: uuid */
      datasetId: string;
      details?: Record<string, never>;
      route: string;
    };
    AuditLog: {
      count: number;
      /** Format: uri */
      next?: string | null;
      results: components['schemas']['AuditEntry'][];
    };
    /** @description A Frictionless Data Package (https://datapackage.org/standard/data-package/): one resource per published file, each with its Table Schema and the URL of its normalised CSV. The full rules are the Data Package profile. */
    DataPackage: {
      /** Format: uri */
      $schema?: string;
      contributors?: Record<string, never>[];
      /** Format: date-time */
      created?: string;
      description?: string;
      /** Format: uri */
      homepage?: string;
      /** Format: uri */
      id?: string;
      keywords?: string[];
      licenses?: {
        name?: string;
        /** Format: uri */
        path?: string;
        title?: string;
      }[];
      name: string;
      resources: {
        description?: string;
        /** @constant */
        encoding?: 'utf-8';
        /** @constant */
        format?: 'csv';
        /** @constant */
        mediatype?: 'text/csv';
        name: string;
        /**
         * Format: uri
         * @description The CSV download: redirects to a short-lived link; send the same bearer token.
         */
        path: string;
        schema?: components['schemas']['TableSchema'];
        title?: string;
        /** @constant */
        type?: 'table';
      }[];
      title?: string;
    };
    /**
     * Dataset
     * @description A dataset in the London Data Exchange catalogue, aligned with DCAT (dcat:Dataset). Fields marked readOnly are set by the exchange and are refused in requests.
     */
    Dataset: {
      /** @description dcat:contactPoint */
      contactPoint?: {
        /** Format: email */
        email: string;
        /** @description A team or role, not a person's name. */
        name?: string;
      };
      /** Format: date-time */
      readonly created?: string;
      /** @description Short id of the common data schema the dataset's rows follow, e.g. air-quality-readings. */
      dataSchema?: string;
      /** @description The versions of the common data schema the rows follow, as a semantic-version range (such as ^2.0.0); default: compatible versions of the version first shipped. A breaking version applies only when the range includes it. */
      dataSchemaVersion?: string;
      /** @description dct:description, plain text or Markdown. */
      description?: string;
      /** @description Stable identifier (UUID), set by the exchange. */
      readonly id?: string;
      /** @description dcat:keyword */
      keywords?: string[];
      /**
       * @description dct:license. Open datasets need an open licence; 'proprietary' is for shared or private data under an agreement; 'other' only for a harvested record whose source's licence the exchange does not recognise (its words are provenance.licenceAtSource: check the source's terms).
       * @enum {string}
       */
      licence: 'OGL-UK-3.0' | 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC0-1.0' | 'ODbL-1.0' | 'OGL-UK-2.0' | 'proprietary' | 'other';
      /** @description Files a harvested dataset links to at its source (not copied into the exchange). */
      readonly linkedResources?: {
        /** @description The link checker's last visit to the URL: a dead link has ok false. */
        check?: {
          /** Format: date-time */
          checkedAt: string;
          contentType?: string;
          error?: string;
          ok: boolean;
          sizeBytes?: number;
          status?: number;
        };
        description?: string;
        format?: string;
        mediaType?: string;
        sizeBytes?: number;
        title: string;
        url: string;
      }[];
      /** @description Of a harvested dataset's keywords and themes, those added on the exchange (by a PATCH of keywords or themes); the rest come from its source. The next run keeps them. */
      readonly localAdditions?: {
        /** @description Also among keywords, which is checked as any dataset's. */
        keywords?: string[];
        /** @description Also among themes, which is checked as any dataset's. */
        themes?: string[];
      };
      /** Format: date-time */
      readonly modified?: string;
      /** @description URL name (slug): lower-case letters, digits and hyphens, at most 100 characters. Fixed once created, so URLs stay stable. */
      name: string;
      /** @description Publishing organisation (dct:publisher), taken from the caller's token. */
      readonly organisation?: string;
      /** @description Set on datasets a harvest source wrote: where the record came from. Such a dataset is changed only by its source's runs. */
      readonly provenance?: {
        /** @description Other sources the same dataset was harvested from. */
        alsoHarvestedFrom?: {
          /** @description The exchange name of that source's record. */
          dataset: string;
          identifier: string;
          /** @enum {string} */
          matchedBy: 'identifier' | 'url' | 'title-and-publisher';
          recordUrl?: string;
          sourceId: string;
          sourceKind: string;
        }[];
        contentHash: string;
        /** @description The dataset (harvested earlier from another source) this record is the same as; such a record is out of search, listings and feeds. */
        duplicateOf?: string;
        /** Format: date-time */
        firstHarvested: string;
        identifier: string;
        lastChangedAtSource?: string;
        /** Format: date-time */
        lastHarvested: string;
        licenceAtSource?: string;
        /**
         * Format: date-time
         * @description Set while the source has not changed the dataset for longer than its update frequency promises (half a period's grace).
         */
        overdueSince?: string;
        /** @description The publisher's name as the source gives it. */
        publisher?: string;
        recordUrl?: string;
        sourceId: string;
        /** @enum {string} */
        sourceKind: 'ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft';
        /**
         * Format: date-time
         * @description When a completed run no longer saw the record at the source.
         */
        withdrawnAt?: string;
      };
      /** @description dct:spatial */
      spatialCoverage?: {
        description?: string;
        /** @description ONS GSS codes of the areas covered, e.g. E09000007 (Camden), E12000007 (London). */
        gssCodes?: string[];
      };
      /** @description dct:temporal: the period the data covers. */
      temporalCoverage?: {
        /** Format: date */
        end?: string;
        /** Format: date */
        start: string;
      };
      /** @description dcat:theme, from the exchange's theme list. */
      themes?: (
        | 'arts-and-culture'
        | 'business-and-economy'
        | 'crime-and-community-safety'
        | 'demographics'
        | 'education'
        | 'employment-and-skills'
        | 'environment'
        | 'health'
        | 'housing'
        | 'income-poverty-and-welfare'
        | 'planning'
        | 'sport'
        | 'transport'
        | 'london-government'
      )[];
      /**
       * @description Sharing tier: open (public data), shared (public metadata, data only for named organisations), private (publisher only). New datasets are private until the publisher chooses.
       * @default private
       * @enum {string}
       */
      tier?: 'open' | 'shared' | 'private';
      /** @description dct:title */
      title: string;
      /**
       * @description dct:accrualPeriodicity
       * @enum {string}
       */
      updateFrequency?: 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'biannual' | 'annual' | 'irregular' | 'never';
      /** @description Record version; the ETag. Send it back in If-Match to update. */
      readonly version?: number;
    };
    DatasetListing: {
      /** @description Matching datasets the caller may see, over all pages. */
      count: number;
      /** @description Counts per value, computed after the tier policy: a dataset the caller may not see is never counted. */
      facets: {
        [key: string]: {
          count: number;
          value: string;
        }[];
      };
      /**
       * Format: uri
       * @description The next page, or null on the last.
       */
      next: string | null;
      results: components['schemas']['DatasetRecord'][];
    };
    /**
     * DatasetPatch
     * @description JSON Merge Patch (RFC 7396) of https://data.london.gov.uk/ldx/schemas/metadata/dataset/1.0.0: send only the fields to change; null removes an optional field. The name cannot change; changing the tier needs an admin token.
     */
    DatasetPatch: {
      contactPoint?: {
        /** Format: email */
        email: string;
        /** @description A team or role, not a person's name. */
        name?: string;
      } | null;
      dataSchema?: string | null;
      dataSchemaVersion?: string | null;
      description?: string | null;
      keywords?: string[] | null;
      licence?: ('OGL-UK-3.0' | 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC0-1.0' | 'ODbL-1.0' | 'OGL-UK-2.0' | 'proprietary' | 'other') | null;
      name?: string | null;
      spatialCoverage?: {
        description?: string;
        /** @description ONS GSS codes of the areas covered, e.g. E09000007 (Camden), E12000007 (London). */
        gssCodes?: string[];
      } | null;
      temporalCoverage?: {
        /** Format: date */
        end?: string;
        /** Format: date */
        start: string;
      } | null;
      themes?:
        | (
            | 'arts-and-culture'
            | 'business-and-economy'
            | 'crime-and-community-safety'
            | 'demographics'
            | 'education'
            | 'employment-and-skills'
            | 'environment'
            | 'health'
            | 'housing'
            | 'income-poverty-and-welfare'
            | 'planning'
            | 'sport'
            | 'transport'
            | 'london-government'
          )[]
        | null;
      tier?: ('open' | 'shared' | 'private') | null;
      title?: string | null;
      updateFrequency?: ('continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'biannual' | 'annual' | 'irregular' | 'never') | null;
    };
    /**
     * DatasetRecord
     * @description Dataset as the API returns it: the fields of https://data.london.gov.uk/ldx/schemas/metadata/dataset/1.0.0, its record version and links.
     */
    DatasetRecord: {
      /** @description dcat:contactPoint */
      contactPoint?: {
        /** Format: email */
        email: string;
        /** @description A team or role, not a person's name. */
        name?: string;
      };
      /** Format: date-time */
      readonly created: string;
      /** @description Short id of the common data schema the dataset's rows follow, e.g. air-quality-readings. */
      dataSchema?: string;
      /** @description The versions of the common data schema the rows follow, as a semantic-version range (such as ^2.0.0); default: compatible versions of the version first shipped. A breaking version applies only when the range includes it. */
      dataSchemaVersion?: string;
      /** @description dct:description, plain text or Markdown. */
      description?: string;
      /** @description Stable identifier (UUID), set by the exchange. */
      readonly id: string;
      /** @description dcat:keyword */
      keywords?: string[];
      /**
       * @description dct:license. Open datasets need an open licence; 'proprietary' is for shared or private data under an agreement; 'other' only for a harvested record whose source's licence the exchange does not recognise (its words are provenance.licenceAtSource: check the source's terms).
       * @enum {string}
       */
      licence: 'OGL-UK-3.0' | 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC0-1.0' | 'ODbL-1.0' | 'OGL-UK-2.0' | 'proprietary' | 'other';
      /** @description Files a harvested dataset links to at its source (not copied into the exchange). */
      readonly linkedResources?: {
        /** @description The link checker's last visit to the URL: a dead link has ok false. */
        check?: {
          /** Format: date-time */
          checkedAt: string;
          contentType?: string;
          error?: string;
          ok: boolean;
          sizeBytes?: number;
          status?: number;
        };
        description?: string;
        format?: string;
        mediaType?: string;
        sizeBytes?: number;
        title: string;
        url: string;
      }[];
      links: {
        /** Format: uri */
        html: string;
        /** Format: uri */
        organisation: string;
        /** Format: uri */
        resources: string;
        /** Format: uri */
        self: string;
      };
      /** @description Of a harvested dataset's keywords and themes, those added on the exchange (by a PATCH of keywords or themes); the rest come from its source. The next run keeps them. */
      readonly localAdditions?: {
        /** @description Also among keywords, which is checked as any dataset's. */
        keywords?: string[];
        /** @description Also among themes, which is checked as any dataset's. */
        themes?: string[];
      };
      /** Format: date-time */
      readonly modified: string;
      /** @description URL name (slug): lower-case letters, digits and hyphens, at most 100 characters. Fixed once created, so URLs stay stable. */
      name: string;
      /** @description Publishing organisation (dct:publisher), taken from the caller's token. */
      readonly organisation: string;
      /** @description Set on datasets a harvest source wrote: where the record came from. Such a dataset is changed only by its source's runs. */
      readonly provenance?: {
        /** @description Other sources the same dataset was harvested from. */
        alsoHarvestedFrom?: {
          /** @description The exchange name of that source's record. */
          dataset: string;
          identifier: string;
          /** @enum {string} */
          matchedBy: 'identifier' | 'url' | 'title-and-publisher';
          recordUrl?: string;
          sourceId: string;
          sourceKind: string;
        }[];
        contentHash: string;
        /** @description The dataset (harvested earlier from another source) this record is the same as; such a record is out of search, listings and feeds. */
        duplicateOf?: string;
        /** Format: date-time */
        firstHarvested: string;
        identifier: string;
        lastChangedAtSource?: string;
        /** Format: date-time */
        lastHarvested: string;
        licenceAtSource?: string;
        /**
         * Format: date-time
         * @description Set while the source has not changed the dataset for longer than its update frequency promises (half a period's grace).
         */
        overdueSince?: string;
        /** @description The publisher's name as the source gives it. */
        publisher?: string;
        recordUrl?: string;
        sourceId: string;
        /** @enum {string} */
        sourceKind: 'ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft';
        /**
         * Format: date-time
         * @description When a completed run no longer saw the record at the source.
         */
        withdrawnAt?: string;
      };
      /** @description Its resources in short (single-dataset reads only). */
      readonly resources?: components['schemas']['ResourceSummary'][];
      /** @description dct:spatial */
      spatialCoverage?: {
        description?: string;
        /** @description ONS GSS codes of the areas covered, e.g. E09000007 (Camden), E12000007 (London). */
        gssCodes?: string[];
      };
      /** @description dct:temporal: the period the data covers. */
      temporalCoverage?: {
        /** Format: date */
        end?: string;
        /** Format: date */
        start: string;
      };
      /** @description dcat:theme, from the exchange's theme list. */
      themes?: (
        | 'arts-and-culture'
        | 'business-and-economy'
        | 'crime-and-community-safety'
        | 'demographics'
        | 'education'
        | 'employment-and-skills'
        | 'environment'
        | 'health'
        | 'housing'
        | 'income-poverty-and-welfare'
        | 'planning'
        | 'sport'
        | 'transport'
        | 'london-government'
      )[];
      /**
       * @description Sharing tier: open (public data), shared (public metadata, data only for named organisations), private (publisher only). New datasets are private until the publisher chooses.
       * @default private
       * @enum {string}
       */
      tier: 'open' | 'shared' | 'private';
      /** @description dct:title */
      title: string;
      /**
       * @description dct:accrualPeriodicity
       * @enum {string}
       */
      updateFrequency?: 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'biannual' | 'annual' | 'irregular' | 'never';
      /** @description Record version; the ETag. Send it back in If-Match to update. */
      readonly version: number;
    };
    /** @description A DCAT-US 1.1 catalogue (Project Open Data data.json, non-federal schema: https://project-open-data.cio.gov/v1.1/schema/catalog.json). */
    DcatUsCatalog: {
      /** Format: uri */
      '@context'?: string;
      /** Format: uri */
      '@id'?: string;
      /** @constant */
      '@type'?: 'dcat:Catalog';
      /** @constant */
      conformsTo: 'https://project-open-data.cio.gov/v1.1/schema';
      dataset: Record<string, never>[];
      /** Format: uri */
      describedBy?: string;
    };
    /**
     * Error
     * @description The one error shape every /api/v1 route uses.
     * @example {
     *       "error": {
     *         "code": "validation_failed",
     *         "message": "Invalid field 'licence': must be one of: OGL-UK-3.0, CC-BY-4.0",
     *         "details": {
     *           "fields": [
     *             {
     *               "field": "licence",
     *               "message": "must be one of: OGL-UK-3.0, CC-BY-4.0"
     *             }
     *           ]
     *         }
     *       }
     *     }
     */
    Error: {
      error: {
        /** @enum {string} */
        code:
          | 'bad_request'
          | 'malformed_json'
          | 'validation_failed'
          | 'unauthorized'
          | 'forbidden'
          | 'not_found'
          | 'method_not_allowed'
          | 'conflict'
          | 'precondition_failed'
          | 'precondition_required'
          | 'payload_too_large'
          | 'unsupported_media_type'
          | 'query_timeout'
          | 'internal_error'
          | 'service_unavailable';
        /** @description Machine-readable detail, e.g. `fields` for validation_failed. */
        details?: {
          fields?: {
            field: string;
            message: string;
          }[];
        };
        /** @description For people: what went wrong and what to do. */
        message: string;
      };
    };
    Grant: {
      /** Format: uuid */
      accessRequestId?: string;
      agreementReference: string;
      /** Format: uuid */
      datasetId: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      grantedAt: string;
      grantedBy: string;
      /** Format: uuid */
      grantId: string;
      /** @enum {string} */
      lawfulBasis: 'not-personal-data' | 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
      organisation: string;
      publisher: string;
      purpose: string;
      /** Format: date-time */
      revokedAt?: string;
      revokedBy?: string;
      /**
       * @description Its status now (in grant lists and on creation).
       * @enum {string}
       */
      status?: 'active' | 'expired' | 'revoked';
    };
    /**
     * GrantInput
     * @description The terms of a grant of access to a shared dataset, as a publisher's admin sends them. The exchange also checks that expiresAt is in the future and at most 730 days ahead, and that the organisation exists and is not the publisher.
     */
    GrantInput: {
      /** @description The data sharing agreement. */
      agreementReference: string;
      /** @description ISO 8601 date or date-time with offset, in the future, at most 730 days ahead. */
      expiresAt: string;
      /**
       * @description UK GDPR Article 6(1) lawful basis, or not-personal-data.
       * @enum {string}
       */
      lawfulBasis: 'not-personal-data' | 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
      /** @description The organisation being granted access. */
      organisation: string;
      /** @description What the data will be used for. */
      purpose: string;
    };
    GrantList: {
      count: number;
      results: components['schemas']['Grant'][];
    };
    /** @description One harvest of a source: what it saw and wrote. A record the exchange could not take is an entry of `errors`, not a failed run. */
    HarvestRun: {
      created: number;
      durationMs?: number;
      /** @description The first 100 errors of the run; any more are counted in `errorsOmitted`. */
      errors: {
        identifier?: string;
        message: string;
      }[];
      /** @description Errors beyond the 100 listed in `errors`: counted, not stored (a source of many bad records cannot blow up its report). */
      errorsOmitted?: number;
      /** Format: date-time */
      finished?: string;
      /** Format: uuid */
      id: string;
      /** @description Mirror mode only: what happened to the source’s files. `copied` went through the upload pipeline (of them `published`, `failed` validation, or still `validating` when the run ended); `unchanged` files (304, or the same bytes) were not ingested again; `notCopied` stayed links (too large, unreachable, refused, licence not recognised); `withdrawn` copies were marked in this run because the source record no longer lists their file (kept, with `mirroredFrom.withdrawnAt`). Failures are also entries of `errors`. */
      mirror?: {
        copied: number;
        failed: number;
        notCopied: number;
        published: number;
        unchanged: number;
        validating: number;
        withdrawn?: number;
      };
      organisation: string;
      pages: number;
      seen: number;
      /** Format: uuid */
      source: string;
      /** Format: date-time */
      started: string;
      /**
       * @description `running` until its last page is taken (`finished` and `durationMs` are set then); `incomplete` when paging stopped early (a page could not be read, a page repeated, the page cap): nothing is withdrawn then.
       * @enum {string}
       */
      status: 'running' | 'completed' | 'incomplete';
      unchanged: number;
      updated: number;
      withdrawn: number;
    };
    HarvestRunList: {
      count: number;
      results: components['schemas']['HarvestRun'][];
    };
    HarvestSource: {
      /** Format: date-time */
      created: string;
      filters?: {
        /** @description A CKAN filter query passed to package_search. */
        fq?: string;
        /** @description Only records with at least one of these keywords. */
        keywords?: string[];
        /** @description Only records of this publisher (the source's own organisation name or id). */
        organisation?: string;
      };
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft';
      /** @description Mirror mode's settings (only with mode 'mirror'). */
      mirror?: {
        /**
         * @description The largest file copied, in bytes (default 25 MiB, at most 100 MiB); a larger one is an error in the run report and stays a link.
         * @default 26214400
         */
        maxFileBytes?: number;
      };
      /**
       * @default link
       * @enum {string}
       */
      mode: 'link' | 'mirror';
      /** Format: date-time */
      modified: string;
      organisation: string;
      /** @default daily */
      schedule: string | ('hourly' | 'daily' | 'weekly') | unknown;
      title?: string;
      url: string;
    };
    /**
     * HarvestSourceInput
     * @description A catalogue the exchange harvests metadata from. `schedule` is 'hourly', 'daily' or 'weekly', or an ISO 8601 duration of whole hours, days or weeks (PT6H, P2D, P1W): the scheduler starts a run when it is due, counted from the start of the last run (POST .../runs starts one at once). `mode` 'link' keeps the source's files where they are; 'mirror' also copies each file the exchange can read (CSV, TSV, JSON, NDJSON, GeoJSON, XML, Excel, OpenDocument) through the upload pipeline, at most `mirror.maxFileBytes` per file.
     */
    HarvestSourceInput: {
      filters?: {
        /** @description A CKAN filter query passed to package_search. */
        fq?: string;
        /** @description Only records with at least one of these keywords. */
        keywords?: string[];
        /** @description Only records of this publisher (the source's own organisation name or id). */
        organisation?: string;
      };
      /** @enum {string} */
      kind: 'ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft';
      /** @description Mirror mode's settings (only with mode 'mirror'). */
      mirror?: {
        /**
         * @description The largest file copied, in bytes (default 25 MiB, at most 100 MiB); a larger one is an error in the run report and stays a link.
         * @default 26214400
         */
        maxFileBytes?: number;
      };
      /**
       * @default link
       * @enum {string}
       */
      mode?: 'link' | 'mirror';
      /** @default daily */
      schedule?: string | ('hourly' | 'daily' | 'weekly') | unknown;
      title?: string;
      url: string;
    };
    HarvestSourceList: {
      count: number;
      results: components['schemas']['HarvestSource'][];
    };
    /**
     * HarvestSourcePatch
     * @description JSON Merge Patch of a harvest source: send only the fields to change; null removes title or filters (filters are replaced whole).
     */
    HarvestSourcePatch: {
      filters?: {
        /** @description A CKAN filter query passed to package_search. */
        fq?: string;
        /** @description Only records with at least one of these keywords. */
        keywords?: string[];
        /** @description Only records of this publisher (the source's own organisation name or id). */
        organisation?: string;
      } | null;
      kind?: ('ckan' | 'dcat-us' | 'dcat-ap' | 'socrata' | 'opendatasoft') | null;
      mirror?: {
        /**
         * @description The largest file copied, in bytes (default 25 MiB, at most 100 MiB); a larger one is an error in the run report and stays a link.
         * @default 26214400
         */
        maxFileBytes?: number;
      } | null;
      mode?: ('link' | 'mirror') | null;
      schedule?: (string | ('hourly' | 'daily' | 'weekly') | unknown) | null;
      title?: string | null;
      url?: string | null;
    };
    Health: {
      /** @constant */
      status: 'ok';
      /** Format: date-time */
      time: string;
    };
    Invitation: {
      /** Format: date-time */
      acceptedAt?: string;
      acceptedBy?: string;
      /** Format: date-time */
      created: string;
      createdBy: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      invitationId: string;
      organisation: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
    };
    IssuedInvitation: {
      invitation: components['schemas']['Invitation'];
      /**
       * Format: uri
       * @description The single-use link to send to the person (the exchange sends no mail).
       */
      link: string;
    };
    IssuedToken: {
      /** Format: date-time */
      created: string;
      createdBy: string;
      /** Format: date-time */
      expiresAt: string;
      /** @enum {string} */
      kind?: 'personal' | 'service';
      label?: string;
      notice: string;
      organisation: string;
      owner?: string;
      personId?: string;
      readOnly?: boolean;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
      /** @description The secret: shown once, stored only as a hash. */
      token: string;
      tokenId: string;
    };
    /** @description A DCAT-AP JSON-LD document (dcat:Catalog with a hydra:PartialCollectionView, or one dcat:Dataset). */
    JsonLdDocument: {
      '@context': Record<string, never>;
      /** Format: uri */
      '@id': string;
      '@type': string | unknown[];
    };
    /** @description A JSON Schema (draft 2020-12) document with its `$id`. */
    JsonSchemaDocument: {
      /** Format: uri */
      $id: string;
      $schema?: string;
      title?: string;
    };
    Me: {
      /** @enum {string} */
      kind: 'anonymous' | 'platform-admin' | 'member';
      /** @description A person’s organisations (they act for one at a time). */
      memberships?: components['schemas']['Membership'][];
      /** @description The organisation the caller acts for. */
      organisation?: string;
      person?: {
        email?: string;
        name?: string;
        personId: string;
      };
      /** @enum {string} */
      role?: 'viewer' | 'editor' | 'admin';
      /** @description A service token’s name. */
      service?: string;
      tokenId?: string;
    };
    /**
     * MemberInvitation
     * @description An invitation to join an organisation: the person's email address and the role they will have. The link it makes works once, for that address (as the person's identity provider verifies it), and expires after 7 days.
     */
    MemberInvitation: {
      email: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
    };
    MemberList: {
      count: number;
      /** @description Invitations not yet accepted and not expired. */
      invitations: components['schemas']['Invitation'][];
      results: components['schemas']['Membership'][];
    };
    /**
     * MemberRoleChange
     * @description A member's new role. It applies from the member's next request, to their sessions and personal tokens alike.
     */
    MemberRoleChange: {
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
    };
    Membership: {
      /** Format: date-time */
      created: string;
      createdBy: string;
      email?: string;
      /** @description The person’s name and email address, as their provider last gave them. */
      label: string;
      organisation: string;
      /** @description The person’s id: derived from their identity provider’s issuer and subject. */
      personId: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
      /**
       * Format: date-time
       * @description Sessions begun before this were ended by an admin.
       */
      sessionsValidAfter?: string;
      /** @enum {string} */
      via: 'invitation' | 'email-domain' | 'seed' | 'platform-admin';
    };
    MultipartUpload: {
      links: {
        /** Format: uri */
        complete: string;
        /**
         * Format: uri
         * @description GET: the stored parts and URLs for the missing ones.
         */
        parts: string;
        /** Format: uri */
        self: string;
      };
      /** @description The size of every part but the last. */
      partBytes: number;
      partCount: number;
    } & WithRequired<components['schemas']['Upload'], 'links'>;
    /**
     * MultipartUploadRequest
     * @description A request for a multipart upload of a large file: it goes up in parts, each through its own presigned URL, and can resume after an interruption.
     */
    MultipartUploadRequest: {
      /** @description The file's exact size in bytes. */
      bytes: number;
      /** @description The file's media type, e.g. text/csv (default application/octet-stream). */
      contentType?: string;
      filename?: string;
      /** @description Optional: the size of every part but the last (at least 5 MiB, S3's minimum; default 16 MiB, raised so that no file needs more than 10 000 parts). */
      partBytes?: number;
      /** @description Optional: the file's SHA-256 (hex). Ingest fails the version if the assembled file differs; so it does if the size differs from `bytes`. */
      sha256?: string;
    };
    Notification: {
      /** Format: date-time */
      at: string;
      /** @enum {string} */
      change: 'compatible' | 'breaking';
      failingDatasets: string[];
      id: string;
      /** @constant */
      kind: 'schema-version-published';
      message: string;
      organisation: string;
      /**
       * Format: date-time
       * @description When a member marked it read; absent while unread.
       */
      readAt?: string;
      /** @description Who marked it read (organisation and token or person). */
      readBy?: string;
      schema: string;
      version: string;
    };
    NotificationList: {
      count: number;
      results: components['schemas']['Notification'][];
    };
    /** @description This document: OpenAPI 3.1. */
    OpenApiDocument: {
      info: Record<string, never>;
      openapi: string;
      paths: Record<string, never>;
    };
    /**
     * Organisation
     * @description A publisher or consumer organisation: a London borough, the GLA, TfL, a public body or a private-sector partner.
     */
    Organisation: {
      /** @enum {string} */
      area?: 'Inner London' | 'Outer London' | 'London';
      /** Format: date-time */
      readonly created?: string;
      description?: string;
      /** @description ONS GSS code, for local authorities. */
      gssCode?: string;
      /** Format: uri */
      homepage?: string;
      /** @description URL name, e.g. camden. Fixed once created. */
      id: string;
      /** Format: date-time */
      readonly modified?: string;
      name: string;
      /** @enum {string} */
      type: 'borough' | 'gla' | 'tfl' | 'public-body' | 'nhs' | 'private' | 'charity';
      readonly version?: number;
    };
    OrganisationList: {
      count: number;
      results: components['schemas']['OrganisationRecord'][];
    };
    /**
     * OrganisationRecord
     * @description Organisation as the API returns it: the fields of https://data.london.gov.uk/ldx/schemas/metadata/organisation/1.0.0, its record version and links.
     */
    OrganisationRecord: {
      /** @enum {string} */
      area?: 'Inner London' | 'Outer London' | 'London';
      /** Format: date-time */
      readonly created: string;
      /** @description Datasets of this organisation the caller may see (single-organisation reads only). */
      readonly datasetCount?: number;
      description?: string;
      /** @description ONS GSS code, for local authorities. */
      gssCode?: string;
      /** Format: uri */
      homepage?: string;
      /** @description URL name, e.g. camden. Fixed once created. */
      id: string;
      links: {
        /** Format: uri */
        datasets: string;
        /** Format: uri */
        html: string;
        /** Format: uri */
        self: string;
      };
      /** Format: date-time */
      readonly modified: string;
      name: string;
      /** @enum {string} */
      type: 'borough' | 'gla' | 'tfl' | 'public-body' | 'nhs' | 'private' | 'charity';
      readonly version: number;
    };
    PresignedUpload: {
      uploadHeaders: {
        [key: string]: string;
      };
      /** @constant */
      uploadMethod: 'PUT';
      /**
       * Format: uri
       * @description PUT the file here within 15 minutes, with exactly these headers.
       */
      uploadUrl: string;
    } & components['schemas']['Upload'];
    /**
     * PresignedUploadRequest
     * @description A request for a presigned upload of a large file.
     */
    PresignedUploadRequest: {
      /** @description The file's exact size in bytes. */
      bytes: number;
      /** @description The file's media type, e.g. text/csv (default application/octet-stream). */
      contentType?: string;
      filename?: string;
      /** @description Optional: the file's SHA-256 (hex). Ingest fails the version if the stored file differs; so it does if the size differs from `bytes`. */
      sha256?: string;
    };
    RegisterEntry: {
      agreementReference: string;
      dataset: {
        name: string;
        title: string;
      };
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      grantedAt: string;
      /** @enum {string} */
      lawfulBasis: 'not-personal-data' | 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';
      publisher: {
        id: string;
        name: string;
      };
      purpose: string;
      recipient: {
        id: string;
        name: string;
      };
      /** Format: date-time */
      revokedAt?: string;
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
    };
    Resource: {
      /** Format: date-time */
      created: string;
      /** @description The version downloads serve. */
      current?: {
        bytes: number;
        columnCount: number;
        mediaType: string;
        /** Format: date-time */
        publishedAt: string;
        rowCount: number;
        sha256: string;
        version: number;
      };
      dataSchema?: string;
      /** @description The dataset’s name. */
      dataset: string;
      /** Format: uuid */
      datasetId: string;
      description?: string;
      format?: string;
      /** Format: uuid */
      id: string;
      latestVersion: number;
      links: {
        downloads?: {
          [key: string]: string;
        };
        /** Format: uri */
        self: string;
        /** Format: uri */
        upload: string;
        /** Format: uri */
        uploads: string;
        /** Format: uri */
        versions: string;
      };
      /** @description A file a mirror-mode harvest source copied in: its address at the source (the dataset keeps the link too), and `withdrawnAt`, since when the source record no longer lists that address (the copy is kept). */
      mirroredFrom?: {
        /** Format: uri */
        url: string;
        /** Format: date-time */
        withdrawnAt?: string;
      };
      /** Format: date-time */
      modified: string;
      name: string;
      schema?: components['schemas']['TableSchema'];
      /** @description For a workbook: the sheet published. */
      sheet?: string;
      /** @enum {string} */
      status: 'awaiting-upload' | 'validating' | 'published' | 'failed';
      title?: string;
      /** @description Record version (the ETag). */
      version: number;
    };
    /**
     * ResourceInput
     * @description A new resource (a file slot) of a dataset. The format is matched case-insensitively.
     */
    ResourceInput: {
      /** @description Common data schema every row must follow (defaults to the dataset’s). */
      dataSchema?: string;
      /** @description The versions of the common data schema the rows follow, as a semantic-version range (such as ^2.0.0); default: compatible versions of the version first shipped. A breaking version applies only when the range includes it. */
      dataSchemaVersion?: string;
      description?: string;
      /**
       * @description A hint for detection; the file decides.
       * @enum {string}
       */
      format?: 'csv' | 'tsv' | 'json' | 'ndjson' | 'geojson' | 'xml' | 'xlsx' | 'ods';
      /** @description URL name, unique within the dataset. */
      name: string;
      /** @description For a workbook (.xlsx, .ods): the sheet to publish, by name (case-insensitive). Without it, the first visible sheet holding a table. */
      sheet?: string;
      title?: string;
    };
    /** @description What a resource holds, in short: listed by GET …/resources and embedded in a single dataset’s record. */
    ResourceSummary: {
      /** @description Size of the current version as uploaded. */
      bytes: number | null;
      currentVersion: number | null;
      /** @description The common data schema its rows follow. */
      dataSchema: string | null;
      /** @description Download formats of the current version. */
      formats: ('original' | 'csv' | 'json' | 'ndjson' | 'parquet' | 'geojson')[];
      links: {
        downloads: {
          [key: string]: string;
        };
        /** Format: uri */
        rows: string;
        /** Format: uri */
        schema: string;
        /** Format: uri */
        self: string;
        /** Format: uri */
        versions: string;
      };
      /** @description A file a mirror-mode harvest source copied in: its address at the source (the dataset keeps the link too), and `withdrawnAt`, since when the source record no longer lists that address (the copy is kept). */
      mirroredFrom?: {
        /** Format: uri */
        url: string;
        /** Format: date-time */
        withdrawnAt?: string;
      };
      name: string;
      rowCount: number | null;
      /** @enum {string} */
      state: 'awaiting-upload' | 'validating' | 'published' | 'failed';
      title?: string;
    };
    ResourceSummaryList: {
      count: number;
      results: components['schemas']['ResourceSummary'][];
    };
    ResourceVersion: {
      bytes?: number;
      columnCount?: number;
      /** Format: date-time */
      completedAt?: string;
      /** Format: date-time */
      created: string;
      detected?: {
        delimiter?: string;
        encoding?: string;
        format?: string;
      };
      errorCount?: number;
      /** @description Errors per Frictionless error code. */
      errorCounts?: {
        [key: string]: number;
      };
      failure?: string;
      filename?: string;
      files: {
        [key: string]: {
          bytes: number;
          mediaType: string;
        };
      };
      /** @description Where the rows are, found at ingest: the columns placing them, GSS-coded columns, the bounding box and the London boroughs covered. */
      geography?: {
        /** @description [west, south, east, north] in WGS84. */
        bbox?: number[];
        /** @description E09 codes of the boroughs the rows lie in or are keyed by. */
        boroughs?: string[];
        gssColumns?: {
          entity?: string;
          level?: string;
          name?: string;
          type?: string;
        }[];
        /** @description lat-lon, easting-northing (EPSG:27700) or a GeoJSON geometry column, with the column names. */
        placedBy?: Record<string, never>;
        placedRows?: number;
      };
      links: {
        downloads?: {
          [key: string]: string;
        };
        /** Format: uri */
        report: string;
      };
      rowCount?: number;
      schema?: components['schemas']['TableSchema'];
      sha256?: string;
      /** @enum {string} */
      state: 'validating' | 'published' | 'failed';
      valid?: boolean;
      version: number;
    };
    RowsPage: {
      dataset: string;
      fields: {
        name: string;
        /** @enum {string} */
        type: 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';
      }[];
      limit: number;
      /**
       * Format: uri
       * @description The next page (a keyset cursor that stays on the same version), or null.
       */
      next: string | null;
      records: {
        [key: string]: string | number | boolean | null;
      }[];
      resource: string;
      /** @description Rows matching the filters; null with total=none. */
      total: number | null;
      /**
       * @description Present when `total` is an estimate (a filtered count over a very large version).
       * @constant
       */
      total_estimated?: true;
      /** @description The version the rows come from (a cursor stays on it). */
      version: number;
    };
    SchemaConformance: {
      /** @description How often the standard expects its data to be updated (ISO 8601 duration), and the rule that says so. */
      expectedFrequency?: {
        every: string;
        rule: string;
      };
      organisations: {
        conforms: boolean;
        datasets: {
          /** Format: date-time */
          lastUpdated?: string;
          name: string;
          overdue: boolean;
          /** @enum {string} */
          status: 'conforms' | 'unverified' | 'no-data';
          title: string;
        }[];
        gssCode?: string;
        name: string;
        organisation: string;
        overdue: boolean;
        publishes: boolean;
        type: string;
      }[];
      schema: string;
      summary: {
        boroughs: number;
        boroughsConforming: number;
        boroughsOverdue: number;
        boroughsPublishing: number;
        organisationsPublishing: number;
      };
      title: string;
    };
    SchemaEventList: {
      count: number;
      /**
       * Format: uri
       * @description The next page; null on the last page (follow it later for newer events).
       */
      next: string | null;
      results: {
        /**
         * @description Whether the event bus has accepted it yet.
         * @enum {string}
         */
        delivery: 'pending' | 'delivered';
        detail: {
          /** @description Declaring datasets anyone may see (and that you may see), with their outcome against the version. */
          affected: {
            datasets: {
              dataset: string;
              datasetId: string;
              organisation: string;
              /** @enum {string} */
              outcome: 'conforms' | 'fails' | 'no-data';
            }[];
            /** @description Public declaring datasets left out of the event for its size. */
            more: number;
            organisations: string[];
          };
          /** Format: date-time */
          at: string;
          basedOn: string;
          /** @enum {string} */
          change: 'none' | 'compatible' | 'breaking';
          /** @description The same on every delivery of this event. */
          eventId: string;
          links: {
            /** Format: uri */
            events: string;
            /** Format: uri */
            schemaPage: string;
            /** Format: uri */
            version: string;
            /** Format: uri */
            versions: string;
          };
          reason: string;
          schema: string;
          /** @enum {string} */
          status: 'proposed' | 'published';
          version: string;
        };
        /** @enum {string} */
        detailType: 'Schema version proposed' | 'Schema version published';
        /** @constant */
        source: 'london-data-exchange';
        /** Format: date-time */
        time: string;
      }[];
    };
    SchemaList: {
      count: number;
      results: {
        /** Format: uri */
        $id: string;
        description?: string;
        /** @description The columns of one row (data schemas only). */
        fields?: {
          description?: string;
          name: string;
          required?: boolean;
          title?: string;
          type: string;
        }[];
        id: string;
        /**
         * @description data: one row per record; document: one nested JSON document (360Giving); metadata: the exchange’s own records.
         * @enum {string}
         */
        kind: 'data' | 'document' | 'metadata';
        links: {
          /** Format: uri */
          self: string;
        };
        title: string;
        version: string;
      }[];
    };
    SchemaStewards: {
      organisations: string[];
      schema: string;
    };
    SchemaSuggestionList: {
      count: number;
      results: {
        errorCount: number;
        errors: {
          code: string;
          field?: string;
          message: string;
          row?: number;
        }[];
        extraColumns: string[];
        /** @description Headers that match a field once case, spaces and punctuation are set aside: rename them to declare the standard. */
        headerRenames: {
          column: string;
          field: string;
        }[];
        matchedFields: string[];
        missingRequiredFields: string[];
        schema: string;
        /** @description Share of the standard’s fields found among the headers. */
        score: number;
        title: string;
        version: string;
        wouldConform: boolean;
      }[];
    };
    SchemaVersion: {
      /** @description The published version this one was compared with. */
      basedOn: string;
      /** @enum {string} */
      change: 'none' | 'compatible' | 'breaking';
      differences: {
        breaking: boolean;
        field: string;
        message: string;
      }[];
      impact?: {
        /** Format: date-time */
        checkedAt: string;
        datasets: {
          dataset: string;
          datasetId: string;
          errorCount?: number;
          errors?: {
            code: string;
            field?: string;
            message: string;
            row?: number;
          }[];
          organisation: string;
          /** @enum {string} */
          outcome: 'conforms' | 'fails' | 'no-data';
          resource: string;
          version?: number;
        }[];
      };
      /** @description How many declaring datasets (that you may see) conform, fail, or have no data, checked when it was proposed. */
      impactSummary?: {
        /** Format: date-time */
        checkedAt: string;
        conforms: number;
        fails: number;
        noData: number;
      };
      links: {
        /** Format: uri */
        self: string;
      };
      /** Format: date-time */
      proposedAt?: string;
      proposedBy?: {
        /** @enum {string} */
        kind: 'platform-admin' | 'member';
        organisation?: string;
        tokenId?: string;
      };
      /** Format: date-time */
      publishedAt?: string;
      publishedBy?: {
        /** @enum {string} */
        kind: 'platform-admin' | 'member';
        organisation?: string;
        tokenId?: string;
      };
      reason: string;
      schema: string;
      schemaDocument: components['schemas']['JsonSchemaDocument'];
      /** @description True for the version shipped with the exchange. */
      shipped: boolean;
      /** @enum {string} */
      status: 'proposed' | 'published' | 'withdrawn';
      version: string;
    };
    SchemaVersionList: {
      count: number;
      results: {
        /** @description The published version this one was compared with. */
        basedOn: string;
        /** @enum {string} */
        change: 'none' | 'compatible' | 'breaking';
        differences: {
          breaking: boolean;
          field: string;
          message: string;
        }[];
        /** @description How many declaring datasets (that you may see) conform, fail, or have no data, checked when it was proposed. */
        impactSummary?: {
          /** Format: date-time */
          checkedAt: string;
          conforms: number;
          fails: number;
          noData: number;
        };
        links: {
          /** Format: uri */
          self: string;
        };
        /** Format: date-time */
        proposedAt?: string;
        proposedBy?: {
          /** @enum {string} */
          kind: 'platform-admin' | 'member';
          organisation?: string;
          tokenId?: string;
        };
        /** Format: date-time */
        publishedAt?: string;
        publishedBy?: {
          /** @enum {string} */
          kind: 'platform-admin' | 'member';
          organisation?: string;
          tokenId?: string;
        };
        reason: string;
        schema: string;
        /** @description True for the version shipped with the exchange. */
        shipped: boolean;
        /** @enum {string} */
        status: 'proposed' | 'published' | 'withdrawn';
        version: string;
      }[];
    };
    /**
     * SchemaVersionProposal
     * @description A new version of a common data schema, proposed by its stewards or the platform administrator. The exchange classifies the change against the latest published version (compatible or breaking), requires the version number to match (a breaking change takes a new major version), and runs it over every dataset that declares the schema before it can be published.
     */
    SchemaVersionProposal: {
      /** @description Why the standard changes: shown in its public history and to the publishers affected. */
      reason: string;
      /** @description The JSON Schema (draft 2020-12) of one row, in the shape GET /api/v1/schemas/{id} returns. Its $id and version are set by the exchange. */
      schema: {
        properties: Record<string, never>;
        /** @constant */
        type: 'object';
      };
      /** @description The new semantic version, such as 1.1.0. */
      version: string;
    };
    SharingRegister: {
      active: components['schemas']['RegisterEntry'][];
      description: string;
      /** Format: date-time */
      generatedAt: string;
      /** @description Grants that expired or were revoked recently. */
      recent: components['schemas']['RegisterEntry'][];
    };
    /**
     * StewardsInput
     * @description The organisations whose admins may propose and publish versions of a standard (replaces the list). Only the platform administrator appoints stewards.
     */
    StewardsInput: {
      organisations: string[];
    };
    StoredUploadPart: {
      etag: string;
      partNumber: number;
    };
    TableReferenceReport: {
      checks: {
        errorCount: number;
        fields: string[];
        reference: {
          fields: string[];
          resources: string[];
          schema: string;
        };
        resource: string;
        schema: string;
        /**
         * @description Not checked when no resource of the dataset declares the referenced table, or a table has no data yet.
         * @enum {string}
         */
        status: 'checked' | 'no-referenced-table' | 'no-data';
      }[];
      dataset: string;
      errorCount: number;
      /** @description The first 100 broken references. */
      errors: {
        /** @constant */
        code: 'foreign-key-error';
        field: string;
        message: string;
        reference: {
          fields: string[];
          schema: string;
        };
        resource: string;
        row: number;
        schema: string;
        value: string;
      }[];
      /** @description No broken reference among the checks made. */
      valid: boolean;
    };
    /** @description A Frictionless Table Schema (https://datapackage.org/standard/table-schema/): declared by a common data schema or inferred at ingest. */
    TableSchema: {
      fields: {
        constraints?: Record<string, never>;
        description?: string;
        format?: string;
        name: string;
        title?: string;
        /** @enum {string} */
        type: 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';
      }[];
      missingValues?: string[];
      primaryKey?: string[];
      uniqueKeys?: string[][];
    };
    TokenList: {
      count: number;
      results: components['schemas']['TokenSummary'][];
    };
    /**
     * TokenRequest
     * @description A request for an API token: an organisation token (the default), a service token (kind service: named by its label, with an owner, optionally read-only) or, at /api/v1/me/tokens, a personal token.
     */
    TokenRequest: {
      /** @default 365 */
      expiresInDays?: number;
      /**
       * @description service: a token for a machine, named (label required) and owned by a person or team
       * @default organisation
       * @enum {string}
       */
      kind?: 'organisation' | 'service';
      label?: string;
      /** @description Service tokens: who answers for it (default: whoever issues it) */
      owner?: string;
      /** @description Service tokens: reads only, whatever the role (it acts as a viewer) */
      readOnly?: boolean;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
    };
    TokenSummary: {
      /** Format: date-time */
      created: string;
      createdBy: string;
      /** Format: date-time */
      expiresAt: string;
      /**
       * @description Absent for an organisation token.
       * @enum {string}
       */
      kind?: 'personal' | 'service';
      label?: string;
      /**
       * Format: date-time
       * @description When the token last authenticated a request, to within five minutes.
       */
      lastUsedAt?: string;
      organisation: string;
      /** @description Who answers for the token. */
      owner?: string;
      /** @description Personal tokens: their owner. */
      personId?: string;
      /** @description Service tokens: reads only. */
      readOnly?: boolean;
      /** Format: date-time */
      revokedAt?: string;
      revokedBy?: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      tokenId: string;
    };
    Upload: {
      contentType?: string;
      /** Format: date-time */
      created: string;
      createdBy: string;
      declaredBytes?: number;
      declaredSha256?: string;
      /** Format: date-time */
      expiresAt?: string;
      filename?: string;
      links: {
        /** Format: uri */
        self: string;
      };
      /** @enum {string} */
      method: 'direct' | 'presigned' | 'multipart';
      resourceName: string;
      /** @enum {string} */
      state: 'awaiting-bytes' | 'processing' | 'retry' | 'done';
      /** Format: uuid */
      uploadId: string;
      /** @description The resource version this upload became, once ingest has claimed it. */
      version?: number;
    };
    /**
     * UploadPartReceipt
     * @description What the object store answered to a part's PUT: its ETag, which completing the upload hands back to the store.
     */
    UploadPartReceipt: {
      /** @description The ETag response header of the part's PUT, quotes included or not. */
      etag: string;
    };
    UploadParts: {
      /** @description Parts still to send: PUT each to its uploadUrl (valid 15 minutes) with exactly its uploadHeaders, then report its ETag. Empty once the file is assembled. */
      missing: {
        bytes: number;
        partNumber: number;
        uploadHeaders: {
          [key: string]: string;
        };
        /** Format: uri */
        uploadUrl: string;
      }[];
      partBytes: number;
      partCount: number;
      /** @enum {string} */
      state: 'awaiting-bytes' | 'processing' | 'retry' | 'done';
      /** @description Parts the object store has accepted, in order: do not send them again. */
      stored: {
        bytes: number;
        etag: string;
        partNumber: number;
      }[];
      /** Format: uuid */
      uploadId: string;
    };
    ValidationReportResponse: {
      /** @description Row-level report with Frictionless error codes, capped at the first errors plus counts per code. It quotes cell values, so it is data: reading it needs data access. */
      report: {
        columnCount?: number;
        errorCount?: number;
        errorCounts?: {
          [key: string]: number;
        };
        errors?: {
          code?: string;
          field?: string | null;
          message?: string;
          row?: number | null;
        }[];
        errorsTruncated?: boolean;
        maxErrors?: number;
        rowCount?: number;
        valid?: boolean;
        warnings?: unknown[];
      } | null;
      /** @enum {string} */
      state: 'validating' | 'published' | 'failed';
      version: number;
    };
    VersionList: {
      count: number;
      results: components['schemas']['ResourceVersion'][];
    };
  };
  responses: {
    /** @description Bad input: validation_failed (with `details.fields`), malformed_json or bad_request. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Conflicts with the current state (e.g. a taken name). */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The token’s organisation or role may not do this. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No such thing, or nothing the caller may see: the two are indistinguishable. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The body or the result is too large. */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description If-Match does not match the current ETag. */
    PreconditionFailed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description This write needs If-Match. */
    PreconditionRequired: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The query took too long; narrow it. */
    QueryTimeout: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No token, or an invalid or expired one, where one is needed. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The body must be JSON (Content-Type: application/json). */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description Opaque position from the previous page’s `next` link. */
    cursor: string;
    /**
     * @description The dataset’s name or id (UUID).
     * @example london-borough-profiles
     */
    dataset: string;
    /**
     * @description The organisation whose grant is revoked.
     * @example hackney
     */
    grantee: string;
    /** @description A harvest run’s id (UUID). */
    harvestRun: string;
    /** @description A harvest source’s id (UUID). */
    harvestSource: string;
    /** @description The ETag you last read; a mismatch is a 412. */
    ifMatch: string;
    /** @description The ETag you last read (or `*`). A mismatch is a 412: someone changed the record since. */
    ifMatchRequired: string;
    /** @description Page size, 1 to 1000. */
    limit: number;
    /**
     * @description Organisation id.
     * @example camden
     */
    org: string;
    /**
     * @description A member’s person id (20 hexadecimal digits), as listed.
     * @example 339140a67ff7f6f8a758
     */
    person: string;
    /** @description Access request id. */
    request: string;
    /**
     * @description The resource’s name or id (UUID).
     * @example profiles
     */
    resource: string;
    /**
     * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
     * @example air-quality-readings
     */
    schema: string;
    /**
     * @description A version of a common data schema (semantic version).
     * @example 1.0.0
     */
    schemaVersion: string;
    /**
     * @description A token’s public id (tokenId, 12 hexadecimal digits), as listed; never the secret.
     * @example 3f2a9c01d4e5
     */
    tokenId: string;
    /** @description Upload id. */
    upload: string;
    /** @description Version number (1, 2, 3…). */
    version: number;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  searchDatasets: {
    parameters: {
      query?: {
        /** @description Opaque position from the previous page’s `next` link. */
        cursor?: components['parameters']['cursor'];
        /** @description File format of a resource, e.g. csv. */
        format?: string[];
        /** @description Keyword; repeat to require several. */
        keyword?: string[];
        /** @description Licence id, e.g. OGL-UK-3.0. */
        licence?: string;
        /** @description Page size, 1 to 1000. */
        limit?: components['parameters']['limit'];
        /** @description Only datasets modified at or after this date or date-time. */
        modifiedSince?: string;
        /** @description Organisation id. */
        organisation?: string;
        /** @description Search text: title, description, keywords, organisation name and column names (prefix and typo tolerant). */
        q?: string;
        /** @description Common data schema id. */
        schema?: string[];
        /** @description Order: relevance (default with q), modified, title or name (default without q). */
        sort?: 'relevance' | 'modified' | 'title' | 'name';
        /** @description A GSS code, e.g. E09000007 (Camden): only datasets covering that area (their spatial coverage, which ingest fills with the boroughs their rows lie in or are keyed by). */
        spatial?: string;
        /** @description Theme; repeat to require several. */
        theme?: string[];
        /** @description Sharing tier. */
        tier?: 'open' | 'shared' | 'private';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of results with counts and facets. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetListing'];
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  createDataset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "london-borough-profiles",
         *       "title": "London Borough Profiles and Atlas",
         *       "description": "Key statistics for each of the 33 London local authorities.",
         *       "tier": "open",
         *       "licence": "OGL-UK-3.0",
         *       "keywords": [
         *         "boroughs",
         *         "population"
         *       ],
         *       "themes": [
         *         "demographics"
         *       ],
         *       "updateFrequency": "annual",
         *       "temporalCoverage": {
         *         "start": "2015-01-01",
         *         "end": "2017-12-31"
         *       },
         *       "spatialCoverage": {
         *         "gssCodes": [
         *           "E12000007"
         *         ],
         *         "description": "Greater London, by local authority"
         *       },
         *       "contactPoint": {
         *         "name": "GLA City Intelligence",
         *         "email": "datastore@london.gov.uk"
         *       }
         *     }
         */
        'application/json': components['schemas']['Dataset'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetRecord'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The dataset. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetRecord'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  deleteDataset: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag you last read; a mismatch is a 412. */
        'If-Match'?: components['parameters']['ifMatch'];
      };
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted: gone from every read, feed and search at once. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      412: components['responses']['PreconditionFailed'];
    };
  };
  updateDataset: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag you last read (or `*`). A mismatch is a 412: someone changed the record since. */
        'If-Match': components['parameters']['ifMatchRequired'];
      };
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "description": "Updated every weekday.",
         *       "updateFrequency": "daily"
         *     }
         */
        'application/json': components['schemas']['DatasetPatch'];
        'application/merge-patch+json': components['schemas']['DatasetPatch'];
      };
    };
    responses: {
      /** @description The updated dataset. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetRecord'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listAccessRequests: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Requests. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequestList'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  requestAccess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "purpose": "Modelling kerbside demand for EV charging",
         *       "lawfulBasis": "public-task",
         *       "requestedDays": 180
         *     }
         */
        'application/json': components['schemas']['AccessRequestInput'];
      };
    };
    responses: {
      /** @description The pending request. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  approveAccessRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /** @description Access request id. */
        request: components['parameters']['request'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "agreementReference": "DSA-2026-015"
         *     }
         */
        'application/json': components['schemas']['AccessRequestApproval'];
      };
    };
    responses: {
      /** @description The decided request and its grant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            grant: components['schemas']['Grant'];
            request: components['schemas']['AccessRequest'];
          };
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  declineAccessRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /** @description Access request id. */
        request: components['parameters']['request'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "reason": "The agreement does not cover this purpose."
         *     }
         */
        'application/json': components['schemas']['AccessRequestDecline'];
      };
    };
    responses: {
      /** @description The declined request. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessRequest'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  auditLog: {
    parameters: {
      query?: {
        /** @description Opaque position from the previous page’s `next` link. */
        cursor?: components['parameters']['cursor'];
        /** @description Entries per page, 1 to 1000. */
        limit?: number;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Entries, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLog'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  dataPackage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The data package. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataPackage'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listGrants: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every grant with its status now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "organisation": "hackney",
         *       "purpose": "Planning EV charge point locations in Hackney",
         *       "lawfulBasis": "not-personal-data",
         *       "agreementReference": "DSA-2026-014",
         *       "expiresAt": "2026-12-31"
         *     }
         */
        'application/json': components['schemas']['GrantInput'];
      };
    };
    responses: {
      /** @description The grant, active at once. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Grant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  revokeGrant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The organisation whose grant is revoked.
         * @example hackney
         */
        org: components['parameters']['grantee'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked: its next request is refused. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listResources: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resources, in the order they were added. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResourceSummaryList'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  createResource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "readings",
         *       "title": "Hourly readings",
         *       "format": "csv",
         *       "dataSchema": "air-quality-readings"
         *     }
         */
        'application/json': components['schemas']['ResourceInput'];
      };
    };
    responses: {
      /** @description Created; upload its data next. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Resource'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getResource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resource. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Resource'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  uploadData: {
    parameters: {
      query?: {
        /**
         * @description The original file name (helps detection).
         * @example readings.csv
         */
        filename?: string;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/geo+json': string;
        'application/json': string;
        'application/octet-stream': string;
        'application/x-ndjson': string;
        'text/csv': string;
      };
    };
    responses: {
      /** @description Accepted; ingest runs next. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Upload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
    };
  };
  download: {
    parameters: {
      query?: {
        /** @description original (as uploaded) or a normalised format. */
        format?: 'original' | 'csv' | 'json' | 'ndjson' | 'parquet' | 'geojson';
        /** @description A version number; default: the current version. */
        version?: number;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Redirect to the file. */
      302: {
        headers: {
          /** @description The short-lived link. */
          Location?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
    };
  };
  drawResourceMap: {
    parameters: {
      query?: {
        /** @description The numeric column a choropleth is coloured by. */
        column?: string;
        /** @description choropleth (borough codes) or points (coordinates); default: choropleth when the resource has borough codes. */
        kind?: 'choropleth' | 'points';
        /** @description A version number; default: the current version. */
        version?: number;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The map, with its legend and attribution. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'image/svg+xml': string;
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      504: components['responses']['QueryTimeout'];
    };
  };
  startMultipartUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "filename": "readings-2025.csv",
         *       "bytes": 734003200,
         *       "contentType": "text/csv"
         *     }
         */
        'application/json': components['schemas']['MultipartUploadRequest'];
      };
    };
    responses: {
      /** @description Started; send the parts next. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MultipartUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  queryRows: {
    parameters: {
      query?: {
        /**
         * @description Aggregates, comma-separated `fn:column` (or `count` alone for rows): count, count_distinct, sum, avg, min, max. sum and avg take numbers. Output names: `count` or `fn_column`; or a JSON array of `{"fn", "field", "as"}` to choose them. Results are typed (counts integers, avg a number, min/max the column’s type).
         * @example count,avg:value,max:value
         */
        aggregate?: string;
        /**
         * @description Rows placed in this WGS84 box: minLon,minLat,maxLon,maxLat. Applies to resources whose version has places (latitude/longitude or easting/northing columns, or a GeoJSON geometry, placed at its centroid); others answer 400.
         * @example -0.2,51.5,-0.1,51.55
         */
        bbox?: string;
        /** @description Keyset cursor from the previous page’s `next`: stays on the version it started with. */
        cursor?: string;
        /**
         * @description Columns to return (projection): comma-separated, or a JSON array of names.
         * @example site_code,measured_at,value
         */
        fields?: string;
        /** @description A JSON object keyed by column: a value means equality (null: the cell is empty), an array means one of (IN), and an object combines operators eq, in, gt, gte, lt, lte (ranges for numbers and dates). */
        filters?: string;
        /**
         * @description Aggregate instead of listing rows: up to 3 columns to group by, comma-separated; a date or date-time column may be bucketed with `:day`, `:week`, `:month`, `:year` (the bucket’s first day, UTC; weeks start on Monday), e.g. `borough,measured_at:month`. Or a JSON array of `{"field", "bucket"}`. Filters and q apply before grouping; `sort` names outputs; `limit` and `cursor` page through the groups; `total` counts groups. Output names: the column, or `column_bucket`.
         * @example borough,measured_at:month
         */
        groupBy?: string;
        /** @description Rows per page: default 100, at most 10000. */
        limit?: number;
        /** @description Words that must all appear (case-insensitive) in some text column. */
        q?: string;
        /**
         * @description Columns to order by: `col:desc,col2` (ascending unless :desc), or a JSON array of {"field", "order"}.
         * @example measured_at:desc
         */
        sort?: string;
        /** @description auto: exact, or an estimate flagged as such for very large filtered results; exact; none. */
        total?: 'auto' | 'exact' | 'none';
        /** @description A version number; default: the current version. */
        version?: number;
        /**
         * @description Rows placed in this London borough, by its GSS code (E09000001 to E09000033); the same resources as bbox.
         * @example E09000007
         */
        within?: string;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of rows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RowsPage'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      504: components['responses']['QueryTimeout'];
    };
  };
  getResourceSchema: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Table Schema. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TableSchema'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  suggestSchemas: {
    parameters: {
      query?: {
        /** @description A version number; default: the current version. */
        version?: number;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Suggestions, best first (possibly none). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaSuggestionList'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
    };
  };
  querySql: {
    parameters: {
      query: {
        /**
         * @description One SELECT statement, at most 8192 characters.
         * @example SELECT borough, count(*) AS n FROM readings GROUP BY borough ORDER BY n DESC LIMIT 10
         */
        sql: string;
      };
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement’s rows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: string;
            fields: {
              name: string;
              /** @enum {string} */
              type: 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';
            }[];
            records: {
              [key: string]: string | number | boolean | null;
            }[];
            resource: string;
            /** @description The statement as it ran (DuckDB’s canonical text of the checked statement). */
            sql: string;
            /** @description True when the statement produced more than 10000 rows (only those are returned). */
            truncated: boolean;
            version: number;
          };
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      504: components['responses']['QueryTimeout'];
    };
  };
  querySqlPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "sql": "SELECT borough, avg(value) AS mean FROM readings GROUP BY borough"
         *     }
         */
        'application/json': {
          sql: string;
        };
      };
    };
    responses: {
      /** @description The statement’s rows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            dataset: string;
            fields: {
              name: string;
              /** @enum {string} */
              type: 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';
            }[];
            records: {
              [key: string]: string | number | boolean | null;
            }[];
            resource: string;
            /** @description The statement as it ran (DuckDB’s canonical text of the checked statement). */
            sql: string;
            /** @description True when the statement produced more than 10000 rows (only those are returned). */
            truncated: boolean;
            version: number;
          };
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      504: components['responses']['QueryTimeout'];
    };
  };
  startUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "filename": "readings-2025.csv",
         *       "bytes": 734003200,
         *       "contentType": "text/csv"
         *     }
         */
        'application/json': components['schemas']['PresignedUploadRequest'];
      };
    };
    responses: {
      /** @description PUT the file to uploadUrl with uploadHeaders. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PresignedUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
        /** @description Upload id. */
        upload: components['parameters']['upload'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The upload and the version it became. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Upload'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  completeMultipartUpload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
        /** @description Upload id. */
        upload: components['parameters']['upload'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Assembled; ingest runs next. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Upload'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  listUploadParts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
        /** @description Upload id. */
        upload: components['parameters']['upload'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The parts. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadParts'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  recordUploadPart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /** @description Part number, from 1 to the upload’s partCount. */
        part: number;
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
        /** @description Upload id. */
        upload: components['parameters']['upload'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "etag": "\"9b2cf535f27731c974343645a3985328\""
         *     }
         */
        'application/json': components['schemas']['UploadPartReceipt'];
      };
    };
    responses: {
      /** @description Recorded. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredUploadPart'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  listVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Versions, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VersionList'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  validationReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
        /**
         * @description The resource’s name or id (UUID).
         * @example profiles
         */
        resource: components['parameters']['resource'];
        /** @description Version number (1, 2, 3…). */
        version: components['parameters']['version'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValidationReportResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
    };
  };
  checkTableReferences: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id (UUID).
         * @example london-borough-profiles
         */
        dataset: components['parameters']['dataset'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The checks made and the broken references. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TableReferenceReport'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The service is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      401: components['responses']['Unauthorized'];
    };
  };
  listPersonalTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your personal tokens in the organisation the credential acts for, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenList'];
        };
      };
      401: components['responses']['Unauthorized'];
    };
  };
  issuePersonalToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "label": "nightly upload script",
         *       "role": "editor",
         *       "expiresInDays": 90
         *     }
         */
        'application/json': components['schemas']['TokenRequest'];
      };
    };
    responses: {
      /** @description The new token. Store it now. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  revokePersonalToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A token’s public id (tokenId, 12 hexadecimal digits), as listed; never the secret.
         * @example 3f2a9c01d4e5
         */
        tokenId: components['parameters']['tokenId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  openApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenApiDocument'];
        };
      };
    };
  };
  listOrganisations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every organisation (they are public). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganisationList'];
        };
      };
    };
  };
  createOrganisation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "id": "camden",
         *       "name": "London Borough of Camden",
         *       "type": "borough",
         *       "gssCode": "E09000007",
         *       "area": "Inner London"
         *     }
         */
        'application/json': components['schemas']['Organisation'];
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganisationRecord'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getOrganisation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The organisation, with the number of its datasets the caller may see. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganisationRecord'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  listHarvestSources: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The sources, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestSourceList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createHarvestSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "kind": "ckan",
         *       "url": "https://data.example.org",
         *       "schedule": "daily",
         *       "filters": {
         *         "fq": "res_format:CSV"
         *       }
         *     }
         */
        'application/json': components['schemas']['HarvestSourceInput'];
      };
    };
    responses: {
      /** @description Registered. */
      201: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestSource'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getHarvestSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestSource'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteHarvestSource: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag you last read; a mismatch is a 412. */
        'If-Match'?: components['parameters']['ifMatch'];
      };
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. The datasets it harvested stay, naming it in their provenance. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      412: components['responses']['PreconditionFailed'];
    };
  };
  updateHarvestSource: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag you last read (or `*`). A mismatch is a 412: someone changed the record since. */
        'If-Match': components['parameters']['ifMatchRequired'];
      };
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "schedule": "weekly"
         *     }
         */
        'application/json': components['schemas']['HarvestSourcePatch'];
        'application/merge-patch+json': components['schemas']['HarvestSourcePatch'];
      };
    };
    responses: {
      /** @description The changed source. */
      200: {
        headers: {
          /** @description The record version; send it back in If-Match to update. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestSource'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      428: components['responses']['PreconditionRequired'];
    };
  };
  listHarvestRuns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The runs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestRunList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  runHarvestSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The finished run (local mode). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestRun'];
        };
      };
      /** @description The run, queued (AWS): `running`; `Location` is its address. */
      202: {
        headers: {
          /** @description The run’s address (GET it to follow the run). */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestRun'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  getHarvestRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /** @description A harvest run’s id (UUID). */
        run: components['parameters']['harvestRun'];
        /** @description A harvest source’s id (UUID). */
        source: components['parameters']['harvestSource'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HarvestRun'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Members and invitations not yet accepted. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  inviteMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "sam.jones@camden.gov.uk",
         *       "role": "editor"
         *     }
         */
        'application/json': components['schemas']['MemberInvitation'];
      };
    };
    responses: {
      /** @description The invitation and its link. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedInvitation'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  removeMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /**
         * @description A member’s person id (20 hexadecimal digits), as listed.
         * @example 339140a67ff7f6f8a758
         */
        person: components['parameters']['person'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  changeMemberRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /**
         * @description A member’s person id (20 hexadecimal digits), as listed.
         * @example 339140a67ff7f6f8a758
         */
        person: components['parameters']['person'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "role": "viewer"
         *     }
         */
        'application/json': components['schemas']['MemberRoleChange'];
      };
    };
    responses: {
      /** @description The membership. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Membership'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  endMemberSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /**
         * @description A member’s person id (20 hexadecimal digits), as listed.
         * @example 339140a67ff7f6f8a758
         */
        person: components['parameters']['person'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ended. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  markNotificationRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The notification’s id, as listed. */
        notification: string;
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The notification, marked read (marking it again keeps the first reading). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Notification'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listTokens: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tokens, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  issueToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "role": "editor",
         *       "label": "Publishing pipeline",
         *       "expiresInDays": 90
         *     }
         */
        'application/json': components['schemas']['TokenRequest'];
      };
    };
    responses: {
      /** @description The new token. Store it now. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  revokeToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Organisation id.
         * @example camden
         */
        org: components['parameters']['org'];
        /**
         * @description A token’s public id (tokenId, 12 hexadecimal digits), as listed; never the secret.
         * @example 3f2a9c01d4e5
         */
        tokenId: components['parameters']['tokenId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listSchemas: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every published schema. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaList'];
        };
      };
    };
  };
  getSchema: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The schema. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/schema+json': components['schemas']['JsonSchemaDocument'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  getSchemaConformance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Each organisation, its declaring datasets and where it stands. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaConformance'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  listSchemaEvents: {
    parameters: {
      query?: {
        /** @description Opaque position from the previous page’s `next` link. */
        cursor?: components['parameters']['cursor'];
        /** @description Page size, 1 to 1000. */
        limit?: components['parameters']['limit'];
      };
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of events, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaEventList'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
    };
  };
  getSchemaStewards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stewards. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaStewards'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  appointSchemaStewards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "organisations": [
         *         "gla"
         *       ]
         *     }
         */
        'application/json': components['schemas']['StewardsInput'];
      };
    };
    responses: {
      /** @description The stewards now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaStewards'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  listSchemaVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The versions, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaVersionList'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  proposeSchemaVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SchemaVersionProposal'];
      };
    };
    responses: {
      /** @description The proposal, classified, with its impact report. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaVersion'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
    };
  };
  getSchemaVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
        /**
         * @description A version of a common data schema (semantic version).
         * @example 1.0.0
         */
        version: components['parameters']['schemaVersion'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The version. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaVersion'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  publishSchemaVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description A common data schema’s short id (e.g. air-quality-readings) or a metadata schema (dataset, organisation).
         * @example air-quality-readings
         */
        schema: components['parameters']['schema'];
        /**
         * @description A version of a common data schema (semantic version).
         * @example 1.0.0
         */
        version: components['parameters']['schemaVersion'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The published version. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SchemaVersion'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  sharingRegister: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Active grants and recently ended ones. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SharingRegister'];
        };
      };
    };
  };
  dcatApCatalog: {
    parameters: {
      query?: {
        /** @description Set by `next` links so reading on never re-counts earlier pages. */
        cursor?: string;
        /** @description Datasets per page, 1 to 1000. */
        limit?: number;
        /** @description 1-based page number. */
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A dcat:Catalog page with a hydra:PartialCollectionView (first, previous, next, last). */
      200: {
        headers: {
          /** @description first, prev, next and last pages (RFC 8288). */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/ld+json': components['schemas']['JsonLdDocument'];
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  dcatApCatalogRdfXml: {
    parameters: {
      query?: {
        /** @description Set by `next` links so reading on never re-counts earlier pages. */
        cursor?: string;
        /** @description Datasets per page, 1 to 1000. */
        limit?: number;
        /** @description 1-based page number. */
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A dcat:Catalog page as RDF/XML. */
      200: {
        headers: {
          /** @description first, prev, next and last pages (RFC 8288). */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/rdf+xml': string;
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  dcatApCatalogTurtle: {
    parameters: {
      query?: {
        /** @description Set by `next` links so reading on never re-counts earlier pages. */
        cursor?: string;
        /** @description Datasets per page, 1 to 1000. */
        limit?: number;
        /** @description 1-based page number. */
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A dcat:Catalog page as Turtle. */
      200: {
        headers: {
          /** @description first, prev, next and last pages (RFC 8288). */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'text/turtle': string;
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  dcatUsCatalog: {
    parameters: {
      query?: {
        /** @description Set by `next` links so reading on never re-counts earlier pages. */
        cursor?: string;
        /** @description Datasets per page, 1 to 1000. */
        limit?: number;
        /** @description 1-based page number. */
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The catalogue page. */
      200: {
        headers: {
          /** @description first, prev, next and last pages (RFC 8288). */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DcatUsCatalog'];
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  dcatUsCatalogAtRoot: {
    parameters: {
      query?: {
        /** @description Set by `next` links so reading on never re-counts earlier pages. */
        cursor?: string;
        /** @description Datasets per page, 1 to 1000. */
        limit?: number;
        /** @description 1-based page number. */
        page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The catalogue page. */
      200: {
        headers: {
          /** @description first, prev, next and last pages (RFC 8288). */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DcatUsCatalog'];
        };
      };
      400: components['responses']['BadRequest'];
    };
  };
  dcatApDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The dataset’s name or id.
         * @example london-borough-profiles
         */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The dcat:Dataset. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/ld+json': components['schemas']['JsonLdDocument'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
}
type WithRequired<T, K extends keyof T> = T & {
  [P in K]-?: T[P];
};
