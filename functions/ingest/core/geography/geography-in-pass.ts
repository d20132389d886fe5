import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoordinateColumns } from '../../../geo/coordinate-columns';
import { parseGssCode } from '../../../geo/gss-codes';
import type { CastValue } from '../cast';
import { BufferedTextFile } from '../outputs/output-file';
import type { TableSchemaField } from '../table-schema';
import {
  FULL_LOOKUPS,
  GEOGRAPHY_SAMPLE_ROWS,
  GEOJSON_MEDIA_TYPE,
  GEOJSON_NAME,
  geographyOf,
  type Placed,
  type RecognisedGeography,
  recogniseGeography,
} from './describe-geography';
import { boroughOf, extendBox, type Geometry, mergeBox, rowGeometry } from './place-rows';

/** Characters of features joined before they are encoded into the file's block (as outputs/row-outputs.ts does). */
const PENDING_CHARS = 64 * 1024;

/** Distinct borough-column texts remembered as already parsed. */
const MAX_CODES_SEEN = 10_000;

/** A name JavaScript objects order before the others (a canonical array index), so JSON.parse would reorder the line. */
const arrayIndexName = (name: string): boolean => /^(0|[1-9]\d{0,9})$/.test(name) && Number(name) < 2 ** 32 - 1;

/**
 * describeGeography (describe-geography.ts) measured while the JS pass writes the rows, instead
 * of a second pass that parses every NDJSON line again: the first rows (as published, their
 * NDJSON lines parsed) are held until the columns are recognised, then each row's cells place it,
 * key it to boroughs and give its GeoJSON Feature, whose properties are the row's NDJSON line.
 * Same rules, same order, same bytes: a line's JSON.parse then JSON.stringify gives the line
 * back (RowSerialiser writes strings as JSON.stringify does and numbers as String does), except
 * when a column is named like an array index, which a JS object lists first. That table, and a
 * GeoJSON input's geometry column (its properties are the row without it), are left to
 * describeGeography: `close` then says 'describe'.
 */
export class GeographyPass {
  private held: Array<{ row: Record<string, unknown>; line: string }> | null = [];
  private recognised: RecognisedGeography | undefined;
  private state: 'sampling' | 'none' | 'describe' | 'measuring' = 'sampling';
  private placedBy: CoordinateColumns | undefined;
  private placeCells: Record<string, unknown> = Object.create(null);
  private placeIndex: Array<[name: string, index: number]> = [];
  private boroughIndex: number[] = [];
  private readonly boroughs = new Set<string>();
  private readonly codesSeen = new Set<string>();
  private box: number[] | null = null;
  private placedRows = 0;
  private rowNumber = 0;
  private out: BufferedTextFile | undefined;
  private pending = '';

  constructor(
    private readonly fields: readonly TableSchemaField[],
    private readonly format: string | undefined,
    private readonly workDir: string,
  ) {}

  /** A row as written: its cast values and its NDJSON line (with its line break). */
  row(values: readonly (CastValue | null)[], line: string): void {
    if (this.state === 'measuring') this.measure(values, line);
    else if (this.state === 'sampling') {
      const held = this.held ?? [];
      held.push({ row: JSON.parse(line) as Record<string, unknown>, line });
      if (held.length >= GEOGRAPHY_SAMPLE_ROWS) this.decide();
    }
  }

  /** Writes the features gathered so far (the file is opened on the first call after the columns are known). */
  async flush(): Promise<void> {
    if (!this.placedBy) return;
    this.out ??= await BufferedTextFile.create(join(this.workDir, GEOJSON_NAME));
    this.pushPending();
    if (this.out.hasFullBlocks) await this.out.flush();
  }

  /** The geography and GeoJSON file; undefined when the table has none, 'describe' when describeGeography must read the NDJSON. */
  async close(): Promise<Placed | undefined | 'describe'> {
    if (this.state === 'sampling') this.decide();
    if (this.state === 'none') return undefined;
    if (this.state === 'describe' || !this.recognised) return 'describe';
    if (this.placedBy) {
      await this.flush();
      this.pending += ']}\n';
      this.pushPending();
    }
    const out = this.out;
    const bytes = out ? await out.close() : 0;
    const geography = geographyOf(this.recognised, this.box, this.boroughs, this.placedRows);
    return { geography, ...(out ? { geojson: { path: out.path, bytes, mediaType: GEOJSON_MEDIA_TYPE } } : {}) };
  }

  /** Closes and deletes the GeoJSON file, if any (the upload publishes nothing). */
  async discard(): Promise<void> {
    if (!this.out) return;
    await this.out.abandon().catch(() => undefined);
    await rm(this.out.path, { force: true });
  }

