/**
 * Everything the area page (/gebied/[id]) and its CSV export show: the area
 * (a focus area or a CBS gemeente, wijk or buurt), its members on a small
 * outline map, and per indicator with data its series next to the chosen
 * references (city, rest of the city, NL, G4) and added areas. Every value
 * comes from seriesForIndicators (one aggregation module, small numbers
 * withheld); about fifteen small queries in all, whatever the number of
 * indicators.
 */
import { and, eq, inArray, max, or, sql } from 'drizzle-orm';
import { coverageShare, isComplete } from '../../indicators/aggregate';
import type { SuppressionConfig } from '../../indicators/suppression';
import { MAX_EXTRA, REFERENCES, referencesFor, type AreaKind, type ReferenceKey } from '../../indicators/references';
import { compareThemes, themesOf } from '../../indicators/registry';
import { bboxOf, expand, outlinePaths, type OutlineFeature, type PolygonGeometry } from '../../charts/outline';
import { rowsOf, type Db } from '../db/index';
import { area, focusArea, focusAreaMember, importBatch } from '../db/schema/index';
import { areaByCode, focusAreaById, listFocusAreas } from './areas';
import { indicatorMeta, listIndicators, type Indicator } from './indicators';
import { seriesForIndicators, targetKey, type SeriesPoint, type Target } from './observations';
import { sourceLabels } from './sources';


export type { AreaKind, AreaOutline, AreaPage, AreaSubject, PageIndicator, PagePoint, PageSeries, ReferenceKey, SeriesRole } from '../../area/types';
import type { AreaOutline, AreaPage, AreaSubject, PageIndicator, PagePoint, PageSeries } from '../../area/types';

export interface AreaPageOptions {
	/** null: the defaults for the kind of area (all that apply). */
	references: ReferenceKey[] | null;
	extra: string[];
	indicators: string[] | null;
	suppression: SuppressionConfig;
	/** Leave out the chooser lists and the outline (CSV export, benchmarks of the figures only). */
	figuresOnly?: boolean;
}

interface Resolved {
	subject: AreaSubject;
	target: Target;
}

const levelOf = (code: string): 'gemeente' | 'wijk' | 'buurt' => (code.startsWith('GM') ? 'gemeente' : code.startsWith('WK') ? 'wijk' : 'buurt');

/** A focus-area id or CBS code (any case) → the area and its series target; null when unknown. */
export async function resolveArea(db: Db, id: string): Promise<Resolved | null> {
	const focus = /^[a-z0-9-]+$/.test(id) ? await focusAreaById(db, id) : null;
	if (focus) {
		return {
			target: { type: 'focus', id: focus.id },
			subject: {
				kind: 'focus',
				id: focus.id,
				name: focus.name,
				gemeenteCode: focus.gemeenteCode,
				municipality: focus.municipality,
				programme: focus.programme,
				confidence: focus.confidence,
				notes: focus.notes,
				wijk: null,
				partOf: [],
				members: focus.members.map((m) => ({ code: m.code, name: m.name, level: levelOf(m.code), partial: m.partial, quality: null })),
				population: null,
				supersededNote: null
			}
		};
	}
	const a = await areaByCode(db, id.toUpperCase());
	if (!a) return null;
	const parents = [a.gemeenteCode, a.wijkCode].filter((c): c is string => Boolean(c) && c !== a.code);
	const named = parents.length ? await db.select({ code: area.code, name: area.name }).from(area).where(inArray(area.code, parents)) : [];
	const nameOf = (c: string | null) => (c ? (named.find((n) => n.code === c)?.name ?? null) : null);
	const inFocus = await db
		.selectDistinct({ id: focusArea.id, name: focusArea.name, programme: focusArea.programme })
		.from(focusAreaMember)
		.innerJoin(focusArea, eq(focusArea.id, focusAreaMember.focusAreaId))
		.where(or(eq(focusAreaMember.areaCode, a.code), a.wijkCode ? eq(focusAreaMember.areaCode, a.wijkCode) : sql`false`));
	const kind: AreaKind = a.level;
	return {
		target: { type: 'area', code: a.code },
		subject: {
			kind,
			id: a.code,
			name: a.name ?? a.code,
			gemeenteCode: a.level === 'land' ? null : a.gemeenteCode,
			municipality: a.level === 'gemeente' ? a.name : nameOf(a.gemeenteCode),
			programme: inFocus[0]?.programme ?? null,
			confidence: null,
			notes: null,
			wijk: a.level === 'buurt' && a.wijkCode ? { code: a.wijkCode, name: nameOf(a.wijkCode) } : null,
			partOf: inFocus.sort((x, y) => x.name.localeCompare(y.name)),
			members: a.level === 'land' ? [] : [{ code: a.code, name: a.name, level: a.level, partial: false, quality: null }],
			population: null,
			supersededNote: a.superseded ? a.note : null
		}
	};
}

