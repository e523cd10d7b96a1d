/**
 * Values for the map: one indicator, one level, one year, as `{code: value}`
 * with the metadata the legend, tooltip and table need (see $lib/map/values).
 * Values come from published observations of the areas themselves; the
 * reference average of a gemeente (or of the Netherlands) and the values of
 * focus areas come from the one aggregation module through `seriesFor`.
 */
import { sql } from 'drizzle-orm';
import { decimalsOf } from '../../indicators/format';
import { differenceClasses, valueClasses } from '../../map/legend';
import { rankAmong } from '../../map/ranking';
import type { SuppressionConfig, SuppressionReason } from '../../indicators/suppression';
import type { ClassMethod } from '../../map/classify';
import type { AreaLevel } from '../../map/tiles';
import type { FocusPosition, MapArea, MapValues, Reference } from '../../map/values';
import { rowsOf, type Db } from '../db/index';
import { indicatorByKey, indicatorMeta } from './indicators';
import { seriesFor, targetKey, type Target } from './observations';
import { sourceLabels } from './sources';

export interface MapValuesQuery {
	indicator: string;
	/** Null: the latest year with values. A year without values also falls back to the latest. */
	period: number | null;
	level: AreaLevel;
	/** Restrict wijken/buurten to one gemeente; at gemeente level all gemeenten are returned. */
	gemeente: string | null;
	method: ClassMethod;
}

export interface MapValuesOptions {
	/** Withhold wijk and buurt values of too few inhabitants or cases, as every other page does. */
	suppression?: SuppressionConfig | null;
}

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q));

/** Years in which areas of `level` (in `gemeente`) with a boundary have a value. */
async function periodsFor(db: Db, q: MapValuesQuery): Promise<number[]> {
	const inGemeente = q.gemeente && q.level !== 'gemeente' ? sql`AND a.gemeente_code = ${q.gemeente}` : sql``;
	const r = await rows<{ period: number }>(
		db,
		sql`SELECT DISTINCT o.period FROM observation o
			JOIN area a ON a.code = o.area_code
			WHERE o.indicator = ${q.indicator} AND a.level = ${q.level} ${inGemeente}
				AND EXISTS (SELECT 1 FROM boundary b WHERE b.code = o.area_code)
			ORDER BY 1`
	);
	return r.map((x) => Number(x.period));
}

/** Newest boundary vintage of a level, or null when there are no boundaries. */
export async function newestVintage(db: Db, level: string): Promise<number | null> {
	const [r] = await rows<{ v: number | null }>(db, sql`SELECT max(vintage) AS v FROM boundary WHERE level = ${level}`);
	return r?.v == null ? null : Number(r.v);
}

/**
 * The boundary vintage whose codes match the values of this year best: gemeente
 * codes change with mergers, so 2016 figures belong on another map than 2024's.
 * Ties go to the newer vintage.
 */
async function bestVintage(db: Db, q: MapValuesQuery, period: number | null): Promise<number | null> {
	if (period != null) {
		// Materialised: without table statistics (a fresh embedded database) the planner
		// otherwise nests 16 000 index probes into a bitmap AND (9 s instead of 0.1 s).
		const [r] = await rows<{ vintage: number }>(
			db,
			sql`WITH codes AS MATERIALIZED (SELECT area_code FROM observation WHERE indicator = ${q.indicator} AND period = ${period}),
					bs AS MATERIALIZED (SELECT code, vintage FROM boundary WHERE level = ${q.level})
				SELECT bs.vintage, count(*) AS n FROM bs JOIN codes ON codes.area_code = bs.code
				GROUP BY bs.vintage ORDER BY n DESC, bs.vintage DESC LIMIT 1`
		);
		if (r) return Number(r.vintage);
	}
	return newestVintage(db, q.level);
}

interface AreaRow {
	code: string;
	name: string;
	gm: string | null;
	quality: string;
	value: number | null;
	provisional: boolean | null;
	source_id: string | null;
}

/**
 * Wijk and buurt values that may not be shown (small numbers), decided by the
 * same code as every other page (`seriesFor` with suppression), so the map
 * cannot give away what the area pages withhold. code → reason.
 */
