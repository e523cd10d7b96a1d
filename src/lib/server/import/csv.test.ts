import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './csv';
import { ProblemList } from './problems';

const parse = (text: string, delimiter?: string) => {
	const problems = new ProblemList();
	const csv = parseCsv(text, 'x.csv', problems, delimiter);
	return { csv, problems: problems.items };
};

describe('detectDelimiter', () => {
	it('reads the delimiter from the header line', () => {
		expect(detectDelimiter('a,b,c\n1;2;3\n')).toBe(',');
		expect(detectDelimiter('a;b;c\n"1,5";2;3\n')).toBe(';');
		expect(detectDelimiter('a\tb\n')).toBe('\t');
		expect(detectDelimiter('a|b\n')).toBe('|');
		expect(detectDelimiter('area_code\nGM0599\n')).toBeNull();
	});
});

describe('parseCsv', () => {
	it('reads a comma-separated file with line numbers', () => {
		const { csv, problems } = parse('a,b\n1,2\n\n"x\ny",3\n4,5\n');
		expect(problems).toEqual([]);
		expect(csv).toEqual({
			header: ['a', 'b'],
			rows: [
				{ line: 2, cells: ['1', '2'] },
				{ line: 4, cells: ['x\ny', '3'] },
				{ line: 6, cells: ['4', '5'] }
			]
		});
	});
	it('says so when a file uses semicolons where commas are declared', () => {
		const { csv, problems } = parse('area_code;area_level;period;indicator;value;source\nGM0599;gemeente;2024;inwoners;12,5;cbs\n');
		expect(csv).toBeNull();
		expect(problems).toEqual([
			{
				file: 'x.csv',
				line: 1,
				reason:
					'de velden zijn gescheiden door een puntkomma (;), verwacht een komma (,); sla het bestand op met komma (,) als scheidingsteken of geef dialect.delimiter op in datapackage.json'
			}
		]);
	});
	it('reads a semicolon file when the descriptor declares it', () => {
		const { csv, problems } = parse('a;b\n"1,5";2\n', ';');
		expect(problems).toEqual([]);
		expect(csv?.rows).toEqual([{ line: 2, cells: ['1,5', '2'] }]);
	});
	it('reports a NUL character, naming line and column', () => {
		const { problems } = parse('code,name\nGM0599,Rotter\0dam\nGM0363,Amsterdam\n');
		expect(problems).toEqual([{ file: 'x.csv', line: 2, field: 'name', reason: 'bevat een NUL-teken (\\0): het bestand is beschadigd of geen tekst' }]);
	});
	it('reports a wrong number of fields and unclosed quotes by line', () => {
		expect(parse('a,b\n1,2,3\n').problems).toEqual([
			{ file: 'x.csv', line: 2, reason: '3 velden, de kopregel heeft er 2 (staat er een komma in een getal of tekst zonder aanhalingstekens?)' }
		]);
		expect(parse('a,b\n1,"2\n').problems[0]).toMatchObject({ line: 2, reason: 'CSV-fout: aanhalingsteken niet afgesloten' });
		expect(parse('').problems).toEqual([{ file: 'x.csv', line: 1, reason: 'leeg bestand (geen kopregel)' }]);
	});
});
