/**
 * "What changed": per area, the indicators that improved or worsened most
 * since the previous measurement, and whether the gap to a reference narrowed
 * or widened, as a structured result and as one plain-language paragraph in
 * Dutch or English (shown on the area page, read by screen readers, reused by
 * reports). Pure.
 *
 * Rules:
 * - Only indicators with a direction (`higherIsBetter` not null) that are not
 *   counts (counts scale with the size of an area).
 * - The area's own series: its latest period with a known value against the
 *   previous period with a known value. When the latest period of the series
 *   is withheld (suppressed) the indicator is left out altogether: a withheld
 *   number is never compared, named or hinted at.
 * - A change within the display tolerance (half the last shown decimal,
 *   gaps.ts `toleranceFor`) is "unchanged", so words never contradict the
 *   rounded figures.
 * - Ranking: the size of the change relative to the previous value,
 *   |latest − previous| / |previous| (a fall from 40% to 30% weighs as much as
 *   one from 4 to 3 per 1,000). When the previous value is 0 the divisor is the
 *   tolerance, so such a change ranks first. Ties keep the page's order.
 * - Reference: the city (role 'stad'); otherwise the first of 'nl', 'g4' that
 *   has a value at both periods. The gap is area − reference at each period;
 *   narrowed/widened by gaps.ts `gapTrend` on |gap|. Null when no reference
 *   has both values.
 */
import type { Locale } from '../i18n/locale';
import type { PageIndicator, SeriesRole } from '../area/types';
import { formatValue } from './format';
import { gapTrend, toleranceFor, type GapTrend } from './gaps';
import { localized } from './registry';
import { lowerFirst } from './summary';

/** The references tried for the gap, in order. */
const REFERENCE_ORDER = ['stad', 'nl', 'g4'] as const;
export type ChangeReference = (typeof REFERENCE_ORDER)[number];

export interface IndicatorChange {
	key: string;
	labelNl: string;
	labelEn: string;
	format: PageIndicator['format'];
	decimals: number;
	previous: { period: number; value: number };
	latest: { period: number; value: number };
	/** latest − previous, in the indicator's unit. */
	change: number;
	/** |change| / |previous| (see the module comment); the ranking key. */
	weight: number;
	judgement: 'better' | 'worse' | 'unchanged';
	/** The gap to the reference at both periods; null when no reference has both values. */
	reference: { role: ChangeReference; gapBefore: number; gapNow: number; trend: GapTrend } | null;
}

export interface Changes {
	/** Most improved first, at most `limit`. */
	improved: IndicatorChange[];
	/** Most worsened first, at most `limit`. */
	worsened: IndicatorChange[];
	/** Improved or worsened, but not among the ones listed. */
	otherImproved: number;
	otherWorsened: number;
	unchanged: number;
	/** Indicators compared (with two known periods): improved + worsened + unchanged. */
	compared: number;
}

type Known = { period: number; value: number };

function knownPoints(points: { period: number; value: number | null }[]): Known[] {
	return points
		.filter((p): p is Known => p.value != null)
		.map((p) => ({ period: p.period, value: p.value }))
		.sort((a, b) => a.period - b.period);
}

/** The change of one indicator, or null when it is not compared (no direction, a count, fewer than two periods, withheld latest value). */
export function changeOf(ind: PageIndicator): IndicatorChange | null {
	if (ind.higherIsBetter == null || ind.kind === 'count') return null;
	const area = ind.series.find((s) => s.role === 'area');
	if (!area) return null;
	const lastPeriod = Math.max(-Infinity, ...area.points.map((p) => p.period));
	const known = knownPoints(area.points);
	if (known.length < 2 || known[known.length - 1].period !== lastPeriod) return null;
	const previous = known[known.length - 2];
	const latest = known[known.length - 1];
	const change = latest.value - previous.value;
	const tol = toleranceFor(ind.decimals);
	const judgement = Math.abs(change) <= tol ? 'unchanged' : change > 0 === ind.higherIsBetter ? 'better' : 'worse';
	return {
		key: ind.key,
		labelNl: ind.labelNl,
		labelEn: ind.labelEn,
		format: ind.format,
		decimals: ind.decimals,
		previous,
		latest,
		change,
		weight: Math.abs(change) / Math.max(Math.abs(previous.value), tol),
		judgement,
		reference: referenceGap(ind, previous.period, latest.period, previous.value, latest.value)
	};
}

function referenceGap(ind: PageIndicator, before: number, now: number, areaBefore: number, areaNow: number): IndicatorChange['reference'] {
	for (const role of REFERENCE_ORDER) {
		const series = ind.series.find((s) => s.role === (role as SeriesRole));
		if (!series) continue;
		const at = (period: number) => series.points.find((p) => p.period === period)?.value ?? null;
		const refBefore = at(before);
		const refNow = at(now);
		if (refBefore == null || refNow == null) continue;
		const gapBefore = areaBefore - refBefore;
		const gapNow = areaNow - refNow;
		return { role, gapBefore, gapNow, trend: gapTrend(gapBefore, gapNow, toleranceFor(ind.decimals)) };
	}
	return null;
}

/** The changes of all the page's indicators, the largest `limit` improvements and deteriorations listed. */
export function changesOf(indicators: PageIndicator[], limit = 3): Changes {
	const all = indicators.map(changeOf).filter((c): c is IndicatorChange => c != null);
	// Array.prototype.sort is stable: ties keep the page's order.
	const ranked = (j: IndicatorChange['judgement']) => all.filter((c) => c.judgement === j).sort((a, b) => b.weight - a.weight);
	const better = ranked('better');
	const worse = ranked('worse');
	return {
		improved: better.slice(0, limit),
		worsened: worse.slice(0, limit),
		otherImproved: Math.max(0, better.length - limit),
		otherWorsened: Math.max(0, worse.length - limit),
		unchanged: all.length - better.length - worse.length,
		compared: all.length
	};
}

