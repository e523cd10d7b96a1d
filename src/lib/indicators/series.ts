/**
 * The series engine: indicator values over time for areas, focus areas, the
 * rest of a city, the G4 and the Netherlands, computed from plain rows (no
 * database). The data layer fetches the rows in three steps and hands them
 * here:
 *
 *   const scope = seriesScope(targets, focus, areas, suppression);   // which gemeenten
 *   const forest = buildForest(scope, subAreas);                       // which area codes
 *   const result = computeSeries(forest, indicators, observations);    // the series
 *
 * Every value is combined by the one aggregation module (./aggregate) and,
 * with a suppression configuration, small numbers are withheld (./suppression)
 * the same way for every page, export and endpoint.
 */
import { aggregate, difference, isComplete, nearest, type Aggregate, type Dated, type AggregationRule, type MemberInput } from './aggregate';
import type { IndicatorKind, NumberFormat } from './registry';
import {
	casesOf,
	restReason,
	hierarchyLookup,
	setReason,
	type Cell,
	type HierarchyLookup,
	type SuppressionConfig,
	type SuppressionReason,
	type Unit
} from './suppression';
import { G4_CODES, NATIONAL_CODE, POPULATION_INDICATOR, levelOfCode, targetKey, type Target } from './targets';

export interface SeriesPoint extends Aggregate {
	period: number;
	/** Set when the value is withheld (small numbers); `value`, `total` and `weightSum` are then null. */
	suppressed?: SuppressionReason | null;
}

/** indicator key → target key → points, sorted by period. */
export type SeriesResult = Map<string, Map<string, SeriesPoint[]>>;

/** What the engine needs of an indicator registry row. */
export interface SeriesIndicator {
	key: string;
	kind: IndicatorKind;
	estimate: boolean;
	/** How its values are written: a percentage or per-1 000 rate gives cases from value × weight. */
	format: NumberFormat;
	/** Indicator whose values weigh a member's value (its denominator). */
	weight: string | null;
	numerator: string | null;
	denominator: string | null;
	scale: number | null;
}

/** An area named by a target. */
export interface AreaInfo {
	code: string;
	level: string;
	gemeente: string | null;
	superseded: boolean;
}

/** A current wijk or buurt of a gemeente involved. */
export interface SubArea {
	code: string;
	level: string;
	gemeenteCode: string | null;
	wijkCode: string | null;
}

export interface ObservationRow {
	code: string;
	indicator: string;
	period: number;
	value: number;
	provisional: boolean;
	source: string;
}

/**
 * One row of the crosswalk between boundary vintages: `share` of the older
 * area `from` (of `vintage`) lies in the newer area `to`, by inhabitants or
 * by area (see queries/crosswalk.ts).
 */
export interface CrosswalkRow {
	to: string;
	/** The first vintage in which `to` exists: figures of earlier periods are converted. */
	since: number;
	vintage: number;
	from: string;
	share: number;
	basis: 'inwoners' | 'oppervlakte';
}

/** The crosswalk into one area: its rows per older vintage. */
interface Crossing {
	since: number;
	vintages: number[];
	rows: Map<number, CrosswalkRow[]>;
}

export interface FocusMembers {
	gemeente: string;
	codes: string[];
}

export function ruleOf(ind: SeriesIndicator): AggregationRule {
	return { kind: ind.kind, estimate: ind.estimate, hasNumerator: Boolean(ind.numerator && ind.denominator), scale: ind.scale };
}

/** Indicator keys whose observations a computation needs: the indicators, their weights, numerators and the population. */
export function valueKeys(inds: SeriesIndicator[]): string[] {
	const keys = inds.flatMap((ind) => [ind.key, ind.weight, ind.numerator, ind.denominator]).concat(POPULATION_INDICATOR);
	return [...new Set(keys.filter((k): k is string => Boolean(k)))];
}

export interface SeriesScope {
	targets: Target[];
	focus: Map<string, FocusMembers>;
	areas: Map<string, AreaInfo>;
	suppression: SuppressionConfig | null;
	/** Gemeenten whose wijken and buurten take part (fetch them as sub-areas). */
	gemeenten: string[];
	/** Gemeenten whose whole hierarchy decides what is withheld (see suppression.ts). */
	guarded: string[];
}

