import { describe, expect, it } from 'vitest';
import type { PageIndicator } from './types';
import { headlineFigures, openThemes, themeViews } from './page';

const themes = [{ theme: 'gezondheid' }, { theme: 'veiligheid' }, { theme: 'wonen' }];

describe('themes on demand', () => {
	it('opens the first theme by default, the ones named, all, or none', () => {
		expect(openThemes(null, themes)).toEqual(['gezondheid']);
		expect(openThemes('veiligheid,wonen', themes)).toEqual(['veiligheid', 'wonen']);
		expect(openThemes('alle', themes)).toEqual(['gezondheid', 'veiligheid', 'wonen']);
		expect(openThemes('geen', themes)).toEqual([]);
		// Unknown names are ignored; nothing known left: the default.
		expect(openThemes('bestaat-niet,wonen', themes)).toEqual(['wonen']);
		expect(openThemes('bestaat-niet', themes)).toEqual(['gezondheid']);
	});

	it('sends the indicators of open themes only, and counts every theme', () => {
		const ind = (key: string, theme: string) => ({ key, theme }) as PageIndicator;
		const views = themeViews(
			[
				{ theme: 'gezondheid', themeOrder: 1, themeNl: 'Gezondheid', themeEn: 'Health', indicators: [ind('a', 'gezondheid'), ind('b', 'gezondheid')] },
				{ theme: 'wonen', themeOrder: 4, themeNl: 'Wonen', themeEn: 'Housing', indicators: [ind('c', 'wonen')] }
			],
			['wonen']
		);
		expect(views).toEqual([
			{ theme: 'gezondheid', themeOrder: 1, themeNl: 'Gezondheid', themeEn: 'Health', count: 2, open: false, indicators: [] },
			{ theme: 'wonen', themeOrder: 4, themeNl: 'Wonen', themeEn: 'Housing', count: 1, open: true, indicators: [ind('c', 'wonen')] }
		]);
	});
});

describe('headline block', () => {
	const series = (role: 'area' | 'stad', points: [number, number | null, string?][]) => ({
		key: role,
		role,
		name: role,
		points: points.map(([period, value, suppressed]) => ({ period, value, sources: [], ...(suppressed ? { suppressed: suppressed as 'population' } : {}) }))
	});
	const indicator = (key: string, area: [number, number | null, string?][], city: [number, number | null][]) =>
		({ key, theme: 't', series: [series('area', area), series('stad', city)] }) as unknown as PageIndicator;

	it('gives the latest figure of the area next to its city of the same year, in the order asked', () => {
		const t = [
			{
				indicators: [
					indicator(
						'x',
						[
							[2016, 10],
							[2020, 12],
							[2022, null]
						],
						[
							[2020, 9],
							[2022, 8]
						]
					),
					indicator('y', [[2024, 3]], [])
				]
			}
		];
		expect(headlineFigures(t, ['y', 'x', 'z'])).toEqual([
			{ key: 'y', theme: 't', period: 2024, value: 3, city: null },
			{ key: 'x', theme: 't', period: 2020, value: 12, city: 9 }
		]);
	});

	it('shows a withheld latest figure as withheld, not an older one', () => {
		const t = [
			{
				indicators: [
					indicator(
						'x',
						[
							[2020, 12],
							[2022, null, 'population']
						],
						[[2022, 8]]
					)
				]
			}
		];
		expect(headlineFigures(t, ['x'])).toEqual([{ key: 'x', theme: 't', period: 2022, value: null, suppressed: 'population', city: 8 }]);
	});
});
