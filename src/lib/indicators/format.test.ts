import { describe, expect, it } from 'vitest';
import { decimalsOf, differenceUnit, formatDifference, formatInteger, formatShare, formatValue, hasSymbolUnit, shortUnit } from './format';
import type { FormatFields } from './registry';

// The registry fields of the package's units (geodata/indicator-rules.json).
const PCT: FormatFields = { format: 'percent', decimals: 1 };
const PER_1000: FormatFields = { format: 'per1000', decimals: 1 };
const COUNT: FormatFields = { format: 'count', decimals: 0 };
const KEUR: FormatFields = { format: 'euroThousands', decimals: 0 };
const INDEX: FormatFields = { format: 'index', decimals: 0 };

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

	it('rounds to the decimals of the entry', () => {
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
	it('abbreviates by number format', () => {
		expect(shortUnit(PCT, 'nl')).toBe('%');
		expect(shortUnit(PCT, 'en')).toBe('%');
		expect(shortUnit(PER_1000, 'nl')).toBe('per 1.000');
		expect(shortUnit(PER_1000, 'en')).toBe('per 1,000');
		expect(shortUnit(KEUR, 'nl')).toBe('× € 1.000');
		expect(shortUnit(COUNT, 'nl')).toBe('');
		expect(shortUnit(INDEX, 'en')).toBe('');
	});
	it('takes the decimals from the entry, and only percentages and amounts have a symbol', () => {
		expect([PCT, PER_1000, COUNT, KEUR, INDEX].map(decimalsOf)).toEqual([1, 1, 0, 0, 0]);
		expect(decimalsOf({ format: 'count', decimals: 3 })).toBe(3);
		expect([PCT, PER_1000, COUNT, KEUR, INDEX].map(hasSymbolUnit)).toEqual([true, false, false, true, false]);
	});
});

describe('formatDifference', () => {
	it('writes differences of percentages in percentage points', () => {
		expect(formatDifference(0.9, PCT, 'nl')).toBe('0,9 procentpunt');
		expect(formatDifference(-2.25, PCT, 'en', { sign: true })).toBe('−2.3 percentage points');
		expect(formatDifference(1, PCT, 'en')).toBe('1.0 percentage point');
		expect(formatDifference(5, PCT, 'nl', { sign: true })).toBe('+5,0 procentpunt');
	});
	it('keeps the unit of rates and amounts, and counts points of an index', () => {
		expect(formatDifference(-20.5, PER_1000, 'nl', { sign: true })).toBe('−20,5 per 1.000');
		expect(formatDifference(3.2, KEUR, 'nl', { sign: true })).toBe('+€ 3.200');
		expect(formatDifference(-9.8, KEUR, 'nl', { sign: true })).toBe('−€ 9.800');
		expect(formatDifference(9, INDEX, 'nl')).toBe('9 punten');
		expect(formatDifference(1, INDEX, 'en')).toBe('1 point');
		expect(formatDifference(120, COUNT, 'nl', { sign: true })).toBe('+120');
	});
	it('drops the sign of a difference that rounds to zero, and the unit on request', () => {
		expect(formatDifference(0.04, PER_1000, 'nl', { sign: true })).toBe('0,0 per 1.000');
		expect(formatDifference(0.0004, KEUR, 'nl', { sign: true })).toBe('€ 0');
		expect(formatDifference(0.4, KEUR, 'nl', { sign: true })).toBe('+€ 400');
		expect(formatDifference(5, PCT, 'nl', { sign: true, unit: false })).toBe('+5,0');
		expect(formatDifference(null, PCT, 'nl')).toBe('–');
	});
	it('names the unit of a difference', () => {
		const unit = { unit: 'per 1 000 inwoners', unitEn: 'per 1,000 inhabitants' };
		expect(differenceUnit({ ...PCT, ...unit }, 'nl')).toBe('procentpunt');
		expect(differenceUnit({ ...PCT, ...unit }, 'en')).toBe('percentage points');
		expect(differenceUnit({ ...PER_1000, ...unit }, 'en')).toBe('per 1,000 inhabitants');
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
		expect(formatShare(5 / 17.5, 'nl', { sign: true })).toBe('+29%');
		expect(formatShare(-0.3, 'en', { sign: true })).toBe('−30%');
		expect(formatShare(0.004, 'en', { sign: true })).toBe('0%');
	});
});
