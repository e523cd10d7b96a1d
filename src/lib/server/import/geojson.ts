/**
 * The GeoJSON reader of the importer: a boundary file is a FeatureCollection of
 * Polygon/MultiPolygon features whose properties name a CBS area. Structure and
 * every coordinate are checked here, so that nothing reaches PostGIS that it
 * would refuse with a raw error; topology (self-intersections) is left to
 * PostGIS's ST_IsValid after loading.
 */
import { z } from 'zod';
import { shown, type ProblemList } from './problems';
import { CODE_PATTERNS, levelOfCode, parseNl, text, zodProblems, type AreaLevel } from './validate';

export type Crs = 'EPSG:4326' | 'EPSG:28992';

const featureCollection = z.object({
	type: z.literal('FeatureCollection', 'geen GeoJSON FeatureCollection'),
	features: z.array(z.unknown(), 'geen GeoJSON FeatureCollection (features ontbreekt)')
});

/** Properties of a boundary feature; other properties are allowed and ignored. */
export const boundaryProperties = z.looseObject({
	code: z.string('code ontbreekt'),
	name: text().nullish(),
	gemeentecode: z.string().regex(CODE_PATTERNS.gemeente, 'geen gemeentecode (GMgggg)').optional(),
	wijkcode: z.string().regex(CODE_PATTERNS.wijk, 'geen wijkcode (WKggggww)').optional(),
	geometry_quality: text().max(60, 'langer dan 60 tekens').optional()
});
export type BoundaryProperties = z.output<typeof boundaryProperties>;

const boundaryFeature = z.object({
	properties: boundaryProperties,
	geometry: z.unknown()
});

export interface BoundaryFeature {
	/** 1-based position in the file */
	feature: number;
	code: string;
	properties: BoundaryProperties;
	geometry: unknown;
}

/**
 * Reads one boundary file of `level` in `crs`. Features whose properties have a
 * problem are reported and left out; a bad geometry is reported and its feature
 * kept (the caller refuses the package anyway). Null when the file is no
 * FeatureCollection at all.
 */
export function readBoundaryFile(json: string, file: string, level: AreaLevel, crs: Crs, problems: ProblemList): BoundaryFeature[] | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch (e) {
		problems.add({ file, reason: `geen geldige JSON: ${shown((e as Error).message)}` });
		return null;
	}
	const fc = parseNl(featureCollection, parsed);
	if (!fc.success) {
		problems.add({ file, reason: zodProblems(fc.error)[0].reason });
		return null;
	}
	const out: BoundaryFeature[] = [];
	fc.data.features.forEach((raw, idx) => {
		const feature = idx + 1;
		const f = parseNl(boundaryFeature, raw);
		if (!f.success) {
			for (const p of zodProblems(f.error)) problems.add({ file, feature, field: p.field?.replace(/^properties\./, ''), reason: p.reason });
			// With a usable code the area still exists: keep it (the package is refused anyway),
			// so that its figures are not reported as unknown too.
			const code = (raw as { properties?: { code?: unknown } })?.properties?.code;
			if (typeof code === 'string' && levelOfCode(code) === level) out.push({ feature, code, properties: { code }, geometry: null });
			return;
		}
		const { code } = f.data.properties;
		if (levelOfCode(code) !== level) {
			problems.add({ file, feature, field: 'code', reason: code ? `${shown(code)} is geen ${level}code` : 'code ontbreekt' });
			return;
		}
		const geometry = f.data.geometry;
		for (const reason of geometryProblems(geometry, crs)) problems.add({ file, feature, field: 'geometry', reason: `${code}: ${reason}` });
		// Kept even with a bad geometry: the area exists, and its figures should not be reported as unknown too.
		out.push({ feature, code, properties: f.data.properties, geometry });
	});
	return out;
}

type Position = number[];

/** Whether a position is a pair (or triple) of finite numbers. */
const isPosition = (p: unknown): p is Position =>
	Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((c) => typeof c === 'number' && Number.isFinite(c));

/** A reason when a valid position lies outside the Netherlands in `crs`, else null. */
function outsideReason([x, y]: Position, crs: Crs): string | null {
	if (crs === 'EPSG:4326') {
		if (Math.abs(x) > 180 || Math.abs(y) > 90) {
			const rd = x > -10000 && x < 320000 && y > 280000 && y < 650000;
			return (
				`coördinaat (${x}, ${y}) is geen lengte/breedtegraad (EPSG:4326)` +
				(rd ? '; het lijkt RD New (EPSG:28992): geef het coördinatenstelsel op als EPSG:28992' : '')
			);
		}
		if (x < 2.5 || x > 7.6 || y < 50.6 || y > 53.8) {
			return `coördinaat (${x}, ${y}) ligt niet in Nederland` + (y >= 2.5 && y <= 7.6 && x >= 50.6 && x <= 53.8 ? '; lengte en breedte lijken verwisseld' : '');
		}
		return null;
	}
	if (x < -10000 || x > 320000 || y < 280000 || y > 650000) {
		return `coördinaat (${x}, ${y}) ligt niet in het bereik van RD New (EPSG:28992) in Nederland`;
	}
	return null;
}

/**
 * Checks a GeoJSON geometry's structure and that every coordinate fits the
 * declared CRS over the Netherlands. Returns reasons; empty means fine.
 * Topological validity (self-intersections) is checked by PostGIS afterwards.
 */
export function geometryProblems(geometry: unknown, crs: Crs): string[] {
	if (!geometry || typeof geometry !== 'object') return ['geometrie ontbreekt'];
	const g = geometry as { type?: unknown; coordinates?: unknown };
	let polygons: unknown[];
	if (g.type === 'Polygon') polygons = [g.coordinates];
	else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
	else return [`geometrietype ${shown(String(g.type))} wordt niet ondersteund (verwacht Polygon of MultiPolygon)`];
	if (polygons.length === 0) return ['lege MultiPolygon'];
	const problems: string[] = [];
	// One place outside the CRS's range is enough to say (a swapped or wrong CRS moves every point).
	let outside: string | null = null;
	polygons.forEach((poly, pi) => {
		if (!Array.isArray(poly) || poly.length === 0) {
			problems.push(`polygoon ${pi + 1} heeft geen ringen`);
			return;
		}
		poly.forEach((ring: unknown, ri) => {
			const where = `polygoon ${pi + 1}, ring ${ri + 1}`;
			if (!Array.isArray(ring) || ring.length < 4) {
				problems.push(`${where}: een ring heeft minstens 4 punten nodig`);
				return;
			}
			for (const [i, p] of (ring as unknown[]).entries()) {
				if (!isPosition(p)) {
					// JSON turns 1e999 into Infinity, which JSON.stringify shows as null: name it.
					const text = Array.isArray(p) ? `[${p.map((c) => (typeof c === 'number' ? String(c) : JSON.stringify(c))).join(', ')}]` : JSON.stringify(p);
					problems.push(`${where}, punt ${i + 1}: ongeldig coördinatenpaar ${shown(text)}`);
					return;
				}
				if (!outside) {
					const reason = outsideReason(p, crs);
					if (reason) outside = i === 0 && ri === 0 && pi === 0 ? reason : `${where}, punt ${i + 1}: ${reason}`;
				}
			}
			const first = ring[0] as Position;
			const last = ring[ring.length - 1] as Position;
			if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where}: ring is niet gesloten (eerste punt ≠ laatste punt)`);
		});
	});
	if (outside && !problems.length) problems.push(outside);
	return problems;
}