function referenceTarget(ref: ReferenceKey, r: Resolved): Target | null {
	const s = r.subject;
	if (ref === 'nl') return { type: 'nl' };
	if (ref === 'g4') return { type: 'g4' };
	if (ref === 'stad') return s.gemeenteCode ? { type: 'area', code: s.gemeenteCode } : null;
	if (s.kind === 'focus') return { type: 'rest', focusId: s.id };
	return { type: 'areaRest', code: s.id };
}

/**
 * NL and the G4 are the same on every area page and change only with an
 * import, while they are the most work (NL falls back to all gemeenten, the G4
 * to four cities' wijken): computed once per database and import batch.
 * Their values are never small numbers, so no suppression applies.
 */
const nationalCache = new WeakMap<Db, { batch: number | null; keys: string; series: Promise<Map<string, Map<string, SeriesPoint[]>>> }>();

async function nationalSeries(db: Db, indicators: Indicator[]): Promise<Map<string, Map<string, SeriesPoint[]>>> {
	const [row] = await db.select({ batch: max(importBatch.id) }).from(importBatch);
	const batch = row?.batch ?? null;
	const keys = indicators.map((i) => i.key).join(',');
	const hit = nationalCache.get(db);
	if (hit && hit.batch === batch && hit.keys === keys) return hit.series;
	const series = seriesForIndicators(db, [{ type: 'nl' }, { type: 'g4' }], indicators);
	nationalCache.set(db, { batch, keys, series });
	series.catch(() => nationalCache.delete(db));
	return series;
}

/** Forget the cached NL and G4 series (benchmarks measure the first request too). */
export function clearNationalCache(db: Db): void {
	nationalCache.delete(db);
}

/**
 * A reference value is shown only where it covers at least this share of its
 * area's inhabitants (or, unknown, of its members): a "G4" of one city, or a
 * city of half its wijken, would draw a jump that is not there.
 */
export const REFERENCE_MIN_COVERAGE = 0.9;

const coversEnough = (p: PagePoint) => !p.coverage || (p.coverage.share ?? p.coverage.with / p.coverage.total) >= REFERENCE_MIN_COVERAGE;

function pagePoint(p: SeriesPoint): PagePoint {
	const out: PagePoint = { period: p.period, value: p.value, sources: p.sources };
	if (p.suppressed) out.suppressed = p.suppressed;
	if (p.value == null) return out;
	if (p.estimate) out.estimate = true;
	if (p.provisional) out.provisional = true;
	if (!isComplete(p) && p.membersTotal > 0) out.coverage = { with: p.membersWithData, total: p.membersTotal, share: coverageShare(p) };
	// Only where weights were actually used: a single published value needs none.
	if (p.weightPeriods.length && (p.method === 'weighted' || p.method === 'difference')) out.weightPeriods = p.weightPeriods;
	return out;
}

