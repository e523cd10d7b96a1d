import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { pointNotes, signedDifference, signedPercent, suppressedText } from './figures';

const nl = translator('nl');
const en = translator('en');
const pct = { format: 'percent' as const, decimals: 1, unit: '% van volwassenen 18+', unitEn: '% of adults 18+' };
const euro = { format: 'euroThousands' as const, decimals: 0, unit: 'bedrag in duizenden euro', unitEn: 'amount in thousands of euros' };

describe('figures as text', () => {
	it('signs gaps with a real minus and no sign for zero', () => {
		expect(signedDifference(5.0, pct, nl)).toBe('+5,0 procentpunt');
		expect(signedDifference(-9.8, euro, nl)).toBe('−€ 9.800');
		expect(signedDifference(0.04, pct, en)).toBe('0.0 percentage points');
		expect(signedPercent(5 / 17.5, nl)).toBe('+29%');
		expect(signedPercent(-0.3, en)).toBe('−30%');
	});

	it('marks estimates, provisional figures, partial coverage and weights of another year', () => {
		const notes = pointNotes(
			{ period: 2020, value: 17.4, estimate: true, provisional: true, coverage: { with: 2, total: 3, share: 0.8 }, weightPeriods: [2022], sources: [] },
			nl
		);
		expect(notes.map((n) => [n.mark, n.text])).toEqual([
			['m', 'modelschatting'],
			['v', 'voorlopig cijfer'],
			['d', 'gebaseerd op 2 van 3 deelgebieden (80%)'],
			['j', 'gewogen met inwoners of huishoudens van 2022']
		]);
		expect(pointNotes({ period: 2020, value: null, estimate: true, sources: [] }, nl)).toEqual([]);
		expect(suppressedText({ period: 2020, value: null, suppressed: 'count', sources: [] }, { minPopulation: 50, minCount: 10 }, nl)).toBe(
			'afgeschermd: minder dan 10 gevallen'
		);
	});
});
