/**
 * The reference frames an area is compared with, and how the area page's view
 * (references, added areas, indicators) is written in its URL, so that every
 * view can be shared and reloaded. Pure; used by the page, its load function
 * and the CSV export.
 *
 *   /gebied/nprz-bloemhof?ref=stad,rest,nl&extra=GM0363&ind=obesitas_pct,roker_pct
 *
 * `ref` absent: every reference that applies; `ref=` (empty): none.
 * `ind` absent or empty: every indicator with data.
 */

/** stad: the gemeente; rest: the gemeente without the area; nl: the Netherlands; g4: the four big cities together. */
export const REFERENCES = ['stad', 'rest', 'nl', 'g4'] as const;
export type ReferenceKey = (typeof REFERENCES)[number];

/** Areas a user may add to the charts. */
export const MAX_EXTRA = 3;

export type AreaKind = 'focus' | 'land' | 'gemeente' | 'wijk' | 'buurt';

/** The references that apply: no city or rest for a gemeente, nothing national for NL itself, no rest for an older code. */
export function referencesFor(kind: AreaKind, superseded = false): ReferenceKey[] {
	if (kind === 'land') return ['g4'];
	if (kind === 'gemeente') return ['nl', 'g4'];
	if (superseded) return ['stad', 'nl', 'g4'];
	return ['stad', 'rest', 'nl', 'g4'];
}

export interface ViewParams {
	/** null: the defaults for the kind of area. */
	references: ReferenceKey[] | null;
	extra: string[];
	/** null: every indicator with data. */
	indicators: string[] | null;
}

const AREA_ID = /^[A-Za-z0-9-]{2,64}$/;
const INDICATOR = /^[a-z0-9_]{1,80}$/;

const list = (q: URLSearchParams, name: string) =>
	q
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);

/** Reads the view from a query string; unknown or malformed entries are dropped. */
export function parseView(q: URLSearchParams): ViewParams {
	const refs = q.has('ref') ? REFERENCES.filter((r) => list(q, 'ref').includes(r)) : null;
	const extra = [...new Set(list(q, 'extra').filter((e) => AREA_ID.test(e)))].slice(0, MAX_EXTRA);
	const ind = [...new Set(list(q, 'ind').filter((k) => INDICATOR.test(k)))];
	return { references: refs, extra, indicators: ind.length ? ind : null };
}

/** The canonical query string of a view ("" for the default view), with `lang` kept when given. */
export function viewQuery(v: ViewParams, lang?: string | null): string {
	const parts: string[] = [];
	if (v.references) parts.push(`ref=${v.references.join(',')}`);
	if (v.extra.length) parts.push(`extra=${v.extra.map(encodeURIComponent).join(',')}`);
	if (v.indicators?.length) parts.push(`ind=${v.indicators.join(',')}`);
	if (lang) parts.push(`lang=${lang}`);
	return parts.length ? `?${parts.join('&')}` : '';
}
