/**
 * What the tooltip, side panel, table and summary say about an area: its
 * reference average and the remarks its figure needs. Pure.
 */
import type { Translate } from '$lib/i18n';
import type { MapValues, Reference } from '$lib/map/values';

/** The average an area is compared with: its gemeente, or the Netherlands for a gemeente. */
export function referenceOf(v: MapValues, code: string): Reference | null {
	if (v.level === 'gemeente') return v.references.NL01 ?? null;
	const gm = v.areas[code]?.gm;
	return gm ? (v.references[gm] ?? null) : null;
}

/**
 * Remarks on an area's figure: withheld, model estimate, provisional,
 * approximate boundary. `estimate: false` leaves out the model-estimate remark
 * where it is said once for all (the table's caption).
 */
export function remarks(v: MapValues, code: string, t: Translate, opts: { estimate?: boolean } = {}): string[] {
	const a = v.areas[code];
	const out: string[] = [];
	if (a?.suppressed) out.push(t('map.suppressed'));
	if (code in v.values) {
		if (v.indicator.estimate && opts.estimate !== false) out.push(t('value.estimate'));
		if (a?.provisional) out.push(t('value.provisional'));
	}
	if (a?.quality) out.push(t(`map.quality.${a.quality}` as 'map.quality.approximate'));
	return out;
}

export function sourceText(v: MapValues, code: string): string {
	const id = v.areas[code]?.source;
	const s = id ? v.sources.find((x) => x.id === id) : v.sources.length === 1 ? v.sources[0] : null;
	return s?.label ?? v.sources.map((x) => x.label).join(', ');
}
