import { describe, expect, it } from 'vitest';
import { geometryProblems, readBoundaryFile } from './geojson';
import { ProblemList } from './problems';

type Pos = [number, number];
const ring = (...pts: Pos[]): Pos[] => [...pts, pts[0]];
// A small square in Rotterdam-Zuid (lon, lat) and one in RD New metres near Amersfoort.
const SQUARE = ring([4.5, 51.89], [4.51, 51.89], [4.51, 51.9], [4.5, 51.9]);
const RD_SQUARE = ring([155000, 463000], [156000, 463000], [156000, 464000], [155000, 464000]);

describe('geometryProblems', () => {
	it('accepts polygons, polygons with holes and multipolygons in the Netherlands', () => {
		expect(geometryProblems({ type: 'Polygon', coordinates: [SQUARE] }, 'EPSG:4326')).toEqual([]);
		const hole = ring([4.502, 51.892], [4.502, 51.894], [4.504, 51.894], [4.504, 51.892]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [SQUARE, hole] }, 'EPSG:4326')).toEqual([]);
		expect(geometryProblems({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE.map(([x, y]) => [x + 0.1, y] as Pos)]] }, 'EPSG:4326')).toEqual([]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [RD_SQUARE] }, 'EPSG:28992')).toEqual([]);
	});

	it('refuses a missing geometry, other types and an empty multipolygon', () => {
		expect(geometryProblems(null, 'EPSG:4326')).toEqual(['geometrie ontbreekt']);
		expect(geometryProblems({ type: 'Point', coordinates: [4.5, 51.9] }, 'EPSG:4326')[0]).toMatch(/geometrietype Point wordt niet ondersteund/);
		expect(geometryProblems({ type: 'MultiPolygon', coordinates: [] }, 'EPSG:4326')).toEqual(['lege MultiPolygon']);
		expect(geometryProblems({ type: 'Polygon', coordinates: [] }, 'EPSG:4326')).toEqual(['polygoon 1 heeft geen ringen']);
	});

	it('refuses short, unclosed and broken rings, naming polygon and ring', () => {
		expect(
			geometryProblems(
				{
					type: 'Polygon',
					coordinates: [
						[
							[4.5, 51.89],
							[4.51, 51.89],
							[4.5, 51.89]
						]
					]
				},
				'EPSG:4326'
			)
		).toEqual(['polygoon 1, ring 1: een ring heeft minstens 4 punten nodig']);
		const open = SQUARE.slice(0, -1).concat([[4.5001, 51.89]]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [open] }, 'EPSG:4326')).toEqual([
			'polygoon 1, ring 1: ring is niet gesloten (eerste punt ≠ laatste punt)'
		]);
		// The open ring is the hole of the second polygon.
		expect(geometryProblems({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE, open]] }, 'EPSG:4326')).toEqual([
			'polygoon 2, ring 2: ring is niet gesloten (eerste punt ≠ laatste punt)'
		]);
		const broken = [[4.5, 51.89], [4.51], [4.51, 51.9], [4.5, 51.89]];
		expect(geometryProblems({ type: 'Polygon', coordinates: [broken] }, 'EPSG:4326')[0]).toMatch(
			/polygoon 1, ring 1, punt 2: ongeldig coördinatenpaar \[4\.51\]/
		);
		const nan = [
			[4.5, 51.89],
			[Number.NaN, 51.89],
			[4.51, 51.9],
			[4.5, 51.89]
		];
		expect(geometryProblems({ type: 'Polygon', coordinates: [nan] }, 'EPSG:4326')).toHaveLength(1);
	});

	it('recognises RD New metres declared as EPSG:4326', () => {
		const p = geometryProblems({ type: 'Polygon', coordinates: [RD_SQUARE] }, 'EPSG:4326');
		expect(p).toHaveLength(1);
		expect(p[0]).toMatch(/^coördinaat \(155000, 463000\) is geen lengte\/breedtegraad \(EPSG:4326\); het lijkt RD New \(EPSG:28992\)/);
	});

	it('recognises swapped latitude and longitude, and places outside the Netherlands', () => {
		const swapped = SQUARE.map(([x, y]) => [y, x] as Pos);
		expect(geometryProblems({ type: 'Polygon', coordinates: [swapped] }, 'EPSG:4326')[0]).toMatch(
			/ligt niet in Nederland; lengte en breedte lijken verwisseld/
		);
		const paris = ring([2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.86]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [paris] }, 'EPSG:4326')).toEqual(['coördinaat (2.35, 48.85) ligt niet in Nederland']);
	});

	it('refuses degrees declared as RD New', () => {
		expect(geometryProblems({ type: 'Polygon', coordinates: [SQUARE] }, 'EPSG:28992')).toEqual([
			'coördinaat (4.5, 51.89) ligt niet in het bereik van RD New (EPSG:28992) in Nederland'
		]);
	});
});