async function withheld(db: Db, indicator: string, period: number, codes: string[], suppression: SuppressionConfig): Promise<Map<string, SuppressionReason>> {
	const out = new Map<string, SuppressionReason>();
	const areaCodes = codes.filter((c) => c.startsWith('WK') || c.startsWith('BU'));
	if (!areaCodes.length) return out;
	const series = await seriesFor(db, areaCodes.map((code) => ({ type: 'area', code }) as const), indicator, { suppression });
	for (const code of areaCodes) {
		const p = series.get(targetKey({ type: 'area', code }))?.find((x) => x.period === period);
		if (p?.suppressed) out.set(code, p.suppressed);
	}
	return out;
}

/** Null when the indicator is unknown. */
export async function mapValues(db: Db, q: MapValuesQuery, opts: MapValuesOptions = {}): Promise<MapValues | null> {
	const ind = await indicatorByKey(db, q.indicator);
	if (!ind) return null;
	const periods = await periodsFor(db, q);
	const period = q.period != null && periods.includes(q.period) ? q.period : (periods.at(-1) ?? null);
	const vintage = (await bestVintage(db, q, period)) ?? new Date().getFullYear();

	const [gmRow] = q.gemeente ? await rows<{ name: string | null }>(db, sql`SELECT name FROM area WHERE code = ${q.gemeente}`) : [];
	const gemeente = q.gemeente && gmRow ? { code: q.gemeente, name: gmRow.name ?? q.gemeente } : null;

	// Every area of the gemeente (to list those without a figure too); NL-wide only areas with a value.
	const scope =
		q.level === 'gemeente' ? sql`` : gemeente ? sql`AND a.gemeente_code = ${gemeente.code}` : sql`AND o.value IS NOT NULL`;
	const areaRows = await rows<AreaRow>(
		db,
		sql`SELECT b.code, coalesce(a.name, b.code) AS name,
				CASE WHEN b.level = 'gemeente' THEN b.code ELSE a.gemeente_code END AS gm,
				b.geometry_quality AS quality, o.value, o.provisional, o.source_id
			FROM boundary b
			LEFT JOIN area a ON a.code = b.code
			LEFT JOIN observation o ON o.area_code = b.code AND o.indicator = ${ind.key} AND o.period = ${period ?? -1}
			WHERE b.level = ${q.level} AND b.vintage = ${vintage} ${scope}
			ORDER BY b.code`
	);

	const hidden =
		opts.suppression && period != null
			? await withheld(db, ind.key, period, areaRows.filter((r) => r.value != null).map((r) => r.code), opts.suppression)
			: new Map<string, SuppressionReason>();

	const values: Record<string, number> = {};
	const areas: Record<string, MapArea> = {};
	const sourceIds = new Set<string>();
	let provisional = false;
	for (const r of areaRows) {
		const a: MapArea = { name: r.name, gm: r.gm };
		if (r.quality !== 'exact') a.quality = r.quality;
		const reason = hidden.get(r.code);
		if (reason) a.suppressed = reason;
		else if (r.value != null) {
			values[r.code] = Number(r.value);
			if (r.provisional) a.provisional = provisional = true;
			if (r.source_id) {
				a.source = r.source_id;
				sourceIds.add(r.source_id);
			}
		}
		areas[r.code] = a;
	}

	// References: each gemeente's own value; for gemeenten, the Netherlands.
	const references: Record<string, Reference> = {};
	if (period != null) {
		if (q.level === 'gemeente') {
			const nl = (await seriesFor(db, [{ type: 'nl' }], ind.key)).get('nl')?.find((p) => p.period === period);
			if (nl?.value != null) references.NL01 = { code: 'NL01', name: 'Nederland', value: nl.value, period };
		} else {
			const gms = [...new Set(areaRows.map((r) => r.gm).filter((g): g is string => Boolean(g)))];
			if (gms.length) {
				const refRows = await rows<{ code: string; name: string | null; value: number }>(
					db,
					sql`SELECT o.area_code AS code, a.name, o.value FROM observation o LEFT JOIN area a ON a.code = o.area_code
						WHERE o.indicator = ${ind.key} AND o.period = ${period}
							AND o.area_code IN (SELECT jsonb_array_elements_text(${JSON.stringify(gms)}::jsonb))`
				);
				for (const r of refRows) references[r.code] = { code: r.code, name: r.name ?? r.code, value: Number(r.value), period };
			}
			// No published figure for the chosen gemeente: aggregate it from its wijken and buurten.
			if (gemeente && !references[gemeente.code]) {
				const agg = (await seriesFor(db, [{ type: 'area', code: gemeente.code }], ind.key)).get(targetKey({ type: 'area', code: gemeente.code }));
				const p = agg?.find((x) => x.period === period);
				if (p?.value != null) references[gemeente.code] = { code: gemeente.code, name: gemeente.name, value: p.value, period };
			}
		}
	}
	const referenceOf = (gm: string | null) => (q.level === 'gemeente' ? references.NL01 : gm ? references[gm] : undefined);
	const differences: Record<string, number> = {};
	for (const [code, v] of Object.entries(values)) {
		const ref = referenceOf(areas[code]?.gm ?? null);
		// Rounded off float noise (22.5 − 17.5 is 5, not 4.999999999999998).
		if (ref) differences[code] = Math.round((v - ref.value) * 1e6) / 1e6;
	}

	const focusAreas =
		period == null
			? []
			: await focusPositions(db, ind.key, period, q.level === 'gemeente' ? null : (gemeente?.code ?? null), values, references, ind.higherIsBetter, opts.suppression ?? null);

	// One source for all areas (the usual case): it is said once, not per area.
	if (sourceIds.size === 1) for (const a of Object.values(areas)) delete a.source;
	const labels = await sourceLabels(db);
	const decimals = decimalsOf(ind);
	return {
		indicator: indicatorMeta(ind),
		level: q.level,
		period,
		periods,
		vintage,
		gemeente,
		values,
		differences,
		areas,
		references,
		sources: [...sourceIds].sort().map((id) => ({ id, label: labels[id]?.label ?? id, attribution: labels[id]?.attribution ?? id })),
		provisional,
		classes: valueClasses(Object.values(values), { method: q.method, higherIsBetter: ind.higherIsBetter, decimals }),
		differenceClasses: differenceClasses(Object.values(differences), { higherIsBetter: ind.higherIsBetter, decimals }),
		focusAreas
	};
}

