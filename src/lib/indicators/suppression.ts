/**
 * Small-number suppression: which values may not be shown, so that nobody can
 * read (or compute) the figure of a handful of people.
 *
 * 1. Primary: a wijk or buurt is suppressed when it has fewer inhabitants than
 *    `minPopulation`, or fewer cases than `minCount` (the count itself for count
 *    indicators, the numerator for rates that have one, value × weight / scale
 *    for other registered rates; model estimates have no cases).
 * 2. Complementary, inside the CBS hierarchy (buurten of a wijk, wijken of a
 *    gemeente): a parent's value minus its shown parts would give a lone
 *    suppressed part away, so the smallest shown siblings are suppressed too,
 *    until at least two are hidden and together they pass the primary rule.
 *    When no sibling is left, the parent itself is suppressed.
 * 3. Secondary, for sets (a focus area, a comparison area) and for "the city
 *    minus the set": a set is shown only if it holds each group of suppressed
 *    siblings entirely or not at all, and the suppressed members together pass
 *    the primary rule; otherwise "set minus its shown members" would reveal
 *    less than a whole group. The rest of the city is hidden whenever the set
 *    is (city − rest = set).
 *
 * Unknown inhabitants or cases (null) are not checked: the source published the
 * value, and a missing count is never read as 0.
 * Pure: the caller supplies populations and counts; see
 * $lib/indicators/series for where they come from.
 */
import { scaleOf, type IndicatorEntry } from './registry';

export interface SuppressionConfig {
	/** Fewer inhabitants than this: not shown. 0 switches the rule off. */
	minPopulation: number;
	/** Fewer cases than this: not shown. 0 switches the rule off. */
	minCount: number;
}

/**
 * Why a value is not shown:
 * - population: too few inhabitants; count: too few cases;
 * - complementary: hidden so that a suppressed neighbour cannot be computed from the parent's total;
 * - secondary: an aggregate (focus area, rest of the city) that would reveal a suppressed part.
 */
export type SuppressionReason = 'population' | 'count' | 'complementary' | 'secondary';

export interface Cell {
	/** Inhabitants (persons); null when unknown. */
	population: number | null;
	/** Cases behind the value (persons, crimes, dwellings …); null when unknown or not a count. */
	count: number | null;
}

export interface Unit extends Cell {
	code: string;
	/** The unit whose total this unit is part of (a buurt's wijk, a wijk's gemeente); null at the top. */
	parent: string | null;
	/** True when the unit has a value for this indicator and period (its own or built from its parts). */
	hasValue: boolean;
}

export function primaryReason(c: Cell, cfg: SuppressionConfig): SuppressionReason | null {
	if (cfg.minPopulation > 0 && c.population != null && c.population < cfg.minPopulation) return 'population';
	if (cfg.minCount > 0 && c.count != null && c.count < cfg.minCount) return 'count';
	return null;
}

const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x == null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0));

/** The cells taken together: summed populations and counts (unknown when one is unknown). */
export function union(cells: Cell[]): Cell {
	return { population: sumOrNull(cells.map((c) => c.population)), count: sumOrNull(cells.map((c) => c.count)) };
}

export interface HierarchySuppression {
	/** code → reason, for the suppressed units only. */
	reasons: Map<string, SuppressionReason>;
	/** code → the codes suppressed among it and its siblings (its group), for suppressed units only. */
	groupOf: Map<string, string[]>;
	units: Map<string, Unit>;
}

/**
 * Primary and complementary suppression over one hierarchy (e.g. a gemeente
 * with its wijken and buurten) for one indicator and period. Groups are
 * handled from the deepest level up, so that a parent suppressed for lack of
 * siblings is then protected among its own siblings.
 */
