import { describe, expect, it } from 'vitest';
import { hatchImage } from './hatch';

describe('hatchImage', () => {
	it('is an opaque two-colour stripe pattern that tiles seamlessly', () => {
		const img = hatchImage(8);
		expect(img.data).toHaveLength(8 * 8 * 4);
		const px = (x: number, y: number) => [...img.data.slice((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)].join(',');
		const colours = new Set(Array.from({ length: 64 }, (_, i) => px(i % 8, Math.floor(i / 8))));
		expect(colours).toEqual(new Set(['227,230,234,255', '255,255,255,255']));
		// Diagonal: moving one right and one up gives the same colour; the pattern wraps at the edges.
		for (let y = 1; y < 8; y++) for (let x = 0; x < 7; x++) expect(px(x + 1, y - 1)).toBe(px(x, y));
		expect(px(7, 0)).toBe(px(0, 7));
	});
});