/** Focus areas (of one gemeente, or all) with their aggregated value and where they rank among `values`. */
async function focusPositions(
	db: Db,
	indicator: string,
	period: number,
	gemeente: string | null,
	values: Record<string, number>,
	references: Record<string, Reference>,
	higherIsBetter: boolean | null,
	suppression: SuppressionConfig | null
): Promise<FocusPosition[]> {
	const where = gemeente ? sql`WHERE f.gemeente_code = ${gemeente}` : sql``;
	const focus = await rows<{ id: string; name: string; gemeente: string; level: 'wijk' | 'buurt'; members: string[] }>(
		db,
		sql`SELECT f.id, f.name, f.gemeente_code AS gemeente, f.level,
				coalesce(json_agg(m.area_code ORDER BY m.area_code) FILTER (WHERE m.area_code IS NOT NULL), '[]') AS members
			FROM focus_area f LEFT JOIN focus_area_member m ON m.focus_area_id = f.id ${where}
			GROUP BY f.id, f.name, f.gemeente_code, f.level ORDER BY f.name`
	);
	if (!focus.length) return [];
	const targets: Target[] = focus.map((f) => ({ type: 'focus', id: f.id }));
	const series = await seriesFor(db, targets, indicator, { suppression });
	const all = Object.values(values);
	return focus.map((f) => {
		const p = series.get(targetKey({ type: 'focus', id: f.id }))?.find((x) => x.period === period);
		const value = p?.value ?? null;
		const suppressed = p?.suppressed ?? null;
		const ref = references[f.gemeente];
		const members = typeof f.members === 'string' ? (JSON.parse(f.members) as string[]) : f.members;
		return {
			id: f.id,
			name: f.name,
			gemeente: f.gemeente,
			level: f.level,
			members,
			value,
			difference: value != null && ref ? Math.round((value - ref.value) * 1e6) / 1e6 : null,
			rank: value != null && all.length ? rankAmong(value, all, higherIsBetter) : null,
			...(suppressed ? { suppressed } : {})
		};
	});
}

const cache = new Map<string, Promise<MapValues | null>>();
const CACHE_SIZE = 32;

/**
 * `mapValues`, remembered per data version: the NL-wide buurt view takes
 * seconds (suppression over every gemeente), and a new import changes the
 * version, so nothing stale is served.
 */
export function cachedMapValues(db: Db, version: string, q: MapValuesQuery, opts: MapValuesOptions = {}): Promise<MapValues | null> {
	const key = JSON.stringify([version, q, opts.suppression ?? null]);
	let hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	hit = mapValues(db, q, opts);
	cache.set(key, hit);
	hit.catch(() => cache.delete(key));
	while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
	return hit;
}
