/**
 * Boundaries uploaded as GeoJSON (`grenzen`): one level and vintage per file,
 * in EPSG:4326 or RD New (EPSG:28992, named in the file's `crs` member;
 * reprojected in PostGIS). Every feature is checked (structure and
 * coordinates here, topology by PostGIS's ST_IsValid) and compared with the
 * stored boundary of the same code and vintage: new, changed or unchanged.
 * On commit a changed boundary moves to `boundary_replaced`, so a rollback
 * restores it; codes the area table lacks become new areas of the batch.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { bboxOf, expand, outlinePaths, type OutlineFeature, type PolygonGeometry } from '../../geo/outline';
import { rowsOf, type Database } from '../db/index';
import { moveReplacedBoundaries } from './loader';
import { readBoundaryFile, type Crs } from './geojson';
import { shown, type ProblemList } from './problems';
import { gemeenteOfCode, levelOfCode, wijkOfCode, type AreaLevel } from './validate';

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];
type BoundaryLevel = Exclude<AreaLevel, 'land'>;

export interface BoundaryStage {
	counts: { rows: number; new: number; changed: number; unchanged: number };
	changes: { indicator: string; labelNl: string; labelEn: string; period: number; new: number; changed: number; unchanged: number }[];
	examples: { areaCode: string; areaName: string | null; indicator: string; period: number; change: 'new' | 'changed'; before: number | null; after: number }[];
	newAreas: string[];
	/** An outline map of the new and changed boundaries (after, filled) over what they replace (before, dashed). */
	map: ChangeMap | null;
}

export interface ChangeMap {
	width: number;
	height: number;
	before: string[];
	after: string[];
}

/** Features drawn on the preview's map at most. */
const MAP_FEATURES = 300;

const LEVEL_EN: Record<BoundaryLevel, string> = { gemeente: 'municipalities', wijk: 'districts', buurt: 'neighbourhoods' };

