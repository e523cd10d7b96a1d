/**
 * Classes and legend of a choropleth, computed from the values and the
 * indicator's registry entry (direction): breaks from ./classify, colours from
 * ./palette. Used by the values endpoint (server) and the legend (browser). Pure.
 */
import { breaksFor, classCounts, DEFAULT_CLASSES, symmetricBreaks, type ClassMethod } from './classify';
import { paletteFor, type Direction, type Scheme } from './palette';

export interface ClassScheme {
	scheme: Scheme;
	method: ClassMethod | 'symmetrisch';
	/** Ascending; class i holds breaks[i-1] <= v < breaks[i] (MapLibre `step`). */
	breaks: number[];
	/** One colour per class, lowest class first. */
	colours: string[];
	/** Number of areas per class. */
	counts: number[];
	min: number | null;
	max: number | null;
}

function extent(values: number[]): [number | null, number | null] {
	const f = values.filter(Number.isFinite);
	return f.length ? [Math.min(...f), Math.max(...f)] : [null, null];
}

/** Sequential classes of the values themselves. */
export function valueClasses(values: number[], opts: { method: ClassMethod; higherIsBetter: Direction; decimals?: number; k?: number }): ClassScheme {
	const breaks = breaksFor(opts.method, values, opts.k ?? DEFAULT_CLASSES, opts.decimals);
	const [min, max] = extent(values);
	const k = min == null ? 0 : breaks.length + 1;
	return {
		scheme: 'sequential',
		method: opts.method,
		breaks,
		colours: paletteFor('sequential', opts.higherIsBetter, k),
		counts: classCounts(values, breaks).slice(0, k),
		min,
		max
	};
}

/** Diverging classes of differences from the city: symmetric around 0. */
export function differenceClasses(differences: number[], opts: { higherIsBetter: Direction; decimals?: number }): ClassScheme {
	const breaks = symmetricBreaks(differences, 5, opts.decimals);
	const [min, max] = extent(differences);
	const k = min == null ? 0 : breaks.length + 1;
	return {
		scheme: 'diverging',
		method: 'symmetrisch',
		breaks,
		colours: paletteFor('diverging', opts.higherIsBetter, k),
		counts: classCounts(differences, breaks).slice(0, k),
		min,
		max
	};
}

export interface LegendEntry {
	colour: string;
	/** Lower bound (inclusive), null for the first class. */
	from: number | null;
	/** Upper bound (exclusive), null for the last class. */
	to: number | null;
	count: number;
	/** For diverging schemes: the class that holds 0 ("about the same as the city"). */
	middle: boolean;
}

export function legendEntries(cs: ClassScheme): LegendEntry[] {
	return cs.colours.map((colour, i) => {
		const from = i === 0 ? null : cs.breaks[i - 1];
		const to = i === cs.breaks.length ? null : cs.breaks[i];
		const middle = cs.scheme === 'diverging' && (from == null || from <= 0) && (to == null || to > 0);
		return { colour, from, to, count: cs.counts[i] ?? 0, middle };
	});
}

/** "< 12,0", "12,0 – 15,5", "≥ 15,5"; the only class of a single-class legend shows the range of values. */
export function rangeLabel(e: Pick<LegendEntry, 'from' | 'to'>, fmt: (v: number) => string, all?: { min: number | null; max: number | null }): string {
	if (e.from == null && e.to == null) {
		if (all?.min == null || all.max == null) return '';
		return all.min === all.max ? fmt(all.min) : `${fmt(all.min)} – ${fmt(all.max)}`;
	}
	if (e.from == null) return `< ${fmt(e.to!)}`;
	if (e.to == null) return `≥ ${fmt(e.from)}`;
	return `${fmt(e.from)} – ${fmt(e.to)}`;
}