export function suppressHierarchy(units: Unit[], cfg: SuppressionConfig): HierarchySuppression {
	const byCode = new Map(units.map((u) => [u.code, u]));
	const reasons = new Map<string, SuppressionReason>();
	const groupOf = new Map<string, string[]>();
	for (const u of units) {
		if (!u.hasValue) continue;
		const r = primaryReason(u, cfg);
		if (r) reasons.set(u.code, r);
	}
	const depth = (u: Unit): number => {
		let d = 0;
		for (let p = u.parent, seen = 0; p && byCode.has(p) && seen < 10; p = byCode.get(p)!.parent, seen++) d++;
		return d;
	};
	const groups = new Map<string, Unit[]>();
	for (const u of units) {
		if (!u.parent || !u.hasValue) continue;
		(groups.get(u.parent) ?? groups.set(u.parent, []).get(u.parent)!).push(u);
	}
	const order = [...groups.entries()].sort(([a, ua], [b, ub]) => depth(ub[0]) - depth(ua[0]) || (a < b ? -1 : a > b ? 1 : 0));
	for (const [parent, siblings] of order) {
		const suppressed = siblings.filter((s) => reasons.has(s.code));
		if (!suppressed.length) continue;
		// Smallest first: hiding them costs the least information.
		const candidates = siblings
			.filter((s) => !reasons.has(s.code))
			.sort((a, b) => (a.population ?? Infinity) - (b.population ?? Infinity) || (a.code < b.code ? -1 : 1));
		// A lone hidden sibling is always given company, even when it passes the
		// rule itself (a parent hidden for its parts): parent − shown = that one.
		const exposed = () => suppressed.length < 2 || primaryReason(union(suppressed), cfg) != null;
		while (exposed() && candidates.length) {
			const next = candidates.shift()!;
			reasons.set(next.code, 'complementary');
			suppressed.push(next);
		}
		if (exposed() && byCode.get(parent)?.hasValue && !reasons.has(parent)) {
			reasons.set(parent, 'secondary');
		}
		const codes = suppressed.map((s) => s.code).sort();
		for (const c of codes) groupOf.set(c, codes);
	}
	return { reasons, groupOf, units: byCode };
}

/**
 * Whether a set of areas (a focus area) may be shown. `members` are the codes
 * the set is made of, `self` its own inhabitants and cases.
 */
export function setReason(members: string[], self: Cell, h: HierarchySuppression | null, cfg: SuppressionConfig): SuppressionReason | null {
	const own = primaryReason(self, cfg);
	if (own) return own;
	if (!h) return null;
	const inSet = new Set(members);
	const hidden = members.filter((m) => h.reasons.has(m));
	if (!hidden.length) return null;
	for (const m of hidden) {
		const group = h.groupOf.get(m);
		// A suppressed member whose group is only partly inside the set: the set
		// minus its shown members would reveal part of a suppressed group.
		if (group && !group.every((g) => inSet.has(g))) return 'secondary';
		if (!group && members.length > 1) return 'secondary';
	}
	// Whole groups only: the set reveals what their parents' totals already do,
	// provided the hidden members together are not too small themselves.
	const cells = hidden.map((m) => h.units.get(m) ?? { population: null, count: null });
	return primaryReason(union(cells), cfg) ? 'secondary' : null;
}

/** Whether "the city minus the set" may be shown: never when the set is hidden (city − rest = set). */
export function restReason(setSuppressed: SuppressionReason | null, rest: Cell, cfg: SuppressionConfig): SuppressionReason | null {
	if (setSuppressed) return 'secondary';
	return primaryReason(rest, cfg);
}

/**
 * The cases behind a value, for the count rule: the value of a count; the
 * numerator of a rate that has one; value × weight / scale for other rates
 * that are registered (not model estimates). Null when not a count of cases.
 */
export function casesOf(
	ind: Pick<IndicatorEntry, 'kind' | 'estimate' | 'format'>,
	value: number | null,
	numerator: number | null,
	weight: number | null
): number | null {
	if (value == null) return null;
	if (ind.kind === 'count') return value;
	if (ind.kind !== 'rate' || ind.estimate) return null;
	if (numerator != null) return numerator;
	const scale = scaleOf(ind.format);
	if (scale == null || weight == null) return null;
	return (value * weight) / scale;
}