/** The coordinate system a GeoJSON names in its (pre-RFC 7946) `crs` member; absent means WGS84. */
function crsOf(json: unknown): Crs | { unsupported: string } {
	const name = (json as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
	if (name == null) return 'EPSG:4326';
	const text = String(name);
	if (/(^|[^0-9])28992$/.test(text)) return 'EPSG:28992';
	if (/(^|[^0-9])4326$/.test(text) || /CRS84$/i.test(text)) return 'EPSG:4326';
	return { unsupported: text };
}

/**
 * Reads the GeoJSON at `path` into the temporary table `upload_boundary` and
 * compares it with the stored boundaries. Problems go to `problems` (the
 * caller throws); null when the file could not be staged.
 */
export async function stageBoundaryUpload(
	tx: Tx,
	input: { path: string; name: string; year: number | null; gemeenten: string[] | null },
	sourceId: string,
	areas: Map<string, string | null>,
	problems: ProblemList
): Promise<BoundaryStage | null> {
	const file = input.name;
	const text = (await readFile(input.path, 'utf8')).replace(/^\uFEFF/, '');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		problems.add({ file, reason: `geen geldige JSON: ${shown((e as Error).message)}` });
		return null;
	}
	const crs = crsOf(json);
	if (typeof crs !== 'string') {
		problems.add({
			file,
			field: 'crs',
			reason: `coördinatenstelsel ${shown(crs.unsupported)} wordt niet ondersteund: lever EPSG:4326 (lengte/breedte) of RD New (EPSG:28992)`
		});
		return null;
	}
	const firstCode = (json as { features?: { properties?: { code?: unknown } }[] })?.features?.[0]?.properties?.code;
	const level = typeof firstCode === 'string' ? levelOfCode(firstCode) : null;
	const vintage = input.year ?? Number(/(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(file)?.[1] ?? NaN);
	if (!Number.isInteger(vintage))
		problems.add({ file, field: 'jaar', reason: 'jaargang onbekend: geef het jaar van de grenzen op (of zet het in de bestandsnaam)' });
	const features = readBoundaryFile(text, file, level && level !== 'land' ? level : 'buurt', crs, problems);
	if (!features) return null;
	if (features.length === 0) {
		problems.add({ file, reason: 'geen features in de FeatureCollection' });
		return null;
	}
	if (!level || level === 'land') {
		problems.add({ file, feature: 1, field: 'code', reason: `${shown(String(firstCode ?? ''))} is geen gemeente-, wijk- of buurtcode` });
		return null;
	}
	const seen = new Map<string, number>();
	for (const f of features) {
		const first = seen.get(f.code);
		if (first) problems.add({ file, feature: f.feature, field: 'code', reason: `${f.code} komt twee keer voor (ook feature ${first})` });
		else seen.set(f.code, f.feature);
		const gm = level === 'gemeente' ? f.code : (f.properties.gemeentecode ?? gemeenteOfCode(f.code));
		if (input.gemeenten && (!gm || !input.gemeenten.includes(gm))) {
			problems.add({
				file,
				feature: f.feature,
				field: 'code',
				reason: `${f.code} ligt buiten de gemeente(n) waarvoor u monitor bent (${input.gemeenten.join(', ')})`
			});
		}
	}
	if (problems.size > 0 || !Number.isInteger(vintage)) return null;
	await tx.execute(sql`CREATE TEMPORARY TABLE upload_boundary (
		code text NOT NULL, level text NOT NULL, vintage int NOT NULL, quality text NOT NULL, source_id text NOT NULL,
		name text, gemeente_code text, wijk_code text, feature int NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL) ON COMMIT DROP`);
	const srid = crs === 'EPSG:28992' ? 28992 : 4326;
	for (let i = 0; i < features.length; i += 500) {
		const part = features.slice(i, i + 500).map((f) => ({
			code: f.code,
			quality: f.properties.geometry_quality ?? 'exact',
			name: f.properties.name?.trim() || null,
			gm: level === 'gemeente' ? f.code : (f.properties.gemeentecode ?? gemeenteOfCode(f.code)),
			wk: level === 'buurt' ? (f.properties.wijkcode ?? wijkOfCode(f.code)) : null,
			feature: f.feature,
			geometry: JSON.stringify(f.geometry)
		}));
		await tx.execute(sql`
			INSERT INTO upload_boundary
			SELECT r.code, ${level}, ${vintage}, r.quality, ${sourceId}, r.name, r.gm, r.wk, r.feature,
				ST_Multi(CASE WHEN ${srid}::int = 4326 THEN ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
					ELSE ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), ${srid}::int), 4326) END)
			FROM json_to_recordset(${JSON.stringify(part)}::json) AS r(code text, quality text, name text, gm text, wk text, feature int, geometry text)`);
	}
	const invalid = rowsOf<{ code: string; feature: number; reason: string }>(
		await tx.execute(sql`SELECT code, feature, ST_IsValidReason(geom) AS reason FROM upload_boundary WHERE NOT ST_IsValid(geom) ORDER BY feature LIMIT 50`)
	);
	for (const b of invalid) problems.add({ file, feature: Number(b.feature), field: 'geometry', reason: `${b.code}: ongeldige geometrie (${shown(b.reason)})` });
	if (invalid.length) return null;
	const [c] = rowsOf<{ n: number; new: number; changed: number; unchanged: number }>(
		await tx.execute(sql`
			SELECT count(*)::int AS n,
				count(*) FILTER (WHERE b.code IS NULL)::int AS new,
				count(*) FILTER (WHERE b.code IS NOT NULL AND NOT ST_Equals(b.geom, u.geom))::int AS changed,
				count(*) FILTER (WHERE b.code IS NOT NULL AND ST_Equals(b.geom, u.geom))::int AS unchanged
			FROM upload_boundary u LEFT JOIN boundary b ON b.code = u.code AND b.vintage = u.vintage`)
	);
	const examples = rowsOf<{ code: string; name: string | null; before: number | null; after: number }>(
		await tx.execute(sql`
			SELECT u.code, coalesce(a.name, u.name) AS name,
				round((ST_Area(ST_Transform(b.geom, 28992)) / 1e6)::numeric, 3)::float8 AS before,
				round((ST_Area(ST_Transform(u.geom, 28992)) / 1e6)::numeric, 3)::float8 AS after
			FROM upload_boundary u LEFT JOIN boundary b ON b.code = u.code AND b.vintage = u.vintage LEFT JOIN area a ON a.code = u.code
			WHERE b.code IS NULL OR NOT ST_Equals(b.geom, u.geom) ORDER BY u.feature LIMIT 12`)
	);
	const counts = { rows: Number(c.n), new: Number(c.new), changed: Number(c.changed), unchanged: Number(c.unchanged) };
	const map = await changeMap(tx);
	return {
		counts,
		changes: [{ indicator: `grenzen-${level}`, labelNl: `Grenzen ${level}`, labelEn: `Boundaries ${LEVEL_EN[level]}`, period: vintage, ...counts }].map(
			({ rows: _rows, ...rest }) => rest
		),
		examples: examples.map((e) => ({
			areaCode: e.code,
			areaName: e.name,
			indicator: 'oppervlakte (km²)',
			period: vintage,
			change: e.before == null ? 'new' : 'changed',
			before: e.before == null ? null : Number(e.before),
			after: Number(e.after)
		})),
		newAreas: features.filter((f) => !areas.has(f.code)).map((f) => f.code),
		map
	};
}

/** The new and changed boundaries and those they replace, simplified to about 10 m, as SVG paths of a 320 × 220 map. */
async function changeMap(tx: Tx): Promise<ChangeMap | null> {
	const rows = rowsOf<{ code: string; after: string; before: string | null }>(
		await tx.execute(sql`
			SELECT u.code, ST_AsGeoJSON(ST_SimplifyPreserveTopology(u.geom, 0.0001), 5) AS after,
				ST_AsGeoJSON(ST_SimplifyPreserveTopology(b.geom, 0.0001), 5) AS before
			FROM upload_boundary u LEFT JOIN boundary b ON b.code = u.code AND b.vintage = u.vintage
			WHERE b.code IS NULL OR NOT ST_Equals(b.geom, u.geom) ORDER BY u.feature LIMIT ${MAP_FEATURES}`)
	);
	const after: OutlineFeature[] = rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.after) as PolygonGeometry }));
	const before: OutlineFeature[] = rows.filter((r) => r.before).map((r) => ({ code: r.code, geometry: JSON.parse(r.before!) as PolygonGeometry }));
	const box = bboxOf([...after, ...before]);
	if (!box) return null;
	const fit = expand(box, 0.05);
	const width = 320;
	const height = 220;
	return {
		width,
		height,
		before: outlinePaths(before, fit, width, height, 6).map((p) => p.d),
		after: outlinePaths(after, fit, width, height, 6).map((p) => p.d)
	};
}

/** Writes the staged boundaries as batch `batchId`: changed ones move to the history first; unknown codes become areas. */
export async function writeBoundaryUpload(tx: Tx, batchId: number): Promise<void> {
	await tx.execute(
		moveReplacedBoundaries(
			sql`EXISTS (SELECT 1 FROM upload_boundary u WHERE u.code = b.code AND u.vintage = b.vintage AND NOT ST_Equals(u.geom, b.geom))`,
			batchId
		)
	);
	await tx.execute(sql`
		INSERT INTO boundary (code, level, vintage, geometry_quality, source_id, geom, batch_id)
		SELECT u.code, u.level, u.vintage, u.quality, u.source_id, u.geom, ${batchId}
		FROM upload_boundary u WHERE NOT EXISTS (SELECT 1 FROM boundary b WHERE b.code = u.code AND b.vintage = u.vintage)`);
	await tx.execute(sql`
		INSERT INTO area (code, level, name, gemeente_code, wijk_code, superseded, batch_id)
		SELECT u.code, u.level, u.name, u.gemeente_code, u.wijk_code, false, ${batchId}
		FROM upload_boundary u ON CONFLICT (code) DO NOTHING`);
}
