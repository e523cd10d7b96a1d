/**
 * Values for the map: one indicator, one level, one year, as `{code: value}`
 * with the metadata the legend, tooltip and table need ($lib/map/values).
 * Values come from the published observations of the areas; what the
 * small-number rules withhold is decided by the series engine, exactly as on
 * every other page; the reference of a gemeente (or of the Netherlands) and
 * the values of focus areas come from the same engine.
 */
import { decimalsOf } from '../../indicators/format';
import { focusPosition, mapAreas, mapDifferences } from '../../indicators/map-values';
import type { SuppressionConfig, SuppressionReason } from '../../indicators/suppression';
import { levelOfCode, targetKey, type Target } from '../../indicators/targets';
import { differenceClasses, valueClasses } from '../../classify/legend';
import type { ClassMethod } from '../../classify/classify';
import type { AreaLevel } from '../../map/tiles';
import type { MapValues, Reference } from '../../map/values';
import type { Db } from '../db/index';
import { indicatorByKey, indicatorMeta } from '../queries/indicators';
import { sourceLabels } from '../queries/sources';
import { areaName, focusAreasWithMembers, mapAreaRows, mapPeriods, matchingVintage, newestVintage, publishedValues } from '../queries/values';
import { seriesFor } from './series';

export interface MapValuesQuery {
	indicator: string;
	/** Null: the latest year with values. A year without values also falls back to the latest. */
	period: number | null;
	level: AreaLevel;
	/** Restrict wijken/buurten to one gemeente; at gemeente level all gemeenten are returned. */
	gemeente: string | null;
	method: ClassMethod;
}

/** Wijk and buurt values that may not be shown, by the series engine's rules. code → reason. */
async function withheld(db: Db, indicator: string, period: number, codes: string[], suppression: SuppressionConfig): Promise<Map<string, SuppressionReason>> {
	const out = new Map<string, SuppressionReason>();
	const areaCodes = codes.filter((c) => levelOfCode(c) === 'wijk' || levelOfCode(c) === 'buurt');
	if (!areaCodes.length) return out;
	const targets: Target[] = areaCodes.map((code) => ({ type: 'area', code }));
	const series = await seriesFor(db, targets, indicator, { suppression });
	for (const code of areaCodes) {
		const p = series.get(targetKey({ type: 'area', code }))?.find((x) => x.period === period);
		if (p?.suppressed) out.set(code, p.suppressed);
	}
	return out;
}

/** Null when the indicator is unknown. `suppression` is always applied (the data object binds it). */
export async function mapValues(db: Db, q: MapValuesQuery, suppression: SuppressionConfig): Promise<MapValues | null> {
	const ind = await indicatorByKey(db, q.indicator);
	if (!ind) return null;
	const periods = await mapPeriods(db, ind.key, q.level, q.gemeente);
	const period = q.period != null && periods.includes(q.period) ? q.period : (periods.at(-1) ?? null);
	const vintage =
		(period != null ? await matchingVintage(db, ind.key, q.level, period) : null) ?? (await newestVintage(db, q.level)) ?? new Date().getFullYear();

	const gmName = q.gemeente ? await areaName(db, q.gemeente) : undefined;
	const gemeente = q.gemeente && gmName !== undefined ? { code: q.gemeente, name: gmName ?? q.gemeente } : null;
	const rows = await mapAreaRows(db, ind.key, q.level, vintage, period, gemeente?.code ?? null);
	const hidden =
		period != null
			? await withheld(
					db,
					ind.key,
					period,
					rows.filter((r) => r.value != null).map((r) => r.code),
					suppression
				)
			: new Map<string, SuppressionReason>();
	const { values, areas, sourceIds, provisional } = mapAreas(rows, hidden);

	// References: each gemeente's own value; for gemeenten, the Netherlands.
	const references: Record<string, Reference> = {};
	if (period != null) {
		if (q.level === 'gemeente') {
			const nl = (await seriesFor(db, [{ type: 'nl' }], ind.key)).get('nl')?.find((p) => p.period === period);
			if (nl?.value != null) references.NL01 = { code: 'NL01', name: 'Nederland', value: nl.value, period };
		} else {
			const gms = [...new Set(rows.map((r) => r.gm).filter((g): g is string => Boolean(g)))];
			for (const r of await publishedValues(db, ind.key, period, gms)) references[r.code] = { code: r.code, name: r.name ?? r.code, value: r.value, period };
			// No published figure for the chosen gemeente: aggregate it from its wijken and buurten.
			if (gemeente && !references[gemeente.code]) {
				const t: Target = { type: 'area', code: gemeente.code };
				const p = (await seriesFor(db, [t], ind.key, { suppression })).get(targetKey(t))?.find((x) => x.period === period);
				if (p?.value != null) references[gemeente.code] = { code: gemeente.code, name: gemeente.name, value: p.value, period };
			}
		}
	}
	const differences = mapDifferences(values, areas, references, q.level === 'gemeente');

	let focusAreas: MapValues['focusAreas'] = [];
	if (period != null) {
		const focus = await focusAreasWithMembers(db, q.level === 'gemeente' ? null : (gemeente?.code ?? null));
		const series = focus.length
			? await seriesFor(
					db,
					focus.map((f) => ({ type: 'focus', id: f.id })),
					ind.key,
					{ suppression }
				)
			: new Map();
		const all = Object.values(values);
		focusAreas = focus.map((f) =>
			focusPosition(
				f,
				series.get(targetKey({ type: 'focus', id: f.id }))?.find((x: { period: number }) => x.period === period),
				references[f.gemeente],
				all,
				ind.higherIsBetter
			)
		);
	}

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
		sources: sourceIds.map((id) => ({ id, label: labels[id]?.label ?? id, attribution: labels[id]?.attribution ?? id })),
		provisional,
		classes: valueClasses(Object.values(values), { method: q.method, higherIsBetter: ind.higherIsBetter, decimals }),
		differenceClasses: differenceClasses(Object.values(differences), { higherIsBetter: ind.higherIsBetter, decimals }),
		focusAreas
	};
}
