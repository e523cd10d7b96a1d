/**
 * The map explorer's values, shaped from plain rows (pure): `{code: value}`,
 * the differences from each area's reference, per-area facts for the tooltip
 * and table, and where each focus area ranks. Withheld figures (small numbers)
 * are left out of `values` and marked on their area.
 */
import type { FocusPosition, MapArea, Reference } from '../map/values';
import { rankAmong } from '../classify/ranking';
import type { SuppressionReason } from './suppression';

/** One area's row as the values query returns it (same shape as queries/values' MapAreaRow). */
export type AreaValueRow = {
	code: string;
	name: string;
	gm: string | null;
	quality: string;
	value: number | null;
	provisional: boolean | null;
	source_id: string | null;
};

/** Rounded off float noise (22.5 − 17.5 is 5, not 4.999999999999998). */
export const roundDifference = (d: number) => Math.round(d * 1e6) / 1e6;

export function mapAreas(rows: AreaValueRow[], hidden: Map<string, SuppressionReason>) {
	const values: Record<string, number> = {};
	const areas: Record<string, MapArea> = {};
	const sourceIds = new Set<string>();
	let provisional = false;
	for (const r of rows) {
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
	// One source for all areas (the usual case): it is said once, not per area.
	if (sourceIds.size === 1) for (const a of Object.values(areas)) delete a.source;
	return { values, areas, sourceIds: [...sourceIds].sort(), provisional };
}

/** value − the reference of the area's gemeente (gemeenten: the Netherlands, `NL01`). */
export function mapDifferences(
	values: Record<string, number>,
	areas: Record<string, MapArea>,
	references: Record<string, Reference>,
	atGemeenteLevel: boolean
) {
	const differences: Record<string, number> = {};
	for (const [code, v] of Object.entries(values)) {
		const gm = areas[code]?.gm ?? null;
		const ref = atGemeenteLevel ? references.NL01 : gm ? references[gm] : undefined;
		if (ref) differences[code] = roundDifference(v - ref.value);
	}
	return differences;
}

export function focusPosition(
	f: { id: string; name: string; gemeente: string; level: 'wijk' | 'buurt'; members: string[] },
	point: { value: number | null; suppressed?: SuppressionReason | null } | undefined,
	reference: Reference | undefined,
	all: number[],
	higherIsBetter: boolean | null
): FocusPosition {
	const value = point?.value ?? null;
	const suppressed = point?.suppressed ?? null;
	return {
		...f,
		value,
		difference: value != null && reference ? roundDifference(value - reference.value) : null,
		rank: value != null && all.length ? rankAmong(value, all, higherIsBetter) : null,
		...(suppressed ? { suppressed } : {})
	};
}
