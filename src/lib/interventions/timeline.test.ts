import { describe, expect, it } from 'vitest';
import { bandsOn, onThemes, timelineYears, yearOf } from './timeline';
import { runsWithin, type Intervention } from './types';

const iv = (id: string, startDate: string, endDate: string | null, theme = 'gezondheid'): Intervention => ({
	id,
	area: 'test-noord',
	gemeenteCode: 'GM0599',
	programme: 'Testprogramma',
	title: `Testinterventie ${id}`,
	description: '',
	theme,
	startDate,
	endDate,
	budget: null,
	url: null
});

describe('interventions on a time axis', () => {
	it('turns dates into fractional years', () => {
		expect(yearOf('2024-01-01')).toBe(2024);
		expect(yearOf('2023-07-02')).toBeCloseTo(2023.5, 2);
		expect(yearOf('2024-12-31')).toBeCloseTo(2024 + 365 / 366, 5);
	});

	it('clips bands to the axis, reaches the axis end while running, and leaves out what lies outside', () => {
		const bands = bandsOn(
			[iv('a', '2010-01-01', '2012-12-31'), iv('b', '2015-06-01', null), iv('c', '2019-01-01', '2020-06-30'), iv('d', '2030-01-01', null)],
			2016,
			2024
		);
		expect(bands.map((b) => [b.intervention.id, b.from, Number(b.to.toFixed(2)), b.open])).toEqual([
			['b', 2016, 2024, true],
			['c', 2019, 2020.5, false]
		]);
	});

	it('keeps a one-day intervention visible as a sliver', () => {
		const [b] = bandsOn([iv('e', '2020-03-15', '2020-03-15')], 2016, 2024);
		expect(b.to).toBeGreaterThan(b.from);
	});

	it('filters on themes, all when none are given', () => {
		const all = [iv('a', '2020-01-01', null, 'gezondheid'), iv('b', '2020-01-01', null, 'veiligheid')];
		expect(onThemes(all, ['veiligheid']).map((i) => i.id)).toEqual(['b']);
		expect(onThemes(all, null)).toHaveLength(2);
	});

	it('spans whole years from the first start to the last end or today', () => {
		expect(timelineYears([], '2026-12-06')).toBeNull();
		expect(timelineYears([iv('a', '2019-05-01', '2021-02-01'), iv('b', '2020-01-01', null)], '2026-12-06')).toEqual({ from: 2019, to: 2027 });
	});

	it('agrees with runsWithin on which interventions fall in a period', () => {
		const i = iv('a', '2020-01-01', '2020-12-31');
		expect(runsWithin(i, '2020-12-31', '2021-12-31')).toBe(true);
		expect(bandsOn([i], 2021, 2024)).toHaveLength(0);
		expect(runsWithin(i, '2021-01-01', '2024-12-31')).toBe(false);
	});
});
