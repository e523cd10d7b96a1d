import { describe, expect, it } from 'vitest';
import { unitLabel } from './units';

describe('unitLabel', () => {
	it('keeps the registry text in Dutch and translates known units to English', () => {
		expect(unitLabel('% van volwassenen 18+', 'nl')).toBe('% van volwassenen 18+');
		expect(unitLabel('% van volwassenen 18+', 'en')).toBe('% of adults 18+');
		expect(unitLabel('per 1 000 inwoners', 'en')).toBe('per 1,000 inhabitants');
	});

	it('shows an unknown unit as it is rather than inventing a translation', () => {
		expect(unitLabel('dagen per jaar', 'en')).toBe('dagen per jaar');
	});
});
