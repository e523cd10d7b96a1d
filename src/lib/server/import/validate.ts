/**
 * Row and feature validation for imports. Pure: no database, no files.
 * Every check returns the reasons it found; the caller adds file and line.
 */
import { z } from 'zod';
import { INDICATOR_KINDS } from '../../indicators/registry';

export type AreaLevel = 'land' | 'gemeente' | 'wijk' | 'buurt';

const CODE_PATTERNS: Record<AreaLevel, RegExp> = {
	land: /^NL\d{2}$/,
	gemeente: /^GM\d{4}$/,
	wijk: /^WK\d{4}[0-9A-Z]{2}$/,
	buurt: /^BU\d{4}[0-9A-Z]{4}$/
};

/** The level a CBS area code belongs to, or null when it is no CBS code. */
export function levelOfCode(code: string): AreaLevel | null {
	for (const [level, re] of Object.entries(CODE_PATTERNS) as [AreaLevel, RegExp][]) {
		if (re.test(code)) return level;
	}
	return null;
}

/** GM code of the gemeente a wijk or buurt code lies in (CBS codes embed it). */
export function gemeenteOfCode(code: string): string | null {
	return /^(WK|BU)\d{4}/.test(code) ? `GM${code.slice(2, 6)}` : null;
}

/** WK code of the wijk a buurt code lies in. */
export function wijkOfCode(code: string): string | null {
	return /^BU\d{4}[0-9A-Z]{2}/.test(code) ? `WK${code.slice(2, 8)}` : null;
}

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export const OBSERVATION_HEADER = ['area_code', 'area_level', 'period', 'indicator', 'value', 'source'] as const;

export const observationRow = z
	.object({
		area_code: z.string().refine((c) => levelOfCode(c) !== null, 'geen CBS-gebiedscode (NLnn, GMgggg, WKggggww of BUggggwwbb)'),
		area_level: z.enum(['land', 'gemeente', 'wijk', 'buurt'], 'moet land, gemeente, wijk of buurt zijn'),
		period: z.string().regex(/^\d{4}$/, 'geen jaartal (JJJJ)').transform(Number),
		indicator: z.string().min(1, 'leeg'),
		value: z
			.string()
			.regex(DECIMAL, 'geen getal (verwacht een decimaal getal met punt, zonder duizendtalscheiding); een ontbrekende waarde laat u weg')
			.transform(Number),
		source: z.string().min(1, 'leeg')
	})
	.superRefine((r, ctx) => {
		const level = levelOfCode(r.area_code);
		if (level && level !== r.area_level) {
			ctx.addIssue({ code: 'custom', path: ['area_level'], message: `code ${r.area_code} is een ${level}, niet een ${r.area_level}` });
		}
	});
export type ObservationRow = z.output<typeof observationRow>;

const bool = z.enum(['true', 'false', ''], 'moet true, false of leeg zijn');

export const indicatorRow = z.object({
	indicator: z.string().regex(/^[a-z0-9_]+$/, 'alleen kleine letters, cijfers en _'),
	label_nl: z.string().min(1, 'leeg'),
	label_en: z.string().min(1, 'leeg'),
	unit: z.string().min(1, 'leeg'),
	definition_nl: z.string(),
	definition_en: z.string(),
	higher_is_better: bool,
	kind: z.enum(INDICATOR_KINDS, 'moet count, rate, currency of index zijn'),
	denominator_indicator: z.string(),
	estimate: z.enum(['true', 'false'], 'moet true of false zijn'),
	theme: z.string().min(1, 'leeg'),
	source_table: z.string()
});
export type IndicatorRow = z.output<typeof indicatorRow>;

export const focusAreaRecord = z.object({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string().min(1),
	municipality: z.string().min(1),
	gemeentecode: z.string().regex(CODE_PATTERNS.gemeente),
	programme: z.string().min(1),
	level: z.enum(['wijk', 'buurt']),
	codes: z.array(z.string()).min(1),
	partial_codes: z.array(z.string()).default([]),
	population_kwb2024: z.number().int().nullable().optional(),
	population_cbs_reference: z.number().int().nullable().optional(),
	confidence: z.string(),
	part_of: z.string().nullable().optional(),
	sources: z.array(z.string()),
	notes: z.string().nullable().optional()
});
export type FocusAreaRecord = z.output<typeof focusAreaRecord>;

/** Human-readable reasons of a zod failure, one per field. */
export function zodProblems(error: z.ZodError): { field?: string; reason: string }[] {
	return error.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : undefined, reason: i.message }));
}

type Position = number[];

/**
 * Checks a GeoJSON geometry's structure and that its coordinates fit the
 * declared CRS over the Netherlands. Returns reasons; empty means fine.
 * Topological validity (self-intersections) is checked by PostGIS afterwards.
 */
export function geometryProblems(geometry: unknown, crs: 'EPSG:4326' | 'EPSG:28992'): string[] {
	if (!geometry || typeof geometry !== 'object') return ['geometrie ontbreekt'];
	const g = geometry as { type?: unknown; coordinates?: unknown };
	let polygons: unknown[];
	if (g.type === 'Polygon') polygons = [g.coordinates];
	else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
	else return [`geometrietype ${String(g.type)} wordt niet ondersteund (verwacht Polygon of MultiPolygon)`];
	if (polygons.length === 0) return ['lege MultiPolygon'];
	const problems: string[] = [];
	let sample: Position | null = null;
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
			for (const p of ring as unknown[]) {
				if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
					problems.push(`${where}: ongeldig coördinatenpaar ${JSON.stringify(p)}`);
					return;
				}
			}
			const first = ring[0] as Position;
			const last = ring[ring.length - 1] as Position;
			if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where}: ring is niet gesloten (eerste punt ≠ laatste punt)`);
			sample ??= first;
		});
	});
	if (problems.length || !sample) return problems;
	const [x, y] = sample as Position;
	if (crs === 'EPSG:4326') {
		if (Math.abs(x) > 180 || Math.abs(y) > 90) {
			const rd = x > -10000 && x < 320000 && y > 280000 && y < 650000;
			problems.push(
				`coördinaat (${x}, ${y}) is geen lengte/breedtegraad (EPSG:4326)` +
					(rd ? '; het lijkt RD New (EPSG:28992): geef het coördinatenstelsel op als EPSG:28992' : '')
			);
		} else if (x < 2.5 || x > 7.6 || y < 50.6 || y > 53.8) {
			problems.push(
				`coördinaat (${x}, ${y}) ligt niet in Nederland` + (y >= 2.5 && y <= 7.6 && x >= 50.6 && x <= 53.8 ? '; lengte en breedte lijken verwisseld' : '')
			);
		}
	} else if (x < -10000 || x > 320000 || y < 280000 || y > 650000) {
		problems.push(`coördinaat (${x}, ${y}) ligt niet in het bereik van RD New (EPSG:28992) in Nederland`);
	}
	return problems;
}