async function outlineOf(db: Db, subject: AreaSubject): Promise<AreaOutline | null> {
	const codes = subject.members.map((m) => m.code);
	if (!codes.length) return null;
	const list = sql.join(
		codes.map((c) => sql`${c}`),
		sql`, `
	);
	// The newest boundary of each member, simplified to about a metre (1e-5°) per 10 px of map.
	const members = rowsOf<{ code: string; quality: string; geojson: string }>(
		await db.execute(sql`
			SELECT code, geometry_quality AS quality, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0001), 5) AS geojson
			FROM (SELECT DISTINCT ON (code) code, geometry_quality, geom FROM boundary WHERE code IN (${list}) ORDER BY code, vintage DESC) b`)
	);
	for (const m of subject.members) m.quality = members.find((r) => r.code === m.code)?.quality ?? null;
	const features: OutlineFeature[] = members.map((m) => ({ code: m.code, geometry: JSON.parse(m.geojson) as PolygonGeometry }));
	const box = bboxOf(features);
	if (!box) return null;
	const fit = subject.kind === 'gemeente' ? expand(box, 0.04) : expand(box, 0.35);
	// Context: the other wijken (around buurten: the other buurten) of the same
	// gemeente around the area, and the gemeente's border.
	const contextLevel = subject.members.every((m) => m.level === 'buurt') ? 'buurt' : 'wijk';
	const context =
		subject.gemeenteCode && subject.kind !== 'gemeente'
			? rowsOf<{ code: string; geojson: string }>(
					await db.execute(sql`
						SELECT code, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0003), 5) AS geojson
						FROM (
							SELECT DISTINCT ON (b.code) b.code, b.geom FROM boundary b JOIN area a ON a.code = b.code
							WHERE (a.gemeente_code = ${subject.gemeenteCode} AND b.level = ${contextLevel} OR b.code = ${subject.gemeenteCode})
								AND b.code NOT IN (${list})
								AND b.geom && ST_MakeEnvelope(${fit[0]}, ${fit[1]}, ${fit[2]}, ${fit[3]}, 4326)
							ORDER BY b.code, b.vintage DESC
						) c`)
				)
			: [];
	const width = 320;
	const height = 220;
	const project = (fs: OutlineFeature[]) => outlinePaths(fs, fit, width, height, 6);
	return {
		width,
		height,
		members: project(features),
		context: project(context.map((c) => ({ code: c.code, geometry: JSON.parse(c.geojson) as PolygonGeometry }))),
		qualities: [...new Set(members.map((m) => m.quality))].sort()
	};
}

async function extraOptions(db: Db, subject: AreaSubject): Promise<AreaPage['extraOptions']> {
	const focus = await listFocusAreas(db);
	const gemeenten = rowsOf<{ code: string; name: string }>(
		await db.execute(sql`
			SELECT a.code, a.name FROM area a
			WHERE a.level = 'gemeente' AND a.superseded = false AND a.name IS NOT NULL
				AND EXISTS (SELECT 1 FROM boundary b WHERE b.code = a.code AND b.vintage = (SELECT max(vintage) FROM boundary WHERE level = 'gemeente'))
			ORDER BY a.name`)
	);
	const wijken = subject.gemeenteCode
		? await db
				.select({ code: area.code, name: area.name })
				.from(area)
				.where(and(eq(area.gemeenteCode, subject.gemeenteCode), eq(area.level, 'wijk'), eq(area.superseded, false)))
				.orderBy(area.name)
		: [];
	return [
		...focus.map((f) => ({ group: 'focus' as const, id: f.id, name: `${f.name} (${f.municipality})` })),
		...gemeenten.map((g) => ({ group: 'gemeente' as const, id: g.code, name: g.name })),
		...wijken.map((w) => ({ group: 'wijk' as const, id: w.code, name: w.name ?? w.code }))
	].filter((o) => o.id !== subject.id);
}

