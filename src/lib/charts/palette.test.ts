import { describe, expect, it } from 'vitest';
import { EXTRA_STYLES, OKABE_ITO, SERIES_STYLES, contrastRatio, styleFor } from './palette';

describe('chart palette', () => {
	it('computes WCAG contrast ratios', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
		// #0072B2 by hand: G 114/255 → 0.1683, B 178/255 → 0.4452 (linearised);
		// L = 0.7152 × 0.1683 + 0.0722 × 0.4452 = 0.1525; (1 + 0.05) / (0.1525 + 0.05) = 5.19.
		expect(contrastRatio(OKABE_ITO.blue, '#ffffff')).toBeCloseTo(5.19, 1);
	});

	it('gives the area and the four references graphics contrast of at least 3:1 on white (WCAG 1.4.11)', () => {
		for (const [role, s] of Object.entries(SERIES_STYLES)) expect(contrastRatio(s.color, '#ffffff'), role).toBeGreaterThanOrEqual(3);
	});

	it('lifts every lighter colour with a dark casing', () => {
		for (const s of EXTRA_STYLES) {
			if (contrastRatio(s.color, '#ffffff') < 3) expect(contrastRatio(s.casing, '#ffffff')).toBeGreaterThanOrEqual(3);
		}
	});

	it('uses Okabe–Ito colours only, one colour and marker shape per fixed series', () => {
		const all = [...Object.values(SERIES_STYLES), ...EXTRA_STYLES];
		const palette = new Set<string>(Object.values(OKABE_ITO));
		for (const s of all) expect(palette.has(s.color)).toBe(true);
		expect(new Set(all.map((s) => s.color)).size).toBe(all.length);
		expect(new Set(Object.values(SERIES_STYLES).map((s) => s.symbol)).size).toBe(5);
		expect(styleFor('extra', 4)).toBe(EXTRA_STYLES[1]);
	});
});
