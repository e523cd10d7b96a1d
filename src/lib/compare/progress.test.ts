import { describe, expect, it } from 'vitest';
import type { PageTarget } from '../area/types';
import type { Gap } from '../indicators/gaps';
import type { CompareRow } from './compare';
import { inProgramme, parseProgressView, progressCell, spiralAreas } from './progress';

const rate = { higherIsBetter: false, kind: 'rate' as const, decimals: 1 };
const row = (cityGap: Gap | null) => ({ id: 'a', cityGap }) as CompareRow;
const gap = (absolute: number, before: number | null): Gap => ({
	period: 2020,
	area: 0,
	reference: 0,
	absolute,
	relative: null,
	sincePrevious: before == null ? null : { period: 2016, gap: before, change: Math.abs(absolute) - Math.abs(before), trend: 'unchanged' },
	sinceFirst: null
});

describe('progress cell', () => {
	it('shows the target status where the area has a target on the indicator', () => {
		const target = { target: { id: 't1' }, evaluation: { status: 'niet_op_koers', reason: null, latest: { period: 2020 } } } as unknown as PageTarget;
		expect(progressCell(rate, row(gap(5, 4)), target)).toEqual({ kind: 'target', targetId: 't1', status: 'niet_op_koers', reason: null, period: 2020 });
	});

	it('judges the movement against the city by direction: towards the city from the worse side is better', () => {
		// Obesity (lower is better): 5,8 points above the city, then 5,0: better.
		expect(progressCell(rate, row(gap(5.0, 5.8)), null)).toMatchObject({ kind: 'gap', better: true, gap: 5.0, before: 5.8, since: 2016, period: 2020 });
		// Further above: worse. Below the city and further below: better.
		expect(progressCell(rate, row(gap(6.4, 5.8)), null)).toMatchObject({ better: false });
		expect(progressCell(rate, row(gap(-7.9, -4.1)), null)).toMatchObject({ better: true });
		// Higher is better (labour participation): 3 below, then 5 below: worse.
		expect(progressCell({ ...rate, higherIsBetter: true }, row(gap(-5, -3)), null)).toMatchObject({ better: false });
		// Within half the last decimal: no judgement; no direction: none.
		expect(progressCell(rate, row(gap(5.02, 5.0)), null)).toMatchObject({ better: null });
		expect(progressCell({ ...rate, higherIsBetter: null }, row(gap(8, 5)), null)).toMatchObject({ better: null });
	});

	it('says why there is no judgement: a count, no city figures, one measurement', () => {
		expect(progressCell({ ...rate, kind: 'count' }, row(gap(1, 2)), null)).toEqual({ kind: 'none', why: 'count' });
		expect(progressCell(rate, row(null), null)).toEqual({ kind: 'none', why: 'no-figures' });
		expect(progressCell(rate, row(gap(5, null)), null)).toEqual({ kind: 'none', why: 'one-period' });
	});
});

describe('progress filter', () => {
	it('reads programme and city from the URL, defaulting to NPLV and every city', () => {
		expect(parseProgressView(new URLSearchParams(''))).toEqual({ programme: 'NPLV', city: null });
		expect(parseProgressView(new URLSearchParams('programma=NPRZ&stad=GM0599'))).toEqual({ programme: 'NPRZ', city: 'GM0599' });
		expect(parseProgressView(new URLSearchParams('programma=x&stad=Rotterdam'))).toEqual({ programme: 'NPLV', city: null });
		expect([inProgramme('NPRZ-focuswijk', 'NPRZ'), inProgramme('NPLV', 'NPRZ'), inProgramme('NPLV', 'alle')]).toEqual([true, false, true]);
	});
});

describe('negative spiral', () => {
	const ind = (key: string, higherIsBetter: boolean | null, gaps: Record<string, [number, number]>, kind: 'rate' | 'count' = 'rate') => ({
		key,
		higherIsBetter,
		kind,
		rows: Object.entries(gaps).map(([id, [before, now]]) => ({ id, name: id.toUpperCase(), cityGap: gap(now, before) }))
	});
	const indicators = [
		// Lower is better: A +2 → +4 (behind, grew by 2: counts); B −1 → −3 (ahead: does not).
		ind('obesitas', false, { a: [2, 4], b: [-1, -3] }),
		// Higher is better: A −1 → −1,5 (behind, grew 0,5 ≤ noise 1: does not); B −2 → −4 (counts).
		ind('werk', true, { a: [-1, -1.5], b: [-2, -4] }),
		// A +1 → +3 (counts); B +5 → +3 (narrowed: does not).
		ind('misdrijven', false, { a: [1, 3], b: [5, 3] }),
		// A −2 → −5 on labour participation again under another key: counts.
		ind('arbeid', true, { a: [-2, -5], b: [0, 0] }),
		// No direction, and a count: never.
		ind('leeftijd', null, { a: [1, 9], b: [1, 9] }),
		ind('inwoners', false, { a: [1, 9], b: [1, 9] }, 'count')
	];
	it('lists the areas that fell further behind their city on at least N indicators, beyond the noise', () => {
		const r = spiralAreas(indicators, 3, () => 1);
		expect(r.map((a) => [a.id, a.moves.map((m) => m.indicator)])).toEqual([['a', ['obesitas', 'misdrijven', 'arbeid']]]);
		expect(r[0].moves[0]).toEqual({ indicator: 'obesitas', since: 2016, period: 2020, before: 2, gap: 4 });
		// With N = 1, B too (one move), after A (more moves first).
		expect(spiralAreas(indicators, 1, () => 1).map((a) => [a.id, a.moves.length])).toEqual([
			['a', 3],
			['b', 1]
		]);
		// A smaller noise lets A's half point on work count.
		expect(spiralAreas(indicators, 4, () => 0.05).map((a) => a.id)).toEqual(['a']);
	});
});
