/**
 * The scorecard at the top of the area page: per headline indicator the
 * latest figure with its period, the city, NL and the G4 of that period, the
 * gap to the city, the change since the previous and the first period (better
 * or worse by the indicator's direction), and the spine: where the area sits
 * in the spread of comparable areas (the other focus areas of its programme,
 * the wijken or buurten of its gemeente, or all gemeenten), the way Fingertips
 * area profiles show it. Pure; the data layer fetches the peers' values.
 */
import { changeSince, shown, type CompareChange } from '../compare/compare';
import { gapKind } from '../indicators/gaps';
import type { IndicatorEntry } from '../indicators/registry';
import { headlineFigures, type HeadlineFigure } from './page';
import type { AreaSubject, PageIndicator } from './types';

/** Whom an area is compared with on the spine. */
export type PeerGroup = 'nplv' | 'nprz' | 'gemeente' | 'wijk' | 'buurt';

export interface Spine {
	group: PeerGroup;
	/** Lowest, quartiles, highest of the peers' values (the area included). */
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
	/** Every peer's value, ascending (public figures: withheld ones are not among them). */
	values: number[];
	/** 1 = best; equal shown figures share a rank. Null for an indicator without direction. */
	rank: number | null;
	of: number;
}

export interface ScoreRow extends HeadlineFigure {
	nl: number | null;
	g4: number | null;
	/** Area − city at the period; null for counts or without a city value. */
	gapCity: number | null;
	sincePrevious: CompareChange | null;
	sinceFirst: CompareChange | null;
	spine: Spine | null;
}

/** The peers of an area on the spine: its programme's focus areas, or the areas of its level in its gemeente (gemeenten: all). */
export function peerGroupOf(subject: Pick<AreaSubject, 'kind' | 'programme' | 'gemeenteCode'>): PeerGroup | null {
	if (subject.kind === 'focus') return subject.programme === 'NPLV' ? 'nplv' : subject.programme?.startsWith('NPRZ') ? 'nprz' : null;
	if (subject.kind === 'gemeente') return 'gemeente';
	if ((subject.kind === 'wijk' || subject.kind === 'buurt') && subject.gemeenteCode) return subject.kind;
	return null;
}

/** Linear-interpolated quantile of ascending values. */
function quantile(sorted: number[], q: number): number {
	const i = (sorted.length - 1) * q;
	const lo = Math.floor(i);
	return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

/**
 * The spine of a value among its peers' values (the value is added when the
 * peers do not hold it at the shown precision). Rank: 1 + the number of peers
 * better at the shown precision. Null with fewer than 3 values: no spread to show.
 */
export function spineOf(group: PeerGroup, peers: number[], value: number, ind: Pick<IndicatorEntry, 'higherIsBetter' | 'decimals'>): Spine | null {
	const values = [...peers];
	if (!values.some((v) => shown(v, ind.decimals) === shown(value, ind.decimals))) values.push(value);
	values.sort((a, b) => a - b);
	if (values.length < 3) return null;
	const own = shown(value, ind.decimals);
	const better =
		ind.higherIsBetter == null ? null : values.filter((v) => (ind.higherIsBetter ? shown(v, ind.decimals) > own : shown(v, ind.decimals) < own)).length;
	return {
		group,
		min: values[0],
		q1: quantile(values, 0.25),
		median: quantile(values, 0.5),
		q3: quantile(values, 0.75),
		max: values[values.length - 1],
		values,
		rank: better == null ? null : better + 1,
		of: values.length
	};
}

/** The scorecard's rows, in the order of `keys`, from the page's indicators; the data layer adds the spines (`spineOf`). */
export function scorecard(themes: { indicators: PageIndicator[] }[], keys: string[]): ScoreRow[] {
	const all = themes.flatMap((t) => t.indicators);
	return headlineFigures(themes, keys).map((h) => {
		const ind = all.find((i) => i.key === h.key)!;
		const at = (role: string) => ind.series.find((s) => s.role === role)?.points.find((p) => p.period === h.period)?.value ?? null;
		const area = ind.series.find((s) => s.role === 'area')!.points.filter((p) => p.value != null);
		const now = area.find((p) => p.period === h.period);
		const relative = gapKind(ind.kind) !== 'none';
		const before = now ? area.filter((p) => p.period < now.period) : [];
		return {
			...h,
			nl: relative ? at('nl') : null,
			g4: relative ? at('g4') : null,
			gapCity: relative && h.value != null && h.city != null ? h.value - h.city : null,
			sincePrevious: now ? changeSince(before.at(-1), now, ind) : null,
			sinceFirst: now && before.length > 1 ? changeSince(before[0], now, ind) : null,
			spine: null
		};
	});
}
