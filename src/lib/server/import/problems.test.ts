import { describe, expect, it } from 'vitest';
import { databaseProblem, formatProblem, ImportError, problemReport, shown } from './problems';

describe('shown', () => {
	it('cuts long values to 80 characters with an ellipsis', () => {
		const s = shown('x'.repeat(1_000_000));
		expect(s).toHaveLength(80);
		expect(s.endsWith('…')).toBe(true);
		expect(shown('kort')).toBe('kort');
	});
	it('makes control characters visible', () => {
		expect(shown('a\0b\nc\x07')).toBe('a\\0b\\nc\\x07');
	});
});

describe('formatProblem and ImportError', () => {
	it('gives one line per problem and the total', () => {
		expect(formatProblem({ file: 'a.csv', line: 3, field: 'value', reason: 'geen getal' })).toBe('a.csv, regel 3, veld value: geen getal');
		const e = new ImportError([{ file: 'a.csv', reason: 'x' }], 2);
		expect(e.message.split('\n')).toEqual(['Import geweigerd: 3 problemen gevonden, er is niets opgeslagen.', '  - a.csv: x', '  … en nog 2']);
	});
	it('never prints a line longer than a few hundred characters', () => {
		const line = formatProblem({ file: 'f'.repeat(10_000), field: 'g'.repeat(10_000), reason: 'r'.repeat(1_000_000) });
		expect(line.length).toBeLessThan(500);
	});
});

/** A PostgreSQL server error as the drivers throw it, wrapped like drizzle wraps it (query and parameters in the text). */
function driverError(code: string, message: string) {
	const server = Object.assign(new Error(message), { code, severity: 'ERROR' });
	return Object.assign(new Error(`Failed query: INSERT INTO observation SELECT … FROM json_to_recordset($1)\nparams: [{"a":"GM0599"}]`), { cause: server });
}

describe('databaseProblem', () => {
	it('keeps the place and the server reason, in Dutch, without the SQL or the parameters', () => {
		const p = databaseProblem(driverError('22P05', 'unsupported Unicode escape sequence'), { file: 'obs.csv', line: 7 });
		expect(p).toEqual({
			file: 'obs.csv',
			line: 7,
			reason: 'ongeldig teken in een tekst (bijvoorbeeld een NUL-teken) (database: unsupported Unicode escape sequence)'
		});
		expect(formatProblem(p)).not.toMatch(/INSERT|json_to_recordset|params/);
	});
	it('cuts a long server message and never shows a query when there is no server error', () => {
		const p = databaseProblem(driverError('XX000', `invalid GeoJSON representation ${'9'.repeat(5000)}`), { file: 'b.geojson', feature: 2 });
		expect(p.reason.length).toBeLessThan(200);
		expect(databaseProblem(new Error('Failed query: SELECT 1\nparams: '), { file: 'x' }).reason).toBe('onverwachte fout (onbekende databasefout)');
		expect(databaseProblem(driverError('23505', 'duplicate key value violates unique constraint "x"'), { file: 'x' }).reason).toBe(
			'staat al in de database (dubbele sleutel) (database: duplicate key value violates unique constraint "x")'
		);
		expect(databaseProblem(driverError('57P01', 'terminating connection due to administrator command'), { file: 'x' }).reason).toBe(
			'de database gaf een fout (database: terminating connection due to administrator command)'
		);
	});
});

describe('problemReport', () => {
	it('lists every problem on its own line and ends with the count per file', () => {
		const e = new ImportError(
			[
				{ file: 'a.csv', line: 2, field: 'value', reason: 'geen getal' },
				{ file: 'a.csv', line: 3, field: 'value', reason: 'geen getal' },
				{ file: 'b.geojson', feature: 1, field: 'code', reason: 'code ontbreekt' }
			],
			4
		);
		expect(problemReport(e).split('\n')).toEqual([
			'  - a.csv, regel 2, veld value: geen getal',
			'  - a.csv, regel 3, veld value: geen getal',
			'  - b.geojson, feature 1, veld code: code ontbreekt',
			'  … en nog 4 die niet meer getoond worden',
			'Import geweigerd: 7 problemen (a.csv: 2, b.geojson: 1, …); er is niets opgeslagen.'
		]);
	});
});
