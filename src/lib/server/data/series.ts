/**
 * Series for targets: the three lookups of the series engine, then the pure
 * computation ($lib/indicators/series). Suppression is a parameter here; routes
 * never call this directly but go through the data object (./index), which
 * binds the configured thresholds.
 */
import {
	buildForest,
	computeSeries,
	seriesScope,
	targetIds,
	withCrosswalk,
	valueKeys,
	type FocusMembers,
	type SeriesIndicator,
	type SeriesPoint,
	type SeriesResult
} from '../../indicators/series';
import type { SuppressionConfig } from '../../indicators/suppression';
import { targetKey, type Target } from '../../indicators/targets';
import type { Db } from '../db/index';
import { subAreasOf } from '../queries/areas';
import { indicatorByKey } from '../queries/indicators';
import { crosswalkRows } from '../queries/crosswalk';
import { areaInfo, focusMemberRows, observationRows } from '../queries/observations';

export interface SeriesOptions {
	/** Withhold values of too few inhabitants or cases; absent or null: show everything. */
	suppression?: SuppressionConfig | null;
	/**
	 * Convert figures published on the codes of an older boundary vintage to
	 * the areas of today (default true). The map leaves it off: it draws the
	 * vintage of the chosen year with that year's own codes.
	 */
	crosswalk?: boolean;
}

/**
 * Series of several indicators for several targets: focus areas, areas,
 * sub-areas and observations are read once (four queries), then every
 * indicator is computed in memory. Keyed by indicator key, then `targetKey`.
 */
export async function seriesForIndicators(db: Db, targets: Target[], inds: SeriesIndicator[], opts: SeriesOptions = {}): Promise<SeriesResult> {
	if (!inds.length) return new Map();
	const { focusIds, areaCodes } = targetIds(targets);
	const [memberRows, areas] = await Promise.all([focusMemberRows(db, focusIds), areaInfo(db, areaCodes)]);
	const focus = new Map<string, FocusMembers>();
	for (const r of memberRows) {
		const f = focus.get(r.id) ?? { gemeente: r.gemeente, codes: [] };
		f.codes.push(r.code);
		focus.set(r.id, f);
	}
	const scope = seriesScope(targets, focus, areas, opts.suppression ?? null);
	const plain = buildForest(scope, await subAreasOf(db, scope.gemeenten));
	const forest = opts.crosswalk === false ? plain : withCrosswalk(plain, await crosswalkRows(db, plain.codes));
	const rows = await observationRows(db, forest.codes, valueKeys(inds), forest.wantNational);
	return computeSeries(forest, inds, rows);
}

/** `seriesForIndicators` for one indicator; an unknown indicator gives an empty map. Keyed by `targetKey`. */
export async function seriesFor(db: Db, targets: Target[], indicatorKey: string, opts: SeriesOptions = {}): Promise<Map<string, SeriesPoint[]>> {
	const ind = await indicatorByKey(db, indicatorKey);
	if (!ind) return new Map();
	return (await seriesForIndicators(db, targets, [ind], opts)).get(ind.key) ?? new Map();
}

export { targetKey };
export type { SeriesPoint, Target };
