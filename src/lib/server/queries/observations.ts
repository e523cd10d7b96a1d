/**
 * Indicator values for areas and sets of areas over time. Fetches the raw
 * observations in one query per call and hands them to the one aggregation
 * module ($lib/indicators/aggregate), so every page combines areas the same way.
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
		default:
			return t.type;
	}
}

export interface SeriesPoint extends Aggregate {
	period: number;
}

interface Node {
	code: string;
	children?: Node[];
}

export function ruleOf(ind: Indicator): AggregationRule {
	return { kind: ind.kind, estimate: ind.estimate, hasNumerator: Boolean(ind.numerator && ind.denominator), scale: ind.scale };
}

type ValueIndex = Map<string, Map<string, Map<number, { value: number; provisional: boolean; source: string }>>>;

/** Observations of `indicators` for `codes` (plus all gemeenten when `allGemeenten`). */
async function loadValues(db: Db, codes: string[], indicators: string[], allGemeenten: boolean): Promise<ValueIndex> {
	const where = allGemeenten
		? and(inArray(observation.indicator, indicators), or(inArray(observation.areaCode, codes.length ? codes : ['']), sql`${observation.areaCode} LIKE 'GM%'`))
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
export async function seriesFor(db: Db, targets: Target[], indicatorKey: string): Promise<Map<string, SeriesPoint[]>> {
	const ind = await indicatorByKey(db, indicatorKey);
	const out = new Map<string, SeriesPoint[]>();
	if (!ind) return out;
	const rule = ruleOf(ind);

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
	const targetAreaCodes = targets.flatMap((t) => (t.type === 'area' ? [t.code] : []));
	const targetAreas = targetAreaCodes.length
		? await db.select({ code: area.code, level: area.level, gemeente: area.gemeenteCode, superseded: area.superseded }).from(area).where(inArray(area.code, targetAreaCodes))
		: [];
	const gemeenten = new Set<string>();
	for (const a of targetAreas) if (a.gemeente && !a.superseded) gemeenten.add(a.gemeente);
	for (const f of focusMembers.values()) gemeenten.add(f.gemeente);
	if (targets.some((t) => t.type === 'g4')) G4_CODES.forEach((g) => gemeenten.add(g));

	const subs = await subAreasOf(db, [...gemeenten]);
	const wijkenOf = new Map<string, string[]>();
	const buurtenOf = new Map<string, string[]>();
	for (const s of subs) {
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
		} else if (t.type === 'g4') trees.set(key, G4_CODES.map(node));
		else trees.set(key, [{ code: 'NL01' }]);
	}
	for (const ns of trees.values()) ns.forEach(collect);

	const wantNl = targets.some((t) => t.type === 'nl');
	const keys = [...new Set([ind.key, ind.weight, ind.numerator, ind.denominator, 'inwoners'].filter((k): k is string => Boolean(k)))];
	const values = await loadValues(db, [...codes], keys, wantNl);

	const series = (key: string | null, code: string) => (key ? values.get(key)?.get(code) : undefined);
	const plain = (key: string | null, code: string) => {
		const s = series(key, code);
		return s ? new Map([...s].map(([p, v]) => [p, v.value])) : new Map<number, number>();
	};
	const periods = new Set<number>();
	for (const byPeriod of values.get(ind.key)?.values() ?? []) for (const p of byPeriod.keys()) periods.add(p);

	const member = (n: Node, period: number): MemberInput => {
		const own = series(ind.key, n.code)?.get(period);
		return {
			code: n.code,
			value: own?.value ?? null,
			provisional: own?.provisional,
			source: own?.source,
			weight: ind.weight ? nearest(plain(ind.weight, n.code), period) : null,
			numerator: ind.numerator ? (series(ind.numerator, n.code)?.get(period)?.value ?? null) : null,
			denominator: ind.denominator ? (series(ind.denominator, n.code)?.get(period)?.value ?? null) : null,
			population: nearest(plain('inwoners', n.code), period)?.value ?? null,
			children: n.children?.map((c) => member(c, period))
		};
	};
	const nlMember = (period: number): MemberInput => {
		const m = member({ code: 'NL01' }, period);
		if (m.value != null) return m;
		// No national figure published: the sum/average of the gemeenten with a value.
		const gms = [...(values.get(ind.key)?.keys() ?? [])].filter((c) => c.startsWith('GM') && series(ind.key, c)?.has(period));
		return { ...m, children: gms.map((c) => member({ code: c }, period)) };
	};

	const sorted = [...periods].sort((a, b) => a - b);
	for (const t of targets) {
		const key = targetKey(t);
		const points: SeriesPoint[] = [];
		for (const period of sorted) {
			let agg: Aggregate;
			if (t.type === 'rest') {
				const city = aggregate(rule, period, trees.get(`${key}:city`)!.map((n) => member(n, period)));
				const part = aggregate(rule, period, trees.get(`${key}:part`)!.map((n) => member(n, period)));
				agg = difference(rule, city, part);
			} else if (t.type === 'nl') {
				agg = aggregate(rule, period, [nlMember(period)]);
			} else {
				agg = aggregate(rule, period, trees.get(key)!.map((n) => member(n, period)));
			}
			points.push({ period, ...agg });
		}
		out.set(key, points);
	}
	return out;
}

/** The last point with a value, or null. */
export function latest(points: SeriesPoint[] | undefined): SeriesPoint | null {
	if (!points) return null;
	for (let i = points.length - 1; i >= 0; i--) if (points[i].value != null) return points[i];
	return null;
}
