import { describe, expect, it } from 'vitest';
import { formatDifference } from './format';

const pct = { unit: '% van volwassenen 18+', kind: 'rate' as const };
const per1000 = { unit: 'per 1 000 inwoners', kind: 'rate' as const };
const euro = { unit: 'x 1 000 euro', kind: 'currency' as const };

describe('formatDifference', () => {
	it('writes differences of percentages in percentage points, with a sign', () => {
		expect(formatDifference(5, pct, 'nl')).toBe('+5,0 procentpunt');
		expect(formatDifference(-2.25, pct, 'en')).toBe('−2.3 percentage points');
	});
	it('keeps other units and drops the sign of a rounded zero', () => {
		expect(formatDifference(-20.5, per1000, 'nl')).toBe('−20,5 per 1.000');
		expect(formatDifference(0.04, per1000, 'nl')).toBe('0,0 per 1.000');
		expect(formatDifference(3.2, euro, 'nl')).toBe('+€ 3.000');
	});
	it('gives an en dash for no difference known', () => {
		expect(formatDifference(null, pct, 'nl')).toBe('–');
	});
});
