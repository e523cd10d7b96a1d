/**
 * Everything the area page (/gebied/[id]) and its CSV export show: the area (a
 * focus area or a CBS gemeente, wijk or buurt), its members on a small outline
 * map, and per indicator with data its series next to the chosen references
 * and added areas. The rows come from queries/, the shaping from
 * $lib/area/page, every value from the series engine with small numbers
 * withheld.
 */
import {
	byTheme,
	chosenReferences,
	focusSubject,
	hasData,
	indicatorChoices,
	pageIndicator,
	pageTargets,
	planPage,
	selectedIndicators,
	areaSubject,
	targetReferences,
	usedSources,
	withTargetPaths,
	type Resolved
} from '../../area/page';
import type { AreaOutline, AreaPage, AreaSubject } from '../../area/types';
import { bboxOf, expand, outlinePaths, type OutlineFeature, type PolygonGeometry } from '../../geo/outline';
import { MAX_EXTRA, type ViewParams } from '../../indicators/references';
import { latestPopulation, type CrosswalkRow, type SeriesResult } from '../../indicators/series';
import type { SuppressionConfig } from '../../indicators/suppression';
import { POPULATION_INDICATOR, targetKey, type Target } from '../../indicators/targets';
import type { Intervention } from '../../interventions/types';
import type { Db } from '../db/index';
import { areaByCode, areaNames, currentGemeenten, focusAreaById, focusAreasHolding, listFocusAreas, wijkenOf } from '../queries/areas';
import { boundaryChanges, contextRows, outlineRows } from '../queries/boundaries';
import { crosswalkRows } from '../queries/crosswalk';
import { indicatorMeta, listIndicators } from '../queries/indicators';
import { sourceLabels } from '../queries/sources';
import { interventionsForAreas, interventionsOfFocusArea, interventionsOfGemeente, interventionsOfWijk } from '../queries/interventions';
import { targetsForArea } from '../queries/targets';
import { seriesForIndicators } from './series';

export interface AreaPageOptions extends ViewParams {
	suppression: SuppressionConfig;
	/** Leave out the chooser lists and the outline (CSV export, benchmarks of the figures only). */
	figuresOnly?: boolean;
	/** NL and G4 series of every indicator (the same on every page: the data object caches them). */
	national?: () => Promise<SeriesResult>;
}

/** A focus-area id or CBS code (any case) → the area and its series target; null when unknown. */
export async function resolveArea(db: Db, id: string): Promise<Resolved | null> {
	const focus = /^[a-z0-9-]+$/.test(id) ? await focusAreaById(db, id) : null;
	if (focus) return focusSubject(focus);
	const a = await areaByCode(db, id.toUpperCase());
	if (!a) return null;
	const parents = [a.gemeenteCode, a.wijkCode].filter((c): c is string => Boolean(c) && c !== a.code);
	const [names, inFocus] = await Promise.all([areaNames(db, parents), focusAreasHolding(db, a.code, a.wijkCode)]);
	return areaSubject(a, names, inFocus);
}

/** NL and the G4 for every indicator, without suppression (never small numbers). */
export async function nationalSeries(db: Db): Promise<SeriesResult> {
	return seriesForIndicators(db, [{ type: 'nl' }, { type: 'g4' }], await listIndicators(db));
}

async function outlineOf(db: Db, subject: AreaSubject): Promise<AreaOutline | null> {
	const codes = subject.members.map((m) => m.code);
	const members = await outlineRows(db, codes);
	for (const m of subject.members) m.quality = members.find((r) => r.code === m.code)?.quality ?? null;
	const features: OutlineFeature[] = members.map((m) => ({ code: m.code, geometry: JSON.parse(m.geojson) as PolygonGeometry }));
	const box = bboxOf(features);
	if (!box) return null;
	const fit = subject.kind === 'gemeente' ? expand(box, 0.04) : expand(box, 0.35);
	// Context: the other wijken (around buurten: the other buurten) of the same
	// gemeente around the area, and the gemeente's border.
	const contextLevel = subject.members.every((m) => m.level === 'buurt') ? 'buurt' : 'wijk';
	const context = subject.gemeenteCode && subject.kind !== 'gemeente' ? await contextRows(db, subject.gemeenteCode, contextLevel, codes, fit) : [];
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
	const [focus, gemeenten, wijken] = await Promise.all([
		listFocusAreas(db),
		currentGemeenten(db),
		subject.gemeenteCode ? wijkenOf(db, subject.gemeenteCode) : []
	]);
	return [
		...focus.map((f) => ({ group: 'focus' as const, id: f.id, name: `${f.name} (${f.municipality})` })),
		...gemeenten.map((g) => ({ group: 'gemeente' as const, id: g.code, name: g.name })),
		...wijken.map((w) => ({ group: 'wijk' as const, id: w.code, name: w.name ?? w.code }))
	].filter((o) => o.id !== subject.id);
}

/**
 * The interventions the area page shows, by start date then id. A focus area:
 * its own and those on its wijken and buurten. A gemeente: every one in it. A
 * wijk: its own and its buurten's; a buurt: its own and its wijk's. A wijk or
 * buurt also shows those set on the focus areas it (or its wijk) belongs to,
 * since those are what was done there too. Not those of neighbouring buurten
 * in the same focus area: they were done elsewhere.
 */
