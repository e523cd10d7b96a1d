/**
 * Indicator values for areas and sets of areas over time. Fetches the raw
 * observations in one query per call (for one indicator or many) and hands them
 * to the one aggregation module ($lib/indicators/aggregate), so every page
 * combines areas the same way. With a suppression configuration, values of too
 * few inhabitants or cases are withheld ($lib/indicators/suppression).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
	aggregate,
	difference,
	nearest,
	type Aggregate,
	type AggregationRule,
	type MemberInput
} from '../../indicators/aggregate';
import {
	casesOf,
	restReason,
	setReason,
	suppressHierarchy,
	type Cell,
	type HierarchySuppression,
	type SuppressionConfig,
	type SuppressionReason,
	type Unit
} from '../../indicators/suppression';
import type { Db } from '../db/index';
import { area, focusArea, focusAreaMember, observation } from '../db/schema/index';
import { indicatorByKey, type Indicator } from './indicators';
import { subAreasOf } from './areas';

/** What a series is computed for. */
export type Target =
	| { type: 'area'; code: string }
	| { type: 'focus'; id: string }
	/** The city of a focus area without the focus area. */
	| { type: 'rest'; focusId: string }
	/** The gemeente of a wijk or buurt without that wijk or buurt. */
	| { type: 'areaRest'; code: string }
	| { type: 'g4' }
	| { type: 'nl' };

export const G4_CODES = ['GM0363', 'GM0599', 'GM0518', 'GM0344'] as const;

export function targetKey(t: Target): string {
	switch (t.type) {
		case 'area':
			return `area:${t.code}`;
		case 'focus':
			return `focus:${t.id}`;
		case 'rest':
			return `rest:${t.focusId}`;
		case 'areaRest':
			return `areaRest:${t.code}`;
		default:
			return t.type;
	}
}

export interface SeriesPoint extends Aggregate {
	period: number;
	/** Set when the value is withheld (small numbers); `value`, `total` and `weightSum` are then null. */
	suppressed?: SuppressionReason | null;
}

export interface SeriesOptions {
	/** Withhold values of too few inhabitants or cases; absent or null: show everything. */
	suppression?: SuppressionConfig | null;
}

interface Node {
	code: string;
	children?: Node[];
}

export function ruleOf(ind: Indicator): AggregationRule {
	return { kind: ind.kind, estimate: ind.estimate, hasNumerator: Boolean(ind.numerator && ind.denominator), scale: ind.scale };
}

type ValueIndex = Map<string, Map<string, Map<number, { value: number; provisional: boolean; source: string }>>>;

/**
 * Observations of `indicators` for `codes`, plus, when `allGemeenten`, those of
 * all gemeenten in the periods for which no national (NL01) value exists: the
 * national series falls back to the gemeenten only there.
 */
async function loadValues(db: Db, codes: string[], indicators: string[], allGemeenten: boolean): Promise<ValueIndex> {
	const where = allGemeenten
		? and(
				inArray(observation.indicator, indicators),
				or(
					inArray(observation.areaCode, codes.length ? codes : ['']),
					sql`(${observation.areaCode} LIKE 'GM%' AND NOT EXISTS (SELECT 1 FROM observation nl WHERE nl.area_code = 'NL01' AND nl.indicator = ${observation.indicator} AND nl.period = ${observation.period}))`
				)
			)
		: and(inArray(observation.indicator, indicators), inArray(observation.areaCode, codes.length ? codes : ['']));
	const rows = await db
		.select({ code: observation.areaCode, indicator: observation.indicator, period: observation.period, value: observation.value, provisional: observation.provisional, source: observation.sourceId })
		.from(observation)
		.where(where);
	const index: ValueIndex = new Map();
	for (const r of rows) {
		let byCode = index.get(r.indicator);
		if (!byCode) index.set(r.indicator, (byCode = new Map()));
		let byPeriod = byCode.get(r.code);
		if (!byPeriod) byCode.set(r.code, (byPeriod = new Map()));
		byPeriod.set(r.period, { value: Number(r.value), provisional: r.provisional, source: r.source });
	}
	return index;
}

/**
 * Series of `indicatorKey` for each target, over every period in which any of
 * the involved areas has a value. Keyed by `targetKey`.
 */