  /** Recognises the columns from the rows held (as describeGeography does), then measures them. */
  private decide(): void {
    const held = this.held ?? [];
    this.held = null;
    const recognised = recogniseGeography(
      this.fields,
      held.map((h) => h.row),
      this.format,
    );
    this.recognised = recognised;
    if (!recognised) {
      this.state = 'none';
      return;
    }
    const placedBy = recognised.placedBy;
    if (placedBy?.kind === 'geometry' || !linesRoundTrip(this.fields, held)) {
      this.state = 'describe';
      return;
    }
    const index = (name: string) => this.fields.findIndex((f) => f.name === name);
    this.boroughIndex = recognised.gssColumns.filter((c) => c.entity === 'E09').map((c) => index(c.name));
    if (placedBy) {
      this.placedBy = placedBy;
      const names = placedBy.kind === 'lat-lon' ? [placedBy.latitude, placedBy.longitude] : [placedBy.easting, placedBy.northing];
      this.placeIndex = names.map((name) => [name, index(name)]);
      this.pending = '{"type":"FeatureCollection","features":[';
    }
    this.state = 'measuring';
    const fields = this.fields;
    for (const { row, line } of held)
      this.measure(
        fields.map((f) => (Object.hasOwn(row, f.name) ? (row[f.name] as CastValue | null) : null)),
        line,
      );
  }

  /** describeGeography's loop body for one row, from its cast values (those of a held row taken from its parsed line). */
  private measure(values: readonly (CastValue | null)[], line: string): void {
    this.rowNumber++;
    for (const i of this.boroughIndex) this.addBoroughCode(i < values.length ? values[i] : null);
    const placedBy = this.placedBy;
    if (!placedBy) return;
    for (const [name, index] of this.placeIndex) {
      const value = index >= 0 && index < values.length ? values[index] : null;
      // A cast -0 is published as 0 (String(-0) is "0"), which is what describeGeography reads.
      this.placeCells[name] = value === 0 ? 0 : value;
    }
    const geometry = rowGeometry(this.placeCells, placedBy);
    if (geometry) {
      this.placedRows++;
      const point = pointOf(geometry);
      let centre: [number, number] | null = null;
      if (point) {
        // extendBox and mergeBox for a single position, without their arrays: the same minima and maxima.
        const [x, y] = point;
        const box = this.box;
        if (box) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        } else this.box = [x, y, x, y];
        centre = point;
      } else {
        const own = extendBox(null, geometry);
        this.box = mergeBox(this.box, own);
        if (own) centre = [(own[0] + own[2]) / 2, (own[1] + own[3]) / 2];
      }
      if (centre && this.boroughs.size < 33 && (this.rowNumber <= FULL_LOOKUPS || this.rowNumber % 10 === 0)) {
        const borough = boroughOf(centre[0], centre[1]);
        if (borough) this.boroughs.add(borough);
      }
    }
    // JSON.stringify({ type: 'Feature', geometry, properties }) with the row's own line as its properties.
    this.pending += `${this.rowNumber > 1 ? ',' : ''}{"type":"Feature","geometry":${geometryText(geometry)},"properties":${line.slice(0, -1)}}`;
    if (this.pending.length >= PENDING_CHARS) this.pushPending();
  }

  /** parseGssCode of a borough column's cell, once per distinct text (a column repeats a few dozen codes). */
  private addBoroughCode(value: unknown): void {
    if (typeof value === 'string' && this.codesSeen.has(value)) return;
    const code = parseGssCode(value);
    if (code?.entity === 'E09') this.boroughs.add(code.code);
    if (typeof value === 'string' && this.codesSeen.size < MAX_CODES_SEEN) this.codesSeen.add(value);
  }

  /** Before the file is open (the first rows after the columns are known) the features wait in `pending`. */
  private pushPending(): void {
    if (!this.out || this.pending === '') return;
    this.out.push(this.pending);
    this.pending = '';
  }
}

/**
 * Whether describeGeography's JSON.stringify(JSON.parse(line)) is each line itself: no column named
 * like an array index (listed first by a JS object) or twice (kept once), checked on the rows held too.
 */
function linesRoundTrip(fields: readonly TableSchemaField[], held: ReadonlyArray<{ row: Record<string, unknown>; line: string }>): boolean {
  const names = fields.map((f) => f.name);
  if (names.some(arrayIndexName) || new Set(names).size !== names.length) return false;
  return held.every(({ row, line }) => JSON.stringify(row) === line.slice(0, -1));
}

/** The position of a Point of two finite numbers (extendBox's box is that position twice). */
function pointOf(geometry: Geometry): [number, number] | null {
  const c = geometry.coordinates;
  if (geometry.type !== 'Point' || !Array.isArray(c) || c.length !== 2) return null;
  const [x, y] = c as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

/** JSON.stringify of a row's geometry: a Point of two finite numbers is written without the call. */
function geometryText(geometry: Geometry | null): string {
  if (!geometry) return 'null';
  const c = geometry.coordinates;
  if (geometry.type === 'Point' && Array.isArray(c) && c.length === 2 && Number.isFinite(c[0]) && Number.isFinite(c[1])) {
    return `{"type":"Point","coordinates":[${String(c[0])},${String(c[1])}]}`;
  }
  return JSON.stringify(geometry);
}
