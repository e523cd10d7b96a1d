import { describe, expect, it } from 'vitest';
import { openablePeriods, parsePeriod, periodName, periodOf, previousPeriod } from './periods';

describe('reporting periods', () => {
	it('reads half-years, quarters and years with their first and last day', () => {
		expect(parsePeriod('2026-H2')).toMatchObject({ cadence: 'halfjaar', from: '2026-07-01', to: '2026-12-31' });
		expect(parsePeriod('2026-H1')).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
		expect(parsePeriod('2024-Q1')).toMatchObject({ cadence: 'kwartaal', from: '2024-01-01', to: '2024-03-31' });
		expect(parsePeriod('2025-Q3')).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });
		expect(parsePeriod('2026')).toMatchObject({ cadence: 'jaar', from: '2026-01-01', to: '2026-12-31' });
	});

	it('refuses anything else', () => {
		for (const bad of ['2026-H3', '2026-Q5', '26-H1', '2026H1', '', '1999', '2026-h1', '2026-H1; drop']) expect(parsePeriod(bad)).toBeNull();
	});

	it('finds the period of a day and the one before, across the year boundary', () => {
		expect(periodOf('2026-12-06', 'halfjaar').label).toBe('2026-H2');
		expect(periodOf('2026-06-30', 'halfjaar').label).toBe('2026-H1');
		expect(periodOf('2026-04-01', 'kwartaal').label).toBe('2026-Q2');
		expect(previousPeriod(parsePeriod('2026-H1')!).label).toBe('2025-H2');
		expect(previousPeriod(parsePeriod('2026-Q1')!).label).toBe('2025-Q4');
		expect(previousPeriod(parsePeriod('2026')!).label).toBe('2025');
		expect(openablePeriods(new Date('2026-12-06T10:00:00Z'), 'halfjaar').map((p) => p.label)).toEqual(['2026-H2', '2026-H1', '2025-H2']);
	});

	it('names a period in Dutch and English', () => {
		expect(periodName(parsePeriod('2026-H2')!, 'nl')).toBe('2e halfjaar 2026');
		expect(periodName(parsePeriod('2026-H2')!, 'en')).toBe('2nd half of 2026');
		expect(periodName(parsePeriod('2026-Q3')!, 'en')).toBe('3rd quarter of 2026');
		expect(periodName(parsePeriod('2026')!, 'nl')).toBe('2026');
	});
});