/** Focus-area ids and area codes named by the targets: what to look up first. */
export function targetIds(targets: Target[]): { focusIds: string[]; areaCodes: string[] } {
	const focusIds = [...new Set(targets.flatMap((t) => (t.type === 'focus' ? [t.id] : t.type === 'rest' ? [t.focusId] : [])))];
	const areaCodes = [...new Set(targets.flatMap((t) => (t.type === 'area' || t.type === 'areaRest' ? [t.code] : [])))];
	return { focusIds, areaCodes };
}

/** Step 1: which gemeenten are involved, given the focus areas and areas the targets name. */
export function seriesScope(targets: Target[], focus: Map<string, FocusMembers>, areas: AreaInfo[], suppression: SuppressionConfig | null): SeriesScope {
	const gemeenten = new Set<string>();
	for (const a of areas) if (a.gemeente && !a.superseded) gemeenten.add(a.gemeente);
	for (const f of focus.values()) gemeenten.add(f.gemeente);
	if (targets.some((t) => t.type === 'g4')) G4_CODES.forEach((g) => gemeenten.add(g));
	const guarded = new Set<string>();
	if (suppression) {
		for (const a of areas) if (a.gemeente && !a.superseded && (a.level === 'wijk' || a.level === 'buurt')) guarded.add(a.gemeente);
		for (const f of focus.values()) guarded.add(f.gemeente);
	}
	return { targets, focus, areas: new Map(areas.map((a) => [a.code, a])), suppression, gemeenten: [...gemeenten], guarded: [...guarded] };
}

interface Node {
	code: string;
	children?: Node[];
}

export interface Forest {
	scope: SeriesScope;
	/** Trees per target key (`key:city` and `key:part` for the rest of a city). */
	trees: Map<string, Node[]>;
	/** The whole hierarchy of each guarded gemeente. */
	hierarchies: Map<string, Node>;
	/** Every area of those hierarchies, with the area it is part of (null for the gemeente). */
	hierarchyNodes: Map<string, { node: Node; parent: string | null }>;
	gemeenteOf: Map<string, string>;
	/** Every area code whose observations are needed. */
	codes: string[];
	/** True when the national series is asked for (it may fall back to all gemeenten). */
	wantNational: boolean;
	/** Areas whose earlier figures are converted from older boundary vintages (see `withCrosswalk`). */
	crosswalk: Map<string, Crossing>;
}