/** Names of the references in the paragraph; `city` is the area's gemeente (for 'stad'). */
export interface ReferenceNames {
	city: string | null;
}

const words = {
	nl: {
		none: 'Er zijn nog geen twee metingen om te vergelijken.',
		since: 'Sinds de vorige meting',
		improvedMost: (area: string) => `verbeterde ${area} het meest op`,
		improvedNone: (area: string) => `verbeterde ${area} op geen enkele indicator`,
		worsenedMost: (area: string) => `het sterkst verslechterde ${area} op`,
		worsenedNone: (area: string) => `op geen enkele indicator verslechterde ${area}`,
		allSame: (area: string, n: number) =>
			n === 1
				? `Sinds de vorige meting bleef de vergeleken indicator van ${area} gelijk.`
				: `Sinds de vorige meting bleven alle ${n} vergeleken indicatoren van ${area} gelijk.`,
		span: (a: string, p1: number, b: string, p2: number) => `van ${a} in ${p1} naar ${b} in ${p2}`,
		gap: (ref: string, trend: GapTrend) =>
			`het verschil met ${ref} ${trend === 'narrowed' ? 'werd kleiner' : trend === 'widened' ? 'werd groter' : 'bleef gelijk'}`,
		and: 'en',
		others: (n: number, verb: 'better' | 'worse' | 'same') => {
			const subject = n === 1 ? '1 andere indicator' : `${n} andere indicatoren`;
			const verbs = { better: ['verbeterde', 'verbeterden'], worse: ['verslechterde', 'verslechterden'], same: ['bleef gelijk', 'bleven gelijk'] };
			const v = verbs[verb][n === 1 ? 0 : 1];
			return verb === 'same' ? `${subject} ${v}` : `${subject} ${v} minder sterk`;
		},
		ref: { nl: 'Nederland', g4: 'de G4', stad: 'de stad' }
	},
	en: {
		none: 'There are not yet two measurements to compare.',
		since: 'Since the previous measurement,',
		improvedMost: (area: string) => `${area} improved most on`,
		improvedNone: (area: string) => `${area} improved on no indicator`,
		worsenedMost: () => `it worsened most on`,
		worsenedNone: () => `it worsened on none`,
		allSame: (area: string, n: number) =>
			n === 1
				? `Since the previous measurement, the one compared indicator of ${area} stayed the same.`
				: `Since the previous measurement, all ${n} compared indicators of ${area} stayed the same.`,
		span: (a: string, p1: number, b: string, p2: number) => `from ${a} in ${p1} to ${b} in ${p2}`,
		gap: (ref: string, trend: GapTrend) => `the gap with ${ref} ${trend === 'narrowed' ? 'narrowed' : trend === 'widened' ? 'widened' : 'stayed the same'}`,
		and: 'and',
		others: (n: number, verb: 'better' | 'worse' | 'same') => {
			const subject = n === 1 ? '1 other indicator' : `${n} other indicators`;
			return `${subject} ${verb === 'better' ? 'improved less' : verb === 'worse' ? 'worsened less' : 'stayed the same'}`;
		},
		ref: { nl: 'the Netherlands', g4: 'the G4', stad: 'the city' }
	}
} as const;

/** "a", "a en b", "a, b en c". */
function list(items: string[], and: string): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function capitalise(s: string): string {
	return s ? s[0].toLocaleUpperCase() + s.slice(1) : s;
}

/**
 * The paragraph, e.g. "Sinds de vorige meting verbeterde Bloemhof het meest op
 * moeite met rondkomen (van 45,9% in 2016 naar 33,6% in 2020; het verschil met
 * Rotterdam werd kleiner); het sterkst verslechterde Bloemhof op ernstig
 * overgewicht (van 21,2% in 2016 naar 22,5% in 2020; het verschil met Rotterdam
 * werd groter). 5 andere indicatoren bleven gelijk." The area is the
 * grammatical subject, so the verb is always singular whatever the labels.
 */
export function describeChanges(changes: Changes, area: string, locale: Locale, names: ReferenceNames): string {
	const w = words[locale];
	if (!changes.compared) return w.none;
	if (!changes.improved.length && !changes.worsened.length) return w.allSame(area, changes.compared);
	const refName = (role: ChangeReference) => (role === 'stad' && names.city ? names.city : w.ref[role]);
	const item = (c: IndicatorChange) => {
		const fmt = (v: number) => formatValue(v, c, locale);
		const label = lowerFirst(localized(c, 'label', locale));
		const detail = [w.span(fmt(c.previous.value), c.previous.period, fmt(c.latest.value), c.latest.period)];
		if (c.reference) detail.push(w.gap(refName(c.reference.role), c.reference.trend));
		return `${label} (${detail.join('; ')})`;
	};
	const better = changes.improved.length ? `${w.improvedMost(area)} ${list(changes.improved.map(item), w.and)}` : w.improvedNone(area);
	const worse = changes.worsened.length ? `${w.worsenedMost(area)} ${list(changes.worsened.map(item), w.and)}` : w.worsenedNone(area);
	const rest = [
		changes.otherImproved ? w.others(changes.otherImproved, 'better') : null,
		changes.otherWorsened ? w.others(changes.otherWorsened, 'worse') : null,
		changes.unchanged ? w.others(changes.unchanged, 'same') : null
	].filter((s): s is string => s != null);
	const tail = rest.length ? ` ${capitalise(list(rest, w.and))}.` : '';
	return `${w.since} ${better}; ${worse}.${tail}`;
}
