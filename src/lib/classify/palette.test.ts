import { describe, expect, it } from 'vitest';
import { paletteFor } from './palette';

const luminance = (hex: string) => {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('paletteFor', () => {
	it('gives one colour per class, all distinct', () => {
		for (const k of [1, 2, 3, 4, 5, 6, 7]) {
			for (const scheme of ['sequential', 'diverging'] as const) {
				for (const dir of [true, false, null]) {
					const c = paletteFor(scheme, dir, k);
					expect(c).toHaveLength(k);
					expect(new Set(c).size).toBe(k);
				}
			}
		}
		expect(paletteFor('sequential', false, 0)).toEqual([]);
	});

	it('makes the less favourable end darker, whichever way the indicator runs', () => {
		const lowerBetter = paletteFor('sequential', false, 5);
		const higherBetter = paletteFor('sequential', true, 5);
		// Lower is better (obesity): the highest class is darkest.
		expect(luminance(lowerBetter[4])).toBeLessThan(luminance(lowerBetter[0]));
		// Higher is better (income): the lowest class is darkest.
		expect(luminance(higherBetter[0])).toBeLessThan(luminance(higherBetter[4]));
		expect(higherBetter).toEqual([...lowerBetter].reverse());
	});

	it('uses a neutral blue ramp when the registry gives no direction', () => {
		const c = paletteFor('sequential', null, 5);
		expect(c[0]).toBe('#eff3ff');
		expect(luminance(c[4])).toBeLessThan(luminance(c[0]));
	});

	it('colours "more favourable than the city" blue and "less favourable" red in difference mode', () => {
		const blueish = (hex: string) => parseInt(hex.slice(5, 7), 16) > parseInt(hex.slice(1, 3), 16);
		// Lower is better: below the city (first classes) is favourable.
		const lower = paletteFor('diverging', false, 5);
		expect(blueish(lower[0])).toBe(true);
		expect(blueish(lower[4])).toBe(false);
		const higher = paletteFor('diverging', true, 5);
		expect(blueish(higher[0])).toBe(false);
		expect(blueish(higher[4])).toBe(true);
		// The middle class is a neutral near-white.
		expect(lower[2]).toBe('#f7f7f7');
	});

	it('takes the ColorBrewer colours by direction (values from colorbrewer2.org, 5 classes)', () => {
		const orRd = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
		const rdBu = ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'];
		expect(paletteFor('sequential', false, 5)).toEqual(orRd);
		expect(paletteFor('sequential', true, 5)).toEqual([...orRd].reverse());
		expect(paletteFor('sequential', null, 5)).toEqual(['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']);
		expect(paletteFor('diverging', true, 5)).toEqual(rdBu);
		expect(paletteFor('diverging', false, 5)).toEqual([...rdBu].reverse());
		expect(paletteFor('diverging', null, 5)).toEqual(['#7b3294', '#c2a5cf', '#f7f7f7', '#a6dba0', '#008837']);
	});

	it('draws one and two classes from the 3-class ramp and stops at seven colours', () => {
		expect(paletteFor('sequential', false, 1)).toEqual(['#fdbb84']);
		expect(paletteFor('sequential', false, 2)).toEqual(['#fee8c8', '#e34a33']);
		expect(paletteFor('diverging', false, 3)).toEqual(['#67a9cf', '#f7f7f7', '#ef8a62']);
		expect(paletteFor('sequential', null, 9)).toEqual(paletteFor('sequential', null, 7));
	});
});
