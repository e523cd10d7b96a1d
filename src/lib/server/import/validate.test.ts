import { describe, expect, it } from 'vitest';
import { fieldOf, focusAreaRecord, gemeenteOfCode, indicatorRow, levelOfCode, observationRow, wijkOfCode, zodProblems } from './validate';

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
		expect(r.success && r.data).toEqual({
			area_code: 'BU05991081',
			area_level: 'buurt',
			period: 2020,
			indicator: 'obesitas_pct',
			value: 22.5,
			source: 'rivm-50090NED',
			status: null
		});
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
		expect(problemsOf(observationRow.safeParse(row({ area_level: 'Buurt' })))).toEqual([
			{ field: 'area_level', reason: 'moet land, gemeente, wijk of buurt zijn' }
		]);
		expect(problemsOf(observationRow.safeParse(row({ area_level: 'wijk' })))).toEqual([
			{ field: 'area_level', reason: 'code BU05991081 is een buurt, niet een wijk' }
		]);
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
	it('takes the delineation note in both languages or neither, and refuses the one-language field', () => {
		const both = focusAreaRecord.parse({ ...fa, notes_nl: 'Eén CBS-buurt.', notes_en: 'One CBS buurt.' });
		expect([both.notes_nl, both.notes_en]).toEqual(['Eén CBS-buurt.', 'One CBS buurt.']);
		const onlyEn = focusAreaRecord.safeParse({ ...fa, notes_en: 'One CBS buurt.' });
		expect(onlyEn.success).toBe(false);
		expect(onlyEn.error?.issues[0].path).toEqual(['notes_nl']);
		expect(focusAreaRecord.safeParse({ ...fa, notes_nl: 'Eén CBS-buurt.' }).success).toBe(false);
		expect(focusAreaRecord.safeParse({ ...fa, notes: 'One CBS buurt.' }).success).toBe(false);
	});
});

describe('observationRow: values and periods a database would store wrongly', () => {
	it('reads CBS/PDOK "no value" codes as empty, never as a figure', () => {
		for (const value of ['-99997', '-99995', '-99999999', '-99997.0', '-99996', '-99998']) {
			const p = problemsOf(observationRow.safeParse(row({ value })));
			expect(p, value).toHaveLength(1);
			expect(p[0].field).toBe('value');
			expect(p[0].reason).toMatch(/CBS\/PDOK-code voor "geen waarde".*een ontbrekende waarde laat u weg/);
		}
		// Ordinary negative numbers are figures (a change, a balance).
		expect(observationRow.parse(row({ value: '-99994' })).value).toBe(-99994);
		expect(observationRow.parse(row({ value: '-12.5' })).value).toBe(-12.5);
	});
	it('refuses a number too large for the database (1e999 is Infinity in JavaScript)', () => {
		for (const value of ['1e999', '-1e400']) {
			expect(problemsOf(observationRow.safeParse(row({ value }))), value).toEqual([
				{ field: 'value', reason: 'getal te groot voor de database (buiten ±1,8e308)' }
			]);
		}
		expect(observationRow.parse(row({ value: '1e300' })).value).toBe(1e300);
	});
	it('refuses a period outside 1900–2100 (year 0000 is no year)', () => {
		for (const period of ['0000', '1899', '2101', '9999']) {
			expect(problemsOf(observationRow.safeParse(row({ period }))), period).toEqual([{ field: 'period', reason: 'jaartal buiten het bereik 1900–2100' }]);
		}
		expect(observationRow.parse(row({ period: '1900' })).period).toBe(1900);
	});
	it('reads an optional status column in Dutch or English', () => {
		expect(observationRow.parse({ ...row(), status: 'voorlopig' }).status).toBe(true);
		expect(observationRow.parse({ ...row(), status: 'Provisional' }).status).toBe(true);
		expect(observationRow.parse({ ...row(), status: 'definitief' }).status).toBe(false);
		expect(observationRow.parse({ ...row(), status: 'final' }).status).toBe(false);
		expect(observationRow.parse({ ...row(), status: '' }).status).toBeNull();
		expect(observationRow.parse(row()).status).toBeNull();
		for (const status of ['v', 'constructor', 'ja']) {
			expect(problemsOf(observationRow.safeParse({ ...row(), status })), status).toEqual([
				{ field: 'status', reason: 'moet voorlopig, definitief, provisional, final of leeg zijn' }
			]);
		}
	});
});

describe('focusAreaRecord and text fields', () => {
	it('refuses a NUL character in a name (PostgreSQL cannot store it)', () => {
		const fa = {
			id: 'x',
			name: 'Bloem\0hof',
			municipality: 'Rotterdam',
			gemeentecode: 'GM0599',
			programme: 'NPRZ',
			level: 'buurt',
			codes: ['BU05991081'],
			confidence: 'official',
			sources: []
		};
		const r = focusAreaRecord.safeParse(fa);
		expect(r.success ? [] : zodProblems(r.error)).toEqual([{ field: 'name', reason: 'bevat een NUL-teken (\\0)' }]);
	});
	it('names nested fields as users read them', () => {
		expect(fieldOf(['sources', 3, 'attribution'])).toBe('sources[3].attribution');
		expect(fieldOf(['codes', 0])).toBe('codes[0]');
		expect(fieldOf([])).toBeUndefined();
	});
});
