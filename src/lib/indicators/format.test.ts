import { describe, expect, it } from 'vitest';
import { decimalsOf, formatInteger, formatShare, formatValue, shortUnit, type UnitInfo } from './format';

// Units as they are written in the data package's indicators.csv.
const PCT: UnitInfo = { unit: '% van volwassenen 18+', kind: 'rate' };
const PER_1000: UnitInfo = { unit: 'per 1 000 inwoners', kind: 'rate' };
const COUNT: UnitInfo = { unit: 'misdrijven', kind: 'count' };
const KEUR: UnitInfo = { unit: 'x 1 000 euro', kind: 'currency' };
const INDEX: UnitInfo = { unit: 'index (100 = gemiddelde Rotterdam 2014)', kind: 'index' };

describe('formatValue', () => {
	it('writes percentages, rates and counts with Dutch separators', () => {
		expect(formatValue(22.5, PCT, 'nl')).toBe('22,5%');
		expect(formatValue(81, PER_1000, 'nl')).toBe('81,0 per 1.000');
		expect(formatValue(52728, COUNT, 'nl')).toBe('52.728');
		expect(formatValue(1234567, COUNT, 'nl')).toBe('1.234.567');
	});

	it('writes them with English separators', () => {
		expect(formatValue(22.5, PCT, 'en')).toBe('22.5%');
		expect(formatValue(81, PER_1000, 'en')).toBe('81.0 per 1,000');
		expect(formatValue(52728, COUNT, 'en')).toBe('52,728');
	});

	it('rounds to the decimals of the kind', () => {
		expect(formatValue(88.8888, PER_1000, 'nl')).toBe('88,9 per 1.000');
		expect(formatValue(1129.6, COUNT, 'nl')).toBe('1.130');
		expect(formatValue(104.6, INDEX, 'nl')).toBe('105'); // an index has no unit after it
		expect(formatValue(22.5, PCT, 'nl', { decimals: 2 })).toBe('22,50%');
		expect(formatValue(22.5, PCT, 'nl', { unit: false })).toBe('22,5');
	});

	it('writes amounts in thousands of euros out as euros', () => {
		// 31.2 × € 1 000 = € 31 200
		expect(formatValue(31.2, KEUR, 'nl')).toBe('€ 31.200');
		expect(formatValue(31.2, KEUR, 'en')).toBe('€ 31,200');
		expect(formatValue(31.2, KEUR, 'nl', { unit: false })).toBe('31');
	});

	it('writes a dash for a missing value, and 0 as 0', () => {
		expect(formatValue(null, PCT, 'nl')).toBe('–');
		expect(formatValue(undefined, COUNT, 'en')).toBe('–');
		expect(formatValue(Number.NaN, PCT, 'nl')).toBe('–');
		expect(formatValue(Number.POSITIVE_INFINITY, PCT, 'nl')).toBe('–');
		expect(formatValue(0, COUNT, 'nl')).toBe('0');
		expect(formatValue(0, PCT, 'nl')).toBe('0,0%');
	});
});

describe('shortUnit and decimalsOf', () => {
	it('abbreviates the package units', () => {
		expect(shortUnit(PCT, 'nl')).toBe('%');
		expect(shortUnit({ unit: '% van alle woningen', kind: 'rate' }, 'en')).toBe('%');
		expect(shortUnit(PER_1000, 'nl')).toBe('per 1.000');
		expect(shortUnit(PER_1000, 'en')).toBe('per 1,000');
		expect(shortUnit(KEUR, 'nl')).toBe('× € 1.000');
		expect(shortUnit({ unit: 'personen', kind: 'count' }, 'nl')).toBe('');
	});
	it('gives one decimal to rates only', () => {
		expect([PCT, PER_1000, COUNT, KEUR, INDEX].map(decimalsOf)).toEqual([1, 1, 0, 0, 0]);
	});
});

describe('formatInteger and formatShare', () => {
	it('formats whole numbers and shares, with a dash for missing', () => {
		expect(formatInteger(164725, 'nl')).toBe('164.725');
		expect(formatInteger(164725.4, 'en')).toBe('164,725');
		expect(formatInteger(null, 'nl')).toBe('–');
		expect(formatShare(0.873, 'nl')).toBe('87%');
		expect(formatShare(1, 'en')).toBe('100%');
		expect(formatShare(0, 'nl')).toBe('0%');
		expect(formatShare(null, 'nl')).toBe('–');
	});
});
