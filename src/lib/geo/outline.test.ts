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
		const multi: OutlineFeature = {
			code: 'BU2',
			geometry: {
				type: 'MultiPolygon',
				coordinates: [
					square.geometry.coordinates as [number, number][][],
					[
						[
							[9, 59],
							[9.5, 59],
							[9, 59.5],
							[9, 59]
						]
					]
				]
			}
		};
		expect(bboxOf([square])).toEqual([10, 60, 10.02, 60.01]);
		expect(bboxOf([multi])).toEqual([9, 59, 10.02, 60.01]);
		expect(bboxOf([])).toBeNull();
		expect(expand([0, 0, 10, 20], 0.1)).toEqual([-1, -2, 11, 22]);
	});

	it('projects with the latitude correction, centred, y pointing down', () => {
		const [p] = outlinePaths([square], [10, 60, 10.02, 60.01], 200, 100, 0);
		// Square on the ground → a 100 × 100 square centred in 200 × 100: x 50–150, y 0–100.
		// (In Mercator it is 0.02° × 0.01° · sec 60.005° = 0.99985 as wide as high: 99.98 px, x 50.0–150.0.)
		expect(p.d).toBe('M50,100L150,100L150,0L50,0Z');
		// 0.01° × 0.01° is half as wide as high on the ground at 60° N: x 75–125.
		const narrow: OutlineFeature = {
			code: 'BU3',
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[10, 60],
						[10.01, 60],
						[10.01, 60.01],
						[10, 60.01],
						[10, 60]
					]
				]
			}
		};
		expect(outlinePaths([narrow], [10, 60, 10.01, 60.01], 200, 100, 0)[0].d).toBe('M75,100L125,100L125,0L75,0Z');
	});

	it('draws a ring the same whichever way it winds, and keeps the padding', () => {
		const ring = (square.geometry.coordinates as [number, number][][])[0];
		const clockwise: OutlineFeature = { code: 'BU1', geometry: { type: 'Polygon', coordinates: [[...ring].reverse()] } };
		// Counter-clockwise (RFC 7946) is not read as the rest of the globe: one ring, no outline of the world.
		expect(outlinePaths([clockwise], [10, 60, 10.02, 60.01], 200, 100, 0)[0].d).toBe('M50,100L50,0L150,0L150,100Z');
		// 10 px padding: the square fills 80 × 80 in the middle of 200 × 100.
		expect(outlinePaths([square], [10, 60, 10.02, 60.01], 200, 100, 10)[0].d).toBe('M60,90L140,90L140,10L60,10Z');
	});

	it('draws every polygon and hole of a multipolygon as its own closed ring', () => {
		const ring = (square.geometry.coordinates as [number, number][][])[0];
		const hole: [number, number][] = [
			[10.005, 60.0025],
			[10.005, 60.0075],
			[10.015, 60.0075],
			[10.015, 60.0025],
			[10.005, 60.0025]
		];
		const multi: OutlineFeature = {
			code: 'WK1',
			geometry: { type: 'MultiPolygon', coordinates: [[ring, hole], [ring.map(([x, y]) => [x + 0.03, y] as [number, number])]] }
		};
		const [p] = outlinePaths([multi], [10, 60, 10.05, 60.01], 200, 100, 0);
		expect(p.d.match(/M/g)).toHaveLength(3);
		expect(p.d.match(/Z/g)).toHaveLength(3);
	});
});