describe('geometryProblems: every point, not only the first', () => {
	it('refuses a polygon whose first point is valid but a later one is not', () => {
		const far = [
			[4.5, 51.89],
			[4.51, 51.89],
			[400, 900],
			[4.5, 51.9],
			[4.5, 51.89]
		];
		expect(geometryProblems({ type: 'Polygon', coordinates: [far] }, 'EPSG:4326')).toEqual([
			'polygoon 1, ring 1, punt 3: coördinaat (400, 900) is geen lengte/breedtegraad (EPSG:4326)'
		]);
		const rdFar = [
			[155000, 463000],
			[156000, 463000],
			[156000, 1e12],
			[155000, 463000]
		];
		expect(geometryProblems({ type: 'Polygon', coordinates: [rdFar] }, 'EPSG:28992')[0]).toMatch(
			/^polygoon 1, ring 1, punt 3: coördinaat \(156000, 1000000000000\) ligt niet in het bereik van RD New/
		);
		// A later polygon of a MultiPolygon, in its hole.
		const hole = [
			[4.502, 51.892],
			[4.502, 51.894],
			[9.5, 51.894],
			[4.502, 51.892]
		];
		expect(geometryProblems({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE, hole]] }, 'EPSG:4326')[0]).toMatch(
			/^polygoon 2, ring 2, punt 3: .*ligt niet in Nederland/
		);
	});
	it('refuses 1e999 (Infinity after JSON.parse), strings and a fourth coordinate', () => {
		const infinite = JSON.parse('[[4.5, 51.89], [4.51, 51.89], [4.51, 1e999], [4.5, 51.89]]');
		expect(geometryProblems({ type: 'Polygon', coordinates: [infinite] }, 'EPSG:4326')).toEqual([
			'polygoon 1, ring 1, punt 3: ongeldig coördinatenpaar [4.51, Infinity]'
		]);
		const text = [
			[4.5, 51.89],
			['4.51', '51.89'],
			[4.51, 51.9],
			[4.5, 51.89]
		];
		expect(geometryProblems({ type: 'Polygon', coordinates: [text] }, 'EPSG:4326')).toEqual([
			'polygoon 1, ring 1, punt 2: ongeldig coördinatenpaar ["4.51", "51.89"]'
		]);
		const four = [
			[4.5, 51.89],
			[4.51, 51.89, 0, 7],
			[4.51, 51.9],
			[4.5, 51.89]
		];
		expect(geometryProblems({ type: 'Polygon', coordinates: [four] }, 'EPSG:4326')).toHaveLength(1);
	});
	it('cuts a huge broken coordinate in the message', () => {
		const huge = [[4.5, 51.89], ['x'.repeat(1_000_000)], [4.51, 51.9], [4.5, 51.89]];
		const [reason] = geometryProblems({ type: 'Polygon', coordinates: [huge] }, 'EPSG:4326');
		expect(reason.length).toBeLessThan(160);
		expect(reason).toMatch(/…$/);
	});
});

const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (properties: Record<string, unknown>, coordinates = [SQUARE]) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });

describe('readBoundaryFile', () => {
	const read = (json: string) => {
		const problems = new ProblemList();
		const features = readBoundaryFile(json, 'b.geojson', 'buurt', 'EPSG:4326', problems);
		return { features, problems: problems.items };
	};
	it('returns the features with their number, code and properties', () => {
		const { features, problems } = read(fc(feature({ code: 'BU05991081', name: 'Bloemhof', wijkcode: 'WK059910', extra: 1 })));
		expect(problems).toEqual([]);
		expect(features).toMatchObject([{ feature: 1, code: 'BU05991081', properties: { name: 'Bloemhof', wijkcode: 'WK059910' } }]);
	});
	it('refuses a NUL character in a name, naming feature and field', () => {
		const { features, problems } = read(fc(feature({ code: 'BU05991081' }), feature({ code: 'BU05991082', name: 'Bloem\0hof' })));
		// The area is kept under its code (its figures are not unknown), without the bad name.
		expect(features?.map((f) => f.properties)).toEqual([{ code: 'BU05991081' }, { code: 'BU05991082' }]);
		expect(problems).toEqual([{ file: 'b.geojson', feature: 2, field: 'name', reason: 'bevat een NUL-teken (\\0)' }]);
	});
	it('refuses a missing code, a code of another level and a malformed gemeentecode', () => {
		const { problems } = read(fc(feature({ name: 'x' }), feature({ code: 'WK059910' }), feature({ code: 'BU05991081', gemeentecode: '0599' })));
		expect(problems).toEqual([
			{ file: 'b.geojson', feature: 1, field: 'code', reason: 'code ontbreekt' },
			{ file: 'b.geojson', feature: 2, field: 'code', reason: 'WK059910 is geen buurtcode' },
			{ file: 'b.geojson', feature: 3, field: 'gemeentecode', reason: 'geen gemeentecode (GMgggg)' }
		]);
	});
	it('cuts a megabyte-long code in the message', () => {
		const { problems } = read(fc(feature({ code: 'BU' + '9'.repeat(1_000_000) })));
		expect(problems).toHaveLength(1);
		expect(problems[0].reason.length).toBeLessThan(120);
	});
	it('refuses what is no FeatureCollection or no JSON', () => {
		expect(read('{"type": "Feature"}').problems).toEqual([{ file: 'b.geojson', reason: 'geen GeoJSON FeatureCollection' }]);
		expect(read('{"type": "FeatureCollection"').problems[0].reason).toMatch(/^geen geldige JSON/);
	});
});
