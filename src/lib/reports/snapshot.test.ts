import { describe, expect, it } from 'vitest';
import { canonicalJson } from './snapshot';

describe('canonical JSON of a snapshot', () => {
	it('writes the same content as the same text, whatever the order of keys, leaving out undefined', () => {
		const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined };
		const b = { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
		expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
		// Arrays keep their order: it carries meaning (periods, series).
		expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
	});
});
