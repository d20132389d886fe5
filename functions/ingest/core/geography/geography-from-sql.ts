import { parseGssCode } from '../../../geo/gss-codes';
import { geographyOf, type Geography, type RecognisedGeography } from './describe-geography';
import { boroughOf } from './place-rows';

/** What DuckDB measured over a table's rows (fast-path/sql-geography.ts). */
export interface MeasuredGeography {
  placed: number;
  /** [west, south, east, north] of the placed rows, when there are any. */
  box: number[] | null;
  /** Each London-borough column's distinct values that may be E09 codes. */
  codes: readonly (readonly unknown[])[];
  /** Distinct positions (lon, lat) inside Greater London's box, to about 10 m. */
  positions: readonly (readonly [number, number])[];
}

/**
 * The geography describeGeography gives the same rows: the codes parsed as it parses them,
 * then positions looked up in the borough boundaries until all 33 boroughs are found.
 */
export function geographyFromSql(recognised: RecognisedGeography, measured: MeasuredGeography): Geography {
  const boroughs = new Set<string>();
  for (const values of measured.codes) {
    for (const value of values) {
      const code = parseGssCode(value);
      if (code?.entity === 'E09') boroughs.add(code.code);
    }
  }
  for (const [lon, lat] of measured.positions) {
    if (boroughs.size >= 33) break;
    const borough = boroughOf(lon, lat);
    if (borough) boroughs.add(borough);
  }
  return geographyOf(recognised, measured.placed > 0 ? measured.box : null, boroughs, measured.placed);
}
