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
});
