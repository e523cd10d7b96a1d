import { describe, expect, it } from 'vitest';
import { declutter } from './declutter';

describe('declutter', () => {
	it('hides labels that overlap one placed before them', () => {
		const hidden = declutter([
			{ id: 'a', x: 0, y: 0, w: 50, h: 10 },
			{ id: 'b', x: 40, y: 5, w: 50, h: 10 },
			{ id: 'c', x: 100, y: 0, w: 50, h: 10 },
			{ id: 'd', x: 0, y: 30, w: 50, h: 10 }
		]);
		expect([...hidden]).toEqual(['b']);
	});
	it('keeps a margin between labels', () => {
		const boxes = [
			{ id: 'a', x: 0, y: 0, w: 50, h: 10 },
			{ id: 'b', x: 52, y: 0, w: 50, h: 10 }
		];
		expect(declutter(boxes, 0).size).toBe(0);
		expect([...declutter(boxes, 4)]).toEqual(['b']);
	});
});
