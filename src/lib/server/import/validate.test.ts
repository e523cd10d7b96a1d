import { describe, expect, it } from 'vitest';
import {
	focusAreaRecord,
	gemeenteOfCode,
	geometryProblems,
	indicatorRow,
	levelOfCode,
	observationRow,
	wijkOfCode,
	zodProblems
} from './validate';

describe('CBS codes', () => {
	it('tells the level of a code', () => {
		expect(levelOfCode('NL01')).toBe('land');
		expect(levelOfCode('GM0599')).toBe('gemeente');
		expect(levelOfCode('WK059910')).toBe('wijk');
		expect(levelOfCode('WK0363FA')).toBe('wijk'); // Amsterdam wijken carry letters
		expect(levelOfCode('BU05991081')).toBe('buurt');
		expect(levelOfCode('BU0363MK06')).toBe('buurt');
	});
	it('refuses what is no CBS code', () => {
		for (const c of ['GM599', 'gm0599', ' GM0599', 'GM05990', 'WK0599101', 'BU0599108', 'BU05991081 ', 'NL1', 'Bloemhof', '']) {
			expect(levelOfCode(c), c).toBeNull();
		}
	});
	it('derives the gemeente and wijk a code lies in', () => {
		expect(gemeenteOfCode('BU05991081')).toBe('GM0599');
		expect(gemeenteOfCode('WK0363FA')).toBe('GM0363');
		expect(gemeenteOfCode('GM0599')).toBeNull();
		expect(gemeenteOfCode('NL01')).toBeNull();
		expect(wijkOfCode('BU05991081')).toBe('WK059910');
		expect(wijkOfCode('BU0363MK06')).toBe('WK0363MK');
		expect(wijkOfCode('WK059910')).toBeNull();
	});
});

const row = (o: Partial<Record<'area_code' | 'area_level' | 'period' | 'indicator' | 'value' | 'source', string>> = {}) => ({
	area_code: 'BU05991081',
	area_level: 'buurt',
	period: '2020',
	indicator: 'obesitas_pct',
	value: '22.5',
	source: 'rivm-50090NED',
	...o
});
const problemsOf = (r: ReturnType<typeof observationRow.safeParse>) => (r.success ? [] : zodProblems(r.error));

describe('observationRow', () => {
	it('accepts a row and converts period and value to numbers', () => {
		const r = observationRow.safeParse(row());
		expect(r.success && r.data).toEqual({ area_code: 'BU05991081', area_level: 'buurt', period: 2020, indicator: 'obesitas_pct', value: 22.5, source: 'rivm-50090NED' });
		expect(observationRow.parse(row({ value: '-3.25' })).value).toBe(-3.25);
		expect(observationRow.parse(row({ value: '1e3' })).value).toBe(1000);
		expect(observationRow.parse(row({ value: '0' })).value).toBe(0);
	});
	it('refuses values that are no plain decimal number, naming the field', () => {
		for (const value of ['', ' ', '22,5', '1.000,5', '1 000', 'n.v.t.', '.', '-99997x', '22.5%', 'NaN', 'Infinity', '.5', '5.']) {
			const p = problemsOf(observationRow.safeParse(row({ value })));
			expect(p, JSON.stringify(value)).toHaveLength(1);
			expect(p[0].field).toBe('value');
			expect(p[0].reason).toMatch(/geen getal/);
		}
	});
	it('refuses a period that is no year', () => {
		for (const period of ['20', '2020.0', '20201', '2020-01', '']) {
			expect(problemsOf(observationRow.safeParse(row({ period })))).toEqual([{ field: 'period', reason: 'geen jaartal (JJJJ)' }]);
		}
	});
	it('refuses an unknown level and a level that does not fit the code', () => {
		expect(problemsOf(observationRow.safeParse(row({ area_level: 'Buurt' })))).toEqual([{ field: 'area_level', reason: 'moet land, gemeente, wijk of buurt zijn' }]);
		expect(problemsOf(observationRow.safeParse(row({ area_level: 'wijk' })))).toEqual([{ field: 'area_level', reason: 'code BU05991081 is een buurt, niet een wijk' }]);
	});
	it('names every bad field of one row', () => {
		const p = problemsOf(observationRow.safeParse(row({ area_code: 'Bloemhof', value: 'x', source: '' })));
		expect(p.map((x) => x.field).sort()).toEqual(['area_code', 'source', 'value']);
	});
});