export async function seriesFor(db: Db, targets: Target[], indicatorKey: string, opts: SeriesOptions = {}): Promise<Map<string, SeriesPoint[]>> {
	const ind = await indicatorByKey(db, indicatorKey);
	if (!ind) return new Map();
	return (await seriesForIndicators(db, targets, [ind], opts)).get(ind.key) ?? new Map();
}

/**
 * `seriesFor` for several indicators at once: the focus areas, the sub-areas of
 * the cities involved and all their observations are read once (four queries),
 * then every indicator is aggregated in memory. Keyed by indicator key, then by
 * `targetKey`.
 */
export async function seriesForIndicators(
	db: Db,
	targets: Target[],
	inds: Indicator[],
	opts: SeriesOptions = {}
): Promise<Map<string, Map<string, SeriesPoint[]>>> {
	const out = new Map<string, Map<string, SeriesPoint[]>>();
	if (!inds.length) return out;
	const suppression = opts.suppression ?? null;

	// Which gemeenten, focus areas and codes are involved.
	const focusIds = [...new Set(targets.flatMap((t) => (t.type === 'focus' ? [t.id] : t.type === 'rest' ? [t.focusId] : [])))];
	const focusRows = focusIds.length
		? await db
				.select({ id: focusArea.id, gemeente: focusArea.gemeenteCode, code: focusAreaMember.areaCode })
				.from(focusArea)
				.innerJoin(focusAreaMember, eq(focusAreaMember.focusAreaId, focusArea.id))
				.where(inArray(focusArea.id, focusIds))
		: [];
	const focusMembers = new Map<string, { gemeente: string; codes: string[] }>();
	for (const r of focusRows) {
		const f = focusMembers.get(r.id) ?? { gemeente: r.gemeente, codes: [] };
		f.codes.push(r.code);
		focusMembers.set(r.id, f);
	}
	const targetAreaCodes = targets.flatMap((t) => (t.type === 'area' || t.type === 'areaRest' ? [t.code] : []));
	const targetAreas = targetAreaCodes.length
		? await db.select({ code: area.code, level: area.level, gemeente: area.gemeenteCode, superseded: area.superseded }).from(area).where(inArray(area.code, targetAreaCodes))
		: [];
	const areaInfo = new Map(targetAreas.map((a) => [a.code, a]));
	const gemeenten = new Set<string>();
	for (const a of targetAreas) if (a.gemeente && !a.superseded) gemeenten.add(a.gemeente);
	for (const f of focusMembers.values()) gemeenten.add(f.gemeente);
	if (targets.some((t) => t.type === 'g4')) G4_CODES.forEach((g) => gemeenten.add(g));

	// Gemeenten whose wijken and buurten decide what is withheld (see suppression.ts).
	const guarded = new Set<string>();
	if (suppression) {
		for (const a of targetAreas) if (a.gemeente && !a.superseded && (a.level === 'wijk' || a.level === 'buurt')) guarded.add(a.gemeente);
		for (const f of focusMembers.values()) guarded.add(f.gemeente);
	}

	const subs = await subAreasOf(db, [...gemeenten]);
	const wijkenOf = new Map<string, string[]>();
	const buurtenOf = new Map<string, string[]>();
	const gemeenteOf = new Map<string, string>();
	for (const s of subs) {
		if (s.gemeenteCode) gemeenteOf.set(s.code, s.gemeenteCode);
		if (s.level === 'wijk' && s.gemeenteCode) (wijkenOf.get(s.gemeenteCode) ?? wijkenOf.set(s.gemeenteCode, []).get(s.gemeenteCode)!).push(s.code);
		if (s.level === 'buurt' && s.wijkCode) (buurtenOf.get(s.wijkCode) ?? buurtenOf.set(s.wijkCode, []).get(s.wijkCode)!).push(s.code);
	}
	const node = (code: string): Node => {
		if (code.startsWith('GM')) return { code, children: (wijkenOf.get(code) ?? []).map(node) };
		if (code.startsWith('WK')) return { code, children: (buurtenOf.get(code) ?? []).map((b) => ({ code: b })) };
		return { code };
	};

	const codes = new Set<string>();
	const collect = (n: Node) => {
		codes.add(n.code);
		n.children?.forEach(collect);
	};
	const trees = new Map<string, Node[]>();
	const cityTree = (f: { gemeente: string }) => [node(f.gemeente)];
	for (const t of targets) {
		const key = targetKey(t);
		if (t.type === 'area') trees.set(key, [node(t.code)]);
		else if (t.type === 'focus') trees.set(key, (focusMembers.get(t.id)?.codes ?? []).map(node));
		else if (t.type === 'rest') {
			const f = focusMembers.get(t.focusId);
			trees.set(`${key}:city`, f ? cityTree(f) : []);
			trees.set(`${key}:part`, f ? f.codes.map(node) : []);
		} else if (t.type === 'areaRest') {
			const gm = areaInfo.get(t.code)?.gemeente;
			const ok = gm && gm !== t.code && !areaInfo.get(t.code)?.superseded;
			trees.set(`${key}:city`, ok ? [node(gm)] : []);
			trees.set(`${key}:part`, ok ? [node(t.code)] : []);
		} else if (t.type === 'g4') trees.set(key, G4_CODES.map(node));
		else trees.set(key, [{ code: 'NL01' }]);
	}
	const hierarchyTrees = new Map([...guarded].map((gm) => [gm, node(gm)]));
	for (const ns of trees.values()) ns.forEach(collect);
	for (const n of hierarchyTrees.values()) collect(n);

	const wantNl = targets.some((t) => t.type === 'nl');
	const keys = [...new Set(inds.flatMap((ind) => [ind.key, ind.weight, ind.numerator, ind.denominator]).concat('inwoners').filter((k): k is string => Boolean(k)))];
	const values = await loadValues(db, [...codes], keys, wantNl);

	const series = (key: string | null, code: string) => (key ? values.get(key)?.get(code) : undefined);
	const plainCache = new Map<string, Map<number, number>>();
	const plain = (key: string | null, code: string) => {
		const id = `${key}|${code}`;
		let m = plainCache.get(id);
		if (!m) {
			const s = series(key, code);
			m = s ? new Map([...s].map(([p, v]) => [p, v.value])) : new Map<number, number>();
			plainCache.set(id, m);
		}
		return m;
	};

	for (const ind of inds) {
		const rule = ruleOf(ind);
		const periods = new Set<number>();
		for (const byPeriod of values.get(ind.key)?.values() ?? []) for (const p of byPeriod.keys()) periods.add(p);

		// Periods in which an area or any of its sub-areas has a value (memoised per indicator).
		const dataPeriods = new Map<string, Set<number>>();
		const periodsOf = (n: Node): Set<number> => {
			let ps = dataPeriods.get(n.code);
			if (!ps) {
				ps = new Set(series(ind.key, n.code)?.keys() ?? []);
				for (const c of n.children ?? []) for (const p of periodsOf(c)) ps.add(p);
				dataPeriods.set(n.code, ps);
			}
			return ps;
		};
		const hasValue = (n: Node, period: number): boolean => periodsOf(n).has(period);

		const member = (n: Node, period: number): MemberInput => {
			const own = series(ind.key, n.code)?.get(period);
			const m: MemberInput = {
				code: n.code,
				value: own?.value ?? null,
				provisional: own?.provisional,
				source: own?.source,
				weight: ind.weight ? nearest(plain(ind.weight, n.code), period) : null,
				numerator: ind.numerator ? (series(ind.numerator, n.code)?.get(period)?.value ?? null) : null,
				denominator: ind.denominator ? (series(ind.denominator, n.code)?.get(period)?.value ?? null) : null,
				population: nearest(plain('inwoners', n.code), period)?.value ?? null
			};
			if (n.children) {
				// Built only when read (a member with a value of its own never needs its
				// sub-areas), and only from sub-areas with data: the others add nothing.
				let built: MemberInput[] | undefined;
				Object.defineProperty(m, 'children', {
					enumerable: true,
					get: () => (built ??= n.children!.filter((c) => hasValue(c, period)).map((c) => member(c, period)))
				});
			}
			return m;
		};
		const nlMember = (period: number): MemberInput => {
			const m = member({ code: 'NL01' }, period);
			if (m.value != null) return m;
			// No national figure published: the sum/average of the gemeenten. The gemeenten
			// of that year are those with a value or an inhabitant count for it, so that a
			// source covering only part of the country shows as partial coverage.
			const gms = new Set<string>();
			for (const key of [ind.key, 'inwoners']) {
				for (const [c, byPeriod] of values.get(key) ?? []) if (c.startsWith('GM') && byPeriod.has(period)) gms.add(c);
			}
			return { ...m, children: [...gms].map((c) => member({ code: c }, period)) };
		};

		// Small-number suppression: inhabitants and cases of an area, own or from its parts.
		const cellOf = (n: Node, period: number): Cell => {
			const own = series(ind.key, n.code)?.get(period);
			const population = nearest(plain('inwoners', n.code), period)?.value ?? null;
			if (own) {
				const numerator = ind.numerator ? (series(ind.numerator, n.code)?.get(period)?.value ?? null) : null;
				const weight = ind.weight ? (nearest(plain(ind.weight, n.code), period)?.value ?? null) : null;
				return { population, count: casesOf(ind, own.value, numerator, weight) };
			}
			const parts = (n.children ?? []).filter((c) => hasValue(c, period)).map((c) => cellOf(c, period));
			const count = parts.length && parts.every((c) => c.count != null) ? parts.reduce((a, c) => a + c.count!, 0) : null;
			return { population, count };
		};
		const hierarchies = new Map<string, HierarchySuppression>();
		const hierarchy = (gm: string, period: number): HierarchySuppression | null => {
			const root = hierarchyTrees.get(gm);
			if (!root || !suppression) return null;
			const id = `${gm}|${period}`;
			let h = hierarchies.get(id);
			if (!h) {
				const units: Unit[] = [];
				const walk = (n: Node, parent: string | null) => {
					units.push({ code: n.code, parent, hasValue: hasValue(n, period), ...cellOf(n, period) });
					n.children?.forEach((c) => walk(c, n.code));
				};
				walk(root, null);
				hierarchies.set(id, (h = suppressHierarchy(units, suppression)));
			}
			return h;
		};
		const areaReason = (code: string, period: number): SuppressionReason | null => {
			if (!suppression || !(code.startsWith('WK') || code.startsWith('BU'))) return null;
			const gm = gemeenteOf.get(code);
			const h = gm ? hierarchy(gm, period) : null;
			if (h) return h.reasons.get(code) ?? null;
			// Outside the current classification (an older code): only its own numbers count.
			return setReason([code], cellOf({ code }, period), null, suppression);
		};
		const setCell = (ns: Node[], period: number): Cell => {
			const cells = ns.filter((n) => hasValue(n, period)).map((n) => cellOf(n, period));
			const sum = (xs: (number | null)[]) => (xs.length && xs.every((x) => x != null) ? xs.reduce<number>((a, b) => a + b!, 0) : null);
			return { population: sum(cells.map((c) => c.population)), count: sum(cells.map((c) => c.count)) };
		};
		const focusReason = (ns: Node[], period: number): SuppressionReason | null => {
			if (!suppression || !ns.length) return null;
			if (ns.length === 1 && !ns[0].code.startsWith('BU') && !ns[0].code.startsWith('WK')) return null;
			const gm = gemeenteOf.get(ns[0].code);
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
		for (const t of targets) {
			const key = targetKey(t);
			const points: SeriesPoint[] = [];
			for (const period of sorted) {
				let agg: Aggregate & { suppressed?: SuppressionReason | null };
				if (t.type === 'rest' || t.type === 'areaRest') {
					const cityNodes = trees.get(`${key}:city`)!;
					const partNodes = trees.get(`${key}:part`)!;
					const city = aggregate(rule, period, cityNodes.map((n) => member(n, period)));
					const part = aggregate(rule, period, partNodes.map((n) => member(n, period)));
					agg = difference(rule, city, part);
					if (suppression && agg.value != null) {
						const partReason = t.type === 'rest' ? focusReason(partNodes, period) : areaReason(t.code, period);
						agg = withheld(agg, restReason(partReason, minus(setCell(cityNodes, period), setCell(partNodes, period)), suppression));
					}
				} else if (t.type === 'nl') {
					agg = aggregate(rule, period, [nlMember(period)]);
				} else {
					const ns = trees.get(key)!;
					agg = aggregate(rule, period, ns.map((n) => member(n, period)));
					if (suppression && agg.value != null) {
						if (t.type === 'area') agg = withheld(agg, areaReason(t.code, period));
						else if (t.type === 'focus') agg = withheld(agg, focusReason(ns, period));
					}
				}
				points.push({ period, ...agg });
			}
			byTarget.set(key, points);
		}
		out.set(ind.key, byTarget);
	}
	return out;
}

/** The last point with a value, or null. */
export function latest(points: SeriesPoint[] | undefined): SeriesPoint | null {
	if (!points) return null;
	for (let i = points.length - 1; i >= 0; i--) if (points[i].value != null) return points[i];
	return null;
}
