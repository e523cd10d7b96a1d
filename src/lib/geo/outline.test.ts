import { describe, expect, it } from 'vitest';
import { bboxOf, expand, outlinePaths, type OutlineFeature } from './outline';

// A square of 0.02° longitude × 0.01° latitude at 60° N: cos 60° = 0.5, so it is
// square on the ground (0.02 × 0.5 = 0.01).
const square: OutlineFeature = {
	code: 'BU1',
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[10, 60],
				[10.02, 60],
				[10.02, 60.01],
				[10, 60.01],
				[10, 60]
			]
		]
	}
};

describe('outline', () => {
	it('finds the bounding box of polygons and multipolygons', () => {
		const multi: OutlineFeature = { code: 'BU2', geometry: { type: 'MultiPolygon', coordinates: [square.geometry.coordinates as [number, number][][], [[[9, 59], [9.5, 59], [9, 59.5], [9, 59]]]] } };
		expect(bboxOf([square])).toEqual([10, 60, 10.02, 60.01]);
		expect(bboxOf([multi])).toEqual([9, 59, 10.02, 60.01]);
		expect(bboxOf([])).toBeNull();
		expect(expand([0, 0, 10, 20], 0.1)).toEqual([-1, -2, 11, 22]);
	});

	it('projects with the latitude correction, centred, y pointing down', () => {
		const [p] = outlinePaths([square], [10, 60, 10.02, 60.01], 200, 100, 0);
		// Square on the ground → a 100 × 100 square centred in 200 × 100: x 50–150, y 0–100.
		expect(p.d).toBe('M50,100L150,100L150,0L50,0L50,100Z');
	});
});