/** Step 2: the area trees of every target, from the sub-areas of the gemeenten involved. */
export function buildForest(scope: SeriesScope, subs: SubArea[]): Forest {
	const wijkenOf = new Map<string, string[]>();
	const buurtenOf = new Map<string, string[]>();
	const gemeenteOf = new Map<string, string>();
	const push = (m: Map<string, string[]>, k: string, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
	for (const s of subs) {
		if (s.gemeenteCode) gemeenteOf.set(s.code, s.gemeenteCode);
		if (s.level === 'wijk' && s.gemeenteCode) push(wijkenOf, s.gemeenteCode, s.code);
		if (s.level === 'buurt' && s.wijkCode) push(buurtenOf, s.wijkCode, s.code);
	}
	const node = (code: string): Node => {
		const level = levelOfCode(code);
		if (level === 'gemeente') return { code, children: (wijkenOf.get(code) ?? []).map(node) };
		if (level === 'wijk') return { code, children: (buurtenOf.get(code) ?? []).map((b) => ({ code: b })) };
		return { code };
	};

	const trees = new Map<string, Node[]>();
	for (const t of scope.targets) {
		const key = targetKey(t);
		if (t.type === 'area') trees.set(key, [node(t.code)]);
		else if (t.type === 'focus') trees.set(key, (scope.focus.get(t.id)?.codes ?? []).map(node));
		else if (t.type === 'rest') {
			const f = scope.focus.get(t.focusId);
			trees.set(`${key}:city`, f ? [node(f.gemeente)] : []);
			trees.set(`${key}:part`, f ? f.codes.map(node) : []);
		} else if (t.type === 'areaRest') {
			const a = scope.areas.get(t.code);
			const gm = a?.gemeente;
			const ok = gm && gm !== t.code && !a?.superseded;
			trees.set(`${key}:city`, ok ? [node(gm)] : []);
			trees.set(`${key}:part`, ok ? [node(t.code)] : []);
		} else if (t.type === 'g4') trees.set(key, G4_CODES.map(node));
		else trees.set(key, [{ code: NATIONAL_CODE }]);
	}
	const hierarchies = new Map(scope.guarded.map((gm) => [gm, node(gm)]));
	const hierarchyNodes = new Map<string, { node: Node; parent: string | null }>();
	const place = (n: Node, parent: string | null) => {
		hierarchyNodes.set(n.code, { node: n, parent });
		n.children?.forEach((c) => place(c, n.code));
	};
	for (const root of hierarchies.values()) place(root, null);
	const codes = new Set<string>();
	const collect = (n: Node) => {
		codes.add(n.code);
		n.children?.forEach(collect);
	};
	for (const ns of trees.values()) ns.forEach(collect);
	for (const n of hierarchies.values()) collect(n);
	return {
		scope,
		trees,
		hierarchies,
		hierarchyNodes,
		gemeenteOf,
		codes: [...codes],
		wantNational: scope.targets.some((t) => t.type === 'nl'),
		crosswalk: new Map()
	};
}

/**
 * Step 2b: the crosswalk rows into the forest's areas (queries/crosswalk.ts).
 * An area that did not exist in an older vintage gets, for the periods before
 * it existed and in which it has no figure of its own or of its parts, the
 * figures of the older areas it was made of, each by its share; their codes
 * join the codes whose observations are needed.
 */
export function withCrosswalk(forest: Forest, rows: CrosswalkRow[]): Forest {
	if (!rows.length) return forest;
	const crosswalk = new Map<string, Crossing>();
	for (const r of rows) {
		let c = crosswalk.get(r.to);
		if (!c) crosswalk.set(r.to, (c = { since: r.since, vintages: [], rows: new Map() }));
		const list = c.rows.get(r.vintage) ?? c.rows.set(r.vintage, []).get(r.vintage)!;
		list.push(r);
	}
	for (const c of crosswalk.values()) c.vintages = [...c.rows.keys()].sort((a, b) => a - b);
	return { ...forest, crosswalk, codes: [...new Set([...forest.codes, ...rows.map((r) => r.from)])] };
}

type Observed = { value: number; provisional: boolean; source: string };
/** indicator → area code → period → observation. */
type ValueIndex = Map<string, Map<string, Map<number, Observed>>>;

function indexObservations(rows: ObservationRow[]): ValueIndex {
	const index: ValueIndex = new Map();
	for (const r of rows) {
		let byCode = index.get(r.indicator);
		if (!byCode) index.set(r.indicator, (byCode = new Map()));
		let byPeriod = byCode.get(r.code);
		if (!byPeriod) byCode.set(r.code, (byPeriod = new Map()));
		// The row itself is the observation (rows are typed numbers and booleans; no copy per figure).
		byPeriod.set(r.period, r);
	}
	return index;
}

/**
 * Step 3: the series of every indicator for every target, over every period in
 * which any of the involved areas has a value. `observations` holds the values
 * of `valueKeys(indicators)` for `forest.codes` (and, when `forest.wantNational`,
 * those of all gemeenten in periods without a national figure).
 */
export function computeSeries(forest: Forest, inds: SeriesIndicator[], observations: ObservationRow[]): SeriesResult {
	const values = indexObservations(observations);
	const out: SeriesResult = new Map();
	const series = (key: string | null, code: string) => (key ? values.get(key)?.get(code) : undefined);
	// The value of an indicator at or nearest to a period, memoised by indicator,
	// code and period (weights and inhabitants are looked up for every indicator:
	// this is the hot path, so no string keys are built per lookup).
	const nearCache = new Map<string, Map<string, Map<number, Dated | null>>>();
	const near: NearOf = (key, code, period) => {
		let byCode = nearCache.get(key);
		if (!byCode) nearCache.set(key, (byCode = new Map()));
		let byPeriod = byCode.get(code);
		if (!byPeriod) byCode.set(code, (byPeriod = new Map()));
		let d = byPeriod.get(period);
		if (d === undefined) {
			const s = series(key, code);
			byPeriod.set(period, (d = s ? nearest(s, period, (o) => o.value) : null));
		}
		return d;
	};
	const population = (code: string, period: number) => near(POPULATION_INDICATOR, code, period)?.value ?? null;
	for (const ind of inds) out.set(ind.key, indicatorSeries(forest, ind, values, series, near, population));
	return out;
}

const NO_PERIODS: ReadonlySet<number> = new Set();

/** The sum, or null when there is nothing to add or any part is unknown. */
const sum = (xs: (number | null)[]) => (xs.length && xs.every((x) => x != null) ? xs.reduce<number>((a, b) => a + b!, 0) : null);

/** An aggregation member whose sub-areas are built only when `children` is read. */
class Member implements MemberInput {
	code: string;
	value: number | null;
	provisional?: boolean;
	source?: string;
	private built?: MemberInput[];
	constructor(
		private node: Node,
		private period: number,
		own: Observed | undefined,
		public weight: { period: number; value: number } | null,
		public numerator: number | null,
		public denominator: number | null,
		public population: number | null,
		private subs: (n: Node, period: number) => MemberInput[]
	) {
		this.code = node.code;
		this.value = own?.value ?? null;
		this.provisional = own?.provisional;
		this.source = own?.source;
	}
	get children(): MemberInput[] | undefined {
		if (!this.node.children) return undefined;
		return (this.built ??= this.subs(this.node, this.period));
	}
}

type SeriesOf = (key: string | null, code: string) => Map<number, Observed> | undefined;
type NearOf = (key: string, code: string, period: number) => Dated | null;

function indicatorSeries(
	forest: Forest,
	ind: SeriesIndicator,
	values: ValueIndex,
	series: SeriesOf,
	near: NearOf,
	population: (code: string, period: number) => number | null
): Map<string, SeriesPoint[]> {
	const { scope, trees } = forest;
	const suppression = scope.suppression;
	const rule = ruleOf(ind);
	const periods = new Set<number>();
	for (const byPeriod of values.get(ind.key)?.values() ?? []) for (const p of byPeriod.keys()) periods.add(p);

	// The older areas an area is converted from in a period: those of the
	// vintage of that period (the newest at or before it, else the oldest), and
	// only before the area existed.
	const crossing = (code: string, period: number): CrosswalkRow[] | null => {
		const c = forest.crosswalk.get(code);
		if (!c || period >= c.since) return null;
		let v = c.vintages[0];
		for (const x of c.vintages) if (x <= period) v = x;
		return c.rows.get(v) ?? null;
	};
	// Periods in which an area or any of its sub-areas (or, converted, its older
	// areas) has a value: a buurt's own figures, memoised for areas with parts
	// (most areas are buurten: no set each).
	const dataPeriods = new Map<string, Set<number>>();
	const periodsOf = (n: Node): ReadonlySet<number> | ReadonlyMap<number, unknown> => {
		const cw = forest.crosswalk.get(n.code);
		if (!n.children && !cw) return series(ind.key, n.code) ?? NO_PERIODS;
		let ps = dataPeriods.get(n.code);
		if (!ps) {
			ps = new Set(series(ind.key, n.code)?.keys() ?? []);
			for (const c of n.children ?? []) for (const p of periodsOf(c).keys()) ps.add(p);
			for (const [, rows] of cw?.rows ?? [])
				for (const r of rows) for (const p of series(ind.key, r.from)?.keys() ?? []) if (crossing(n.code, p)?.includes(r)) ps.add(p);
			dataPeriods.set(n.code, ps);
		}
		return ps;
	};
	const hasValue = (n: Node, period: number): boolean => periodsOf(n).has(period);

	// Converted through the crosswalk where the area has no figure of its own or of its parts.
	const converted = (n: Node, period: number): CrosswalkRow[] | null => {
		const rows = crossing(n.code, period);
		return rows && !series(ind.key, n.code)?.has(period) && !(n.children ?? []).some((c) => hasValue(c, period)) ? rows : null;
	};
	// An older area's share: counts, numerators, denominators, weights and inhabitants by the share, averages as they are.
	const scaled = (m: MemberInput, r: CrosswalkRow): MemberInput => {
		const times = (x: number | null | undefined) => (x == null ? x : x * r.share);
		return {
			code: m.code,
			value: m.value == null || rule.kind !== 'count' ? m.value : m.value * r.share,
			weight: m.weight ? { period: m.weight.period, value: m.weight.value * r.share } : m.weight,
			numerator: times(m.numerator),
			denominator: times(m.denominator),
			population: times(m.population),
			provisional: m.provisional,
			source: m.source,
			crosswalk: r.vintage
		};
	};
	const member = (n: Node, period: number): MemberInput => {
		const rows = converted(n, period);
		// Its inhabitants are those of the older areas of that period (not its own of another year).
		if (rows) return { code: n.code, value: null, children: rows.map((r) => scaled(member({ code: r.from }, period), r)) };
		const own = series(ind.key, n.code)?.get(period);
		return new Member(
			n,
			period,
			own,
			ind.weight ? near(ind.weight, n.code, period) : null,
			ind.numerator ? (series(ind.numerator, n.code)?.get(period)?.value ?? null) : null,
			ind.denominator ? (series(ind.denominator, n.code)?.get(period)?.value ?? null) : null,
			population(n.code, period),
			subMembers
		);
	};
	// Sub-areas of a member, built only when read (a member with a value of its own
	// never needs them), and only from sub-areas with data: the others add nothing.
	const subMembers = (n: Node, period: number): MemberInput[] => n.children!.filter((c) => hasValue(c, period)).map((c) => member(c, period));
	const nationalMember = (period: number): MemberInput => {
		const m = member({ code: NATIONAL_CODE }, period);
		if (m.value != null) return m;
		// No national figure published: the sum/average of the gemeenten. The gemeenten
		// of that year are those with a value or an inhabitant count for it, so that a
		// source covering only part of the country shows as partial coverage.
		const gms = new Set<string>();
		for (const key of [ind.key, POPULATION_INDICATOR]) {
			for (const [c, byPeriod] of values.get(key) ?? []) if (levelOfCode(c) === 'gemeente' && byPeriod.has(period)) gms.add(c);
		}
		return { ...m, children: [...gms].map((c) => member({ code: c }, period)) };
	};

	// Small-number suppression: inhabitants and cases of an area, own or from its parts.
	const ownCount = (n: Node, period: number, value: number): number | null => {
		const numerator = ind.numerator ? (series(ind.numerator, n.code)?.get(period)?.value ?? null) : null;
		const weight = ind.weight ? (near(ind.weight, n.code, period)?.value ?? null) : null;
		return casesOf(ind, value, numerator, weight);
	};
	const sumCounts = (parts: Cell[]) => (parts.length && parts.every((c) => c.count != null) ? parts.reduce((a, c) => a + c.count!, 0) : null);
	const cellOf = (n: Node, period: number): Cell => {
		const rows = converted(n, period);
		if (rows) {
			const cells = rows.filter((r) => hasValue({ code: r.from }, period)).map((r) => ({ r, c: cellOf({ code: r.from }, period) }));
			return {
				population: sum(cells.map(({ r, c }) => (c.population == null ? null : c.population * r.share))),
				count: sum(cells.map(({ r, c }) => (c.count == null ? null : c.count * r.share)))
			};
		}
		const own = series(ind.key, n.code)?.get(period);
		const pop = population(n.code, period);
		if (own) return { population: pop, count: ownCount(n, period, own.value) };
		return { population: pop, count: sumCounts((n.children ?? []).filter((c) => hasValue(c, period)).map((c) => cellOf(c, period))) };
	};
	const hierarchyCache = new Map<string, HierarchyLookup>();
	const hierarchy = (gm: string, period: number): HierarchyLookup | null => {
		if (!forest.hierarchies.has(gm) || !suppression) return null;
		const id = `${gm}|${period}`;
		let h = hierarchyCache.get(id);
		if (!h) {
			// Units are made as the lookup asks for them: a focus area of buurten needs only
			// the buurten of its own wijken, not the whole gemeente.
			const units = new Map<string, Unit | undefined>();
			const unit = (code: string): Unit | undefined => {
				if (units.has(code)) return units.get(code);
				const at = forest.hierarchyNodes.get(code);
				const u = at && { code, parent: at.parent, hasValue: hasValue(at.node, period), ...cellOf(at.node, period) };
				units.set(code, u);
				return u;
			};
			const parts = (code: string): string[] => {
				const n = forest.hierarchyNodes.get(code)?.node;
				return n?.children ? n.children.filter((c) => hasValue(c, period)).map((c) => c.code) : [];
			};
			hierarchyCache.set(id, (h = hierarchyLookup({ unit, parts }, suppression)));
		}
		return h;
	};
	const isSubArea = (code: string) => {
		const level = levelOfCode(code);
		return level === 'wijk' || level === 'buurt';
	};
	const areaReason = (code: string, period: number): SuppressionReason | null => {
		if (!suppression || !isSubArea(code)) return null;
		const gm = forest.gemeenteOf.get(code);
		const h = gm ? hierarchy(gm, period) : null;
		if (h) return h.reason(code);
		// Outside the current classification (an older code): only its own numbers count.
		return setReason([code], cellOf({ code }, period), null, suppression);
	};
	const setCell = (ns: Node[], period: number): Cell => {
		const cells = ns.filter((n) => hasValue(n, period)).map((n) => cellOf(n, period));
		return { population: sum(cells.map((c) => c.population)), count: sum(cells.map((c) => c.count)) };
	};
	const focusReason = (ns: Node[], period: number): SuppressionReason | null => {
		if (!suppression || !ns.length) return null;
		if (ns.length === 1 && !isSubArea(ns[0].code)) return null;
		const gm = forest.gemeenteOf.get(ns[0].code);
		const h = gm ? hierarchy(gm, period) : null;
		const present = ns.filter((n) => hasValue(n, period)).map((n) => n.code);
		return setReason(present, setCell(ns, period), h, suppression);
	};
	const minus = (a: Cell, b: Cell): Cell => ({
		population: a.population != null && b.population != null ? a.population - b.population : null,
		count: a.count != null && b.count != null ? a.count - b.count : null
	});
	const withheld = (agg: Aggregate, reason: SuppressionReason | null): Aggregate & { suppressed?: SuppressionReason | null } =>
		reason && agg.value != null ? { ...agg, value: null, total: null, weightSum: null, suppressed: reason } : agg;

	const sorted = [...periods].sort((a, b) => a - b);
	const byTarget = new Map<string, SeriesPoint[]>();
	for (const t of scope.targets) {
		const key = targetKey(t);
		const points: SeriesPoint[] = [];
		for (const period of sorted) {
			let agg: Aggregate & { suppressed?: SuppressionReason | null };
			if (t.type === 'rest' || t.type === 'areaRest') {
				const cityNodes = trees.get(`${key}:city`)!;
				const partNodes = trees.get(`${key}:part`)!;
				const city = aggregate(
					rule,
					period,
					cityNodes.map((n) => member(n, period))
				);
				const part = aggregate(
					rule,
					period,
					partNodes.map((n) => member(n, period))
				);
				agg = difference(rule, city, part);
				if (suppression && agg.value != null) {
					const partReason = t.type === 'rest' ? focusReason(partNodes, period) : areaReason(t.code, period);
					agg = withheld(agg, restReason(partReason, minus(setCell(cityNodes, period), setCell(partNodes, period)), suppression));
				}
			} else if (t.type === 'nl') {
				agg = aggregate(rule, period, [nationalMember(period)]);
			} else {
				const ns = trees.get(key)!;
				agg = aggregate(
					rule,
					period,
					ns.map((n) => member(n, period))
				);
				if (suppression && agg.value != null) {
					if (t.type === 'area') agg = withheld(agg, areaReason(t.code, period));
					else if (t.type === 'focus') agg = withheld(agg, focusReason(ns, period));
				}
			}
			points.push({ period, ...agg });
		}
		byTarget.set(key, points);
	}
	return byTarget;
}

/** The last point with a value, or null. */
export function latest(points: SeriesPoint[] | undefined): SeriesPoint | null {
	if (!points) return null;
	for (let i = points.length - 1; i >= 0; i--) if (points[i].value != null) return points[i];
	return null;
}

/** An area's number of inhabitants in one period; `complete` when it covers the whole area. */
export interface Population {
	value: number;
	period: number;
	complete: boolean;
}

/**
 * The latest count of inhabitants, preferring one that covers the whole area:
 * the one figure of an area's size that the overview and the area page both show.
 */
export function latestPopulation(points: SeriesPoint[] | undefined): Population | null {
	const known = points?.filter((p) => p.value != null) ?? [];
	const last = known.filter((p) => isComplete(p)).at(-1) ?? known.at(-1);
	return last ? { value: last.value!, period: last.period, complete: isComplete(last) } : null;
}