export async function areaInterventions(db: Db, subject: AreaSubject): Promise<Intervention[]> {
	if (subject.kind === 'focus') return interventionsOfFocusArea(db, subject.id);
	if (subject.kind === 'gemeente') return interventionsOfGemeente(db, subject.id);
	if (subject.kind !== 'wijk' && subject.kind !== 'buurt') return [];
	const [own, around] = await Promise.all([
		subject.kind === 'wijk' ? interventionsOfWijk(db, subject.id) : interventionsForAreas(db, [subject.id, ...(subject.wijk ? [subject.wijk.code] : [])]),
		interventionsForAreas(
			db,
			subject.partOf.map((f) => f.id)
		)
	]);
	const byId = new Map([...own, ...around].map((i) => [i.id, i]));
	return [...byId.values()].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The whole area page; null when `id` is neither a focus area nor a known CBS code. */
export async function areaPage(db: Db, id: string, opts: AreaPageOptions): Promise<AreaPage | null> {
	const resolved = await resolveArea(db, id);
	if (!resolved) return null;
	const { subject } = resolved;
	const { available, references } = chosenReferences(resolved, opts.references);

	const extras: { id: string; name: string; target: Target }[] = [];
	for (const e of opts.extra) {
		if (extras.length >= MAX_EXTRA) break;
		const r = await resolveArea(db, e);
		if (!r || r.subject.id === subject.id || extras.some((x) => x.id === r.subject.id)) continue;
		extras.push({ id: r.subject.id, name: r.subject.name, target: r.target });
	}

	const plan = planPage(resolved, references, extras);
	const [indicators, programmeTargets] = await Promise.all([listIndicators(db), targetsForArea(db, subject.id)]);
	// The series computed also hold the references the targets are measured against, shown or not.
	const computed = planPage(resolved, targetReferences(resolved, references, programmeTargets), extras);
	const [all, shared] = await Promise.all([
		seriesForIndicators(db, computed.targets, indicators, { suppression: opts.suppression }),
		computed.national.length ? (opts.national ?? (() => nationalSeries(db)))() : null
	]);
	if (shared) {
		for (const [key, byTarget] of all) for (const r of computed.national) byTarget.set(targetKey(r.target), shared.get(key)?.get(targetKey(r.target)) ?? []);
	}
	const targets = pageTargets(programmeTargets, indicators, all, resolved, computed.cityTarget);

	const withData = indicators.filter((ind) => hasData(all, ind.key, resolved.target));
	subject.population = latestPopulation(all.get(POPULATION_INDICATOR)?.get(targetKey(resolved.target)));
	const selected = selectedIndicators(opts, withData);
	const shown = selected ? withData.filter((i) => selected.includes(i.key)) : withData;
	const pageIndicators = shown.map((ind) =>
		withTargetPaths(
			pageIndicator(
				{ ...indicatorMeta(ind), definitionNl: ind.definitionNl, definitionEn: ind.definitionEn },
				all.get(ind.key)!,
				{ name: subject.name, target: resolved.target },
				plan,
				extras
			),
			targets
		)
	);
	const memberCodes = subject.members.map((m) => m.code);
	const [allSources, outline, options, interventions, changes, crossings] = await Promise.all([
		sourceLabels(db),
		opts.figuresOnly || !subject.members.length ? null : outlineOf(db, subject),
		opts.figuresOnly ? [] : extraOptions(db, subject),
		opts.figuresOnly ? [] : areaInterventions(db, subject),
		boundaryChanges(db, memberCodes),
		crosswalkRows(db, memberCodes)
	]);
	return {
		subject,
		references,
		availableReferences: available,
		extra: extras.map(({ id, name }) => ({ id, name })),
		themes: byTheme(pageIndicators),
		choices: indicatorChoices(withData),
		selected,
		sources: Object.fromEntries(usedSources(pageIndicators).map((s) => [s, allSources[s] ?? { label: s, attribution: s }])),
		outline,
		extraOptions: options,
		suppression: opts.suppression,
		targets,
		interventions,
		boundaryChanges: changes.map((c) => ({ ...c, name: subject.members.find((m) => m.code === c.code)?.name ?? null })),
		crosswalk: await crosswalkNotes(db, crossings, subject)
	};
}

/**
 * What the page says of figures converted from older boundaries: per member
 * that did not exist before `since`, the areas of the vintage just before it
 * and the share of each that it took over.
 */
async function crosswalkNotes(db: Db, rows: CrosswalkRow[], subject: AreaSubject): Promise<NonNullable<AreaPage['crosswalk']>> {
	if (!rows.length) return [];
	const names = await areaNames(db, [...new Set(rows.map((r) => r.from))]);
	const out: NonNullable<AreaPage['crosswalk']> = [];
	for (const code of [...new Set(rows.map((r) => r.to))]) {
		const own = rows.filter((r) => r.to === code);
		const vintage = Math.max(...own.map((r) => r.vintage));
		out.push({
			code,
			name: subject.members.find((m) => m.code === code)?.name ?? null,
			since: own[0].since,
			vintage,
			parts: own
				.filter((r) => r.vintage === vintage)
				.map((r) => ({ code: r.from, name: names.get(r.from) ?? null, share: r.share, basis: r.basis }))
				.sort((a, b) => (a.name ?? a.code).localeCompare(b.name ?? b.code, 'nl'))
		});
	}
	return out;
}