/** The whole area page; null when `id` is neither a focus area nor a known CBS code. */
export async function areaPage(db: Db, id: string, opts: AreaPageOptions): Promise<AreaPage | null> {
	const resolved = await resolveArea(db, id);
	if (!resolved) return null;
	const { subject } = resolved;
	const available = referencesFor(subject.kind, Boolean(subject.supersededNote));
	const references = opts.references ? REFERENCES.filter((r) => opts.references!.includes(r) && available.includes(r)) : available;

	const extras: { id: string; name: string; target: Target }[] = [];
	for (const e of opts.extra) {
		if (extras.length >= MAX_EXTRA) break;
		const r = await resolveArea(db, e);
		if (!r || r.subject.id === subject.id || extras.some((x) => x.id === r.subject.id)) continue;
		extras.push({ id: r.subject.id, name: r.subject.name, target: r.target });
	}

	const refTargets = references.map((r) => ({ ref: r, target: referenceTarget(r, resolved) })).filter((r): r is { ref: ReferenceKey; target: Target } => r.target != null);
	const national = refTargets.filter((r) => r.target.type === 'nl' || r.target.type === 'g4');
	const local = refTargets.filter((r) => !national.includes(r));
	// The city is always computed with the rest of the city: where the city's own
	// value does not cover it whole, "city minus area" is not exact either.
	const cityTarget = referenceTarget('stad', resolved);
	const targets = [
		...new Map(
			[resolved.target, ...local.map((r) => r.target), ...(cityTarget ? [cityTarget] : []), ...extras.map((e) => e.target)].map((t) => [targetKey(t), t])
		).values()
	];
	const indicators = await listIndicators(db);
	const all = await seriesForIndicators(db, targets, indicators, { suppression: opts.suppression });
	if (national.length) {
		const shared = await nationalSeries(db, indicators);
		for (const [key, byTarget] of all) for (const r of national) byTarget.set(targetKey(r.target), shared.get(key)?.get(targetKey(r.target)) ?? []);
	}

	const mainKey = targetKey(resolved.target);
	const withData = indicators.filter((ind) => all.get(ind.key)?.get(mainKey)?.some((p) => p.value != null || p.suppressed));
	// The latest count of inhabitants, preferring one that covers the whole area.
	const inhabitants = all.get('inwoners')?.get(mainKey)?.filter((p) => p.value != null) ?? [];
	const lastInhabitants = inhabitants.filter((p) => isComplete(p)).at(-1) ?? inhabitants.at(-1);
	subject.population = lastInhabitants ? { value: lastInhabitants.value!, period: lastInhabitants.period, complete: isComplete(lastInhabitants) } : null;

	const selected = opts.indicators?.length ? opts.indicators.filter((k) => withData.some((i) => i.key === k)) : null;
	const shown = selected ? withData.filter((i) => selected.includes(i.key)) : withData;
	const usedSources = new Set<string>();
	const pageIndicators: PageIndicator[] = shown.map((ind) => {
		const s = all.get(ind.key)!;
		// A reference that does not cover its whole area in a period (the G4 with
		// one city, a city short of some wijken) is left out there rather than
		// drawn as a jump in its line. Counts scale with an area's size: no
		// reference frames at all, only the area and the areas the user added.
		const cityPoints = cityTarget ? (s.get(targetKey(cityTarget)) ?? []).map(pagePoint) : [];
		const cityIncomplete = new Set(cityPoints.filter((p) => !coversEnough(p)).map((p) => p.period));
		const referencePoints = (t: Target) =>
			(s.get(targetKey(t)) ?? [])
				.map(pagePoint)
				.filter((p) => coversEnough(p) && !((t.type === 'rest' || t.type === 'areaRest') && cityIncomplete.has(p.period)));
		const series: PageSeries[] = [
			{ key: 'area', role: 'area', name: subject.name, points: s.get(mainKey)!.map(pagePoint) },
			...(ind.kind === 'count' ? [] : refTargets.map((r) => ({ key: r.ref, role: r.ref, name: r.ref, points: referencePoints(r.target) }))),
			...extras.map((e) => ({ key: `extra:${e.id}`, role: 'extra' as const, name: e.name, points: (s.get(targetKey(e.target)) ?? []).map(pagePoint) }))
		];
		const periods = [...new Set(series.flatMap((x) => x.points.filter((p) => p.value != null || p.suppressed).map((p) => p.period)))].sort((a, b) => a - b);
		for (const x of series) {
			x.points = x.points.filter((p) => periods.includes(p.period));
			for (const p of x.points) p.sources.forEach((src) => usedSources.add(src));
		}
		return {
			...indicatorMeta(ind),
			definitionNl: ind.definitionNl,
			definitionEn: ind.definitionEn,
			periods,
			series
		};
	});
	const allSources = await sourceLabels(db);

	const [outline, options] = opts.figuresOnly ? [null, []] : [await outlineOf(db, subject), await extraOptions(db, subject)];
	return {
		subject,
		references,
		availableReferences: available,
		extra: extras.map(({ id, name }) => ({ id, name })),
		themes: themesOf(pageIndicators).map((th) => ({ ...th, indicators: pageIndicators.filter((i) => i.theme === th.theme) })),
		choices: withData
			.map(({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }) => ({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }))
			.sort(compareThemes),
		selected,
		sources: Object.fromEntries([...usedSources].sort().map((s) => [s, allSources[s] ?? { label: s, attribution: s }])),
		outline,
		extraOptions: options,
		suppression: opts.suppression
	};
}
