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

/** What is withheld in one hierarchy, asked per area (see `hierarchyLookup`). */
export interface HierarchyLookup {
	/** Why the unit is withheld, or null. */
	reason(code: string): SuppressionReason | null;
	/** The codes withheld among it and its siblings (its group), for a withheld unit; else undefined. */
	group(code: string): string[] | undefined;
	unit(code: string): Unit | undefined;
}

/** The areas of a hierarchy, as the lookup asks for them. */
export interface HierarchySource {
	/** The unit of an area (undefined when unknown). */
	unit(code: string): Unit | undefined;
	/** The parts of an area that have a value (its buurten, or a gemeente's wijken). */
	parts(code: string): readonly string[];
}

/**
 * Primary and complementary suppression over one hierarchy (e.g. a gemeente
 * with its wijken and buurten) for one indicator and period, worked out only
 * as far as asked: a unit's reason needs its own group of siblings, and the
 * groups below those siblings (a part hidden for lack of siblings makes its
 * parent hidden, which then counts among the parent's siblings). Groups at one
 * depth do not touch each other, so this gives what working through every
 * group from the deepest level up gives, for a fraction of the work when only
 * a few areas are asked about.
 */
export function hierarchyLookup(src: HierarchySource, cfg: SuppressionConfig): HierarchyLookup {
	const reasons = new Map<string, SuppressionReason>();
	const groupOf = new Map<string, string[]>();
	const primaryDone = new Set<string>();
	const resolved = new Set<string>();
	const primary = (u: Unit) => {
		if (primaryDone.has(u.code)) return;
		primaryDone.add(u.code);
		if (!u.hasValue) return;
		const r = primaryReason(u, cfg);
		if (r) reasons.set(u.code, r);
	};
	// The group of `parent`'s parts: after the groups below each part.
	const resolve = (parent: string) => {
		if (resolved.has(parent)) return;
		resolved.add(parent);
		const siblings: Unit[] = [];
		for (const c of src.parts(parent)) {
			const u = src.unit(c);
			if (!u?.hasValue) continue;
			if (src.parts(c).length) resolve(c);
			primary(u);
			siblings.push(u);
		}
		const suppressed = siblings.filter((s) => reasons.has(s.code));
		if (!suppressed.length) return;
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
		const p = src.unit(parent);
		if (p) primary(p);
		if (exposed() && p?.hasValue && !reasons.has(parent)) reasons.set(parent, 'secondary');
		const codes = suppressed.map((x) => x.code).sort();
		for (const c of codes) groupOf.set(c, codes);
	};
	const settle = (code: string): Unit | undefined => {
		const u = src.unit(code);
		if (!u) return undefined;
		if (u.parent && src.unit(u.parent)) resolve(u.parent);
		else if (src.parts(code).length) resolve(code);
		primary(u);
		return u;
	};
	return {
		reason: (code) => (settle(code) ? (reasons.get(code) ?? null) : null),
		group: (code) => (settle(code) ? groupOf.get(code) : undefined),
		unit: (code) => src.unit(code)
	};
}

export interface HierarchySuppression extends HierarchyLookup {
	/** code → reason, for the suppressed units only. */
	reasons: Map<string, SuppressionReason>;
	/** code → the codes suppressed among it and its siblings (its group), for suppressed units only. */
	groupOf: Map<string, string[]>;
	units: Map<string, Unit>;
}

/** `hierarchyLookup` over a list of units, worked out for every unit. */
export function suppressHierarchy(units: Unit[], cfg: SuppressionConfig): HierarchySuppression {
	const byCode = new Map(units.map((u) => [u.code, u]));
	const parts = new Map<string, string[]>();
	for (const u of units) if (u.parent && u.hasValue) (parts.get(u.parent) ?? parts.set(u.parent, []).get(u.parent)!).push(u.code);
	const lookup = hierarchyLookup({ unit: (c) => byCode.get(c), parts: (c) => parts.get(c) ?? [] }, cfg);
	const reasons = new Map<string, SuppressionReason>();
	const groupOf = new Map<string, string[]>();
	for (const u of units) {
		const r = lookup.reason(u.code);
		if (r) reasons.set(u.code, r);
		const g = lookup.group(u.code);
		if (g) groupOf.set(u.code, g);
	}
	return { ...lookup, reasons, groupOf, units: byCode };
}

/**
 * Whether a set of areas (a focus area) may be shown. `members` are the codes
 * the set is made of, `self` its own inhabitants and cases.
 */
export function setReason(members: string[], self: Cell, h: HierarchyLookup | null, cfg: SuppressionConfig): SuppressionReason | null {
	const own = primaryReason(self, cfg);
	if (own) return own;
	if (!h) return null;
	const inSet = new Set(members);
	const hidden = members.filter((m) => h.reason(m) != null);
	if (!hidden.length) return null;
	for (const m of hidden) {
		const group = h.group(m);
		// A suppressed member whose group is only partly inside the set: the set
		// minus its shown members would reveal part of a suppressed group.
		if (group && !group.every((g) => inSet.has(g))) return 'secondary';
		if (!group && members.length > 1) return 'secondary';
	}
	// Whole groups only: the set reveals what their parents' totals already do,
	// provided the hidden members together are not too small themselves.
	const cells = hidden.map((m) => h.unit(m) ?? { population: null, count: null });
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