describe('indicatorRow', () => {
	const ind = {
		indicator: 'obesitas_pct',
		label_nl: 'Ernstig overgewicht',
		label_en: 'Obesity',
		unit: '% van volwassenen 18+',
		definition_nl: '',
		definition_en: '',
		higher_is_better: 'false',
		kind: 'rate',
		denominator_indicator: '',
		estimate: 'true',
		theme: 'gezondheid',
		source_table: 'RIVM 50090NED'
	};
	it('accepts a registry row', () => {
		expect(indicatorRow.safeParse(ind).success).toBe(true);
		expect(indicatorRow.safeParse({ ...ind, higher_is_better: '' }).success).toBe(true);
	});
	it('refuses bad keys, kinds and flags', () => {
		const fields = (o: Partial<typeof ind>) => {
			const r = indicatorRow.safeParse({ ...ind, ...o });
			return r.success ? [] : zodProblems(r.error).map((p) => p.field);
		};
		expect(fields({ indicator: 'Obesitas-Pct' })).toEqual(['indicator']);
		expect(fields({ kind: 'percentage' })).toEqual(['kind']);
		expect(fields({ estimate: '' })).toEqual(['estimate']);
		expect(fields({ higher_is_better: 'ja' })).toEqual(['higher_is_better']);
		expect(fields({ label_nl: '' })).toEqual(['label_nl']);
	});
});

describe('focusAreaRecord', () => {
	const fa = {
		id: 'nprz-bloemhof',
		name: 'Bloemhof',
		municipality: 'Rotterdam',
		gemeentecode: 'GM0599',
		programme: 'NPRZ-focuswijk',
		level: 'buurt',
		codes: ['BU05991081'],
		confidence: 'official',
		sources: ['x']
	};
	it('accepts a definition and defaults partial_codes to none', () => {
		const r = focusAreaRecord.parse(fa);
		expect(r.partial_codes).toEqual([]);
	});
	it('refuses an empty code list, a gemeente level and a bad gemeente code', () => {
		expect(focusAreaRecord.safeParse({ ...fa, codes: [] }).success).toBe(false);
		expect(focusAreaRecord.safeParse({ ...fa, level: 'gemeente' }).success).toBe(false);
		expect(focusAreaRecord.safeParse({ ...fa, gemeentecode: 'GM599' }).success).toBe(false);
		expect(focusAreaRecord.safeParse({ ...fa, id: 'NPRZ Bloemhof' }).success).toBe(false);
	});
});

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
		expect(geometryProblems({ type: 'Polygon', coordinates: [[[4.5, 51.89], [4.51, 51.89], [4.5, 51.89]]] }, 'EPSG:4326')).toEqual([
			'polygoon 1, ring 1: een ring heeft minstens 4 punten nodig'
		]);
		const open = SQUARE.slice(0, -1).concat([[4.5001, 51.89]]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [open] }, 'EPSG:4326')).toEqual(['polygoon 1, ring 1: ring is niet gesloten (eerste punt ≠ laatste punt)']);
		// The open ring is the hole of the second polygon.
		expect(geometryProblems({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE, open]] }, 'EPSG:4326')).toEqual([
			'polygoon 2, ring 2: ring is niet gesloten (eerste punt ≠ laatste punt)'
		]);
		const broken = [[4.5, 51.89], [4.51], [4.51, 51.9], [4.5, 51.89]];
		expect(geometryProblems({ type: 'Polygon', coordinates: [broken] }, 'EPSG:4326')[0]).toMatch(/polygoon 1, ring 1: ongeldig coördinatenpaar \[4\.51\]/);
		const nan = [[4.5, 51.89], [Number.NaN, 51.89], [4.51, 51.9], [4.5, 51.89]];
		expect(geometryProblems({ type: 'Polygon', coordinates: [nan] }, 'EPSG:4326')).toHaveLength(1);
	});

	it('recognises RD New metres declared as EPSG:4326', () => {
		const p = geometryProblems({ type: 'Polygon', coordinates: [RD_SQUARE] }, 'EPSG:4326');
		expect(p).toHaveLength(1);
		expect(p[0]).toMatch(/^coördinaat \(155000, 463000\) is geen lengte\/breedtegraad \(EPSG:4326\); het lijkt RD New \(EPSG:28992\)/);
	});

	it('recognises swapped latitude and longitude, and places outside the Netherlands', () => {
		const swapped = SQUARE.map(([x, y]) => [y, x] as Pos);
		expect(geometryProblems({ type: 'Polygon', coordinates: [swapped] }, 'EPSG:4326')[0]).toMatch(/ligt niet in Nederland; lengte en breedte lijken verwisseld/);
		const paris = ring([2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.86]);
		expect(geometryProblems({ type: 'Polygon', coordinates: [paris] }, 'EPSG:4326')).toEqual(['coördinaat (2.35, 48.85) ligt niet in Nederland']);
	});

	it('refuses degrees declared as RD New', () => {
		expect(geometryProblems({ type: 'Polygon', coordinates: [SQUARE] }, 'EPSG:28992')).toEqual([
			'coördinaat (4.5, 51.89) ligt niet in het bereik van RD New (EPSG:28992) in Nederland'
		]);
	});
});
