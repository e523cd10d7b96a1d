import { describe, expect, it } from 'vitest';
import type { Resource } from './descriptor';
import { isProvisional, readObservationFile, type ObservationContext } from './observations';
import { ProblemList } from './problems';
import type { IndicatorRules } from './rules';

describe('isProvisional', () => {
	it('follows the row status first, then the years rule, else final', () => {
		expect(isProvisional(2020, true, null, 2026)).toBe(true);
		expect(isProvisional(2024, false, 2, 2024)).toBe(false);
		expect(isProvisional(2024, null, null, 2024)).toBe(false);
	});
	it('keeps figures provisional until N years after their period, from the package year', () => {
		// Police figures (N = 2) in a package created in 2024: 2023 and 2024 provisional, 2022 final.
		expect([2022, 2023, 2024].map((p) => isProvisional(p, null, 2, 2024))).toEqual([false, true, true]);
		// The same figures in a package created in 2026: all final.
		expect([2022, 2023, 2024].map((p) => isProvisional(p, null, 2, 2026))).toEqual([false, false, false]);
		expect(isProvisional(2024, null, 0, 2024)).toBe(false);
	});
});

const HEADER = 'area_code,area_level,period,indicator,value,source';
const rules = (sources: IndicatorRules['sources'] = {}): IndicatorRules => ({ weight_by_unit: {}, indicators: {}, units: {}, themes: {}, sources });
const resource = (extra: Partial<Resource> = {}): Resource => ({
	name: 'obs-politie',
	path: 'observations/politie.csv',
	format: 'csv',
	source_id: 'politie-x',
	...extra
});

function read(text: string, r: Resource = resource(), ruleSources: IndicatorRules['sources'] = {}) {
	const problems = new ProblemList();
	const ctx: ObservationContext = {
		packageYear: 2024,
		rules: rules(ruleSources),
		sourceIds: new Set(['politie-x']),
		indicatorKeys: new Set(['misdrijven_totaal']),
		areaCodes: new Set(['GM0599', 'WK059901']),
		seen: new Map(),
		problems
	};
	return { ...readObservationFile(r, text, ctx), problems: problems.items };
}
const rowsOf = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

describe('readObservationFile', () => {
	it('refuses a header-only file: it would delete every earlier figure of the source', () => {
		const { rows, problems } = read(HEADER + '\n');
		expect(rows).toEqual([]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'observations/politie.csv' });
		expect(problems[0].reason).toMatch(/^geen waarnemingen \(alleen een kopregel\): dat zou alle eerdere cijfers van bron politie-x wissen; .*"row_count": 0/);
	});
	it('accepts a header-only file the descriptor declares empty (row_count 0)', () => {
		expect(read(HEADER + '\n', resource({ row_count: 0 }))).toEqual({ rows: [], count: 0, problems: [] });
	});
	it('refuses a file whose row count differs from the declared one', () => {
		const { problems } = read(rowsOf('GM0599,gemeente,2022,misdrijven_totaal,900,politie-x'), resource({ row_count: 2 }));
		expect(problems.map((p) => p.reason)).toEqual(['1 waarnemingen, maar datapackage.json noemt er 2 (row_count): is het bestand afgebroken of vervangen?']);
	});
	it('takes the provisional flag from the status column, then the resource, then the rules file', () => {
		const text = [
			`${HEADER},status`,
			'GM0599,gemeente,2022,misdrijven_totaal,900,politie-x,voorlopig',
			'GM0599,gemeente,2024,misdrijven_totaal,950,politie-x,',
			'WK059901,wijk,2024,misdrijven_totaal,95,politie-x,definitief'
		].join('\n');
		const flags = (r: Resource, s: IndicatorRules['sources'] = {}) => read(text, r, s).rows.map((o) => [o.period, o.provisional]);
		// Nothing said beyond the rows: the empty status is final.
		expect(flags(resource())).toEqual([
			[2022, true],
			[2024, false],
			[2024, false]
		]);
		// The rules file's section for the source speaks for the empty status.
		expect(flags(resource(), { 'politie-x': { provisional_years: 2 } })).toEqual([
			[2022, true],
			[2024, true],
			[2024, false]
		]);
		// The resource in the descriptor wins over the rules file.
		expect(flags(resource({ provisional_years: 0 }), { 'politie-x': { provisional_years: 2 } })).toEqual([
			[2022, true],
			[2024, false],
			[2024, false]
		]);
	});
	it('does not decide by the source id: another source with the same prefix is final', () => {
		const r = read(rowsOf('GM0599,gemeente,2024,misdrijven_totaal,900,politie-x'), resource(), { 'politie-y': { provisional_years: 2 } });
		expect(r.rows.map((o) => o.provisional)).toEqual([false]);
	});
	it('refuses a period after the year the package was made', () => {
		const { problems } = read(rowsOf('GM0599,gemeente,2026,misdrijven_totaal,900,politie-x'));
		expect(problems).toEqual([
			{ file: 'observations/politie.csv', line: 2, field: 'period', reason: '2026 ligt na het jaar waarin het pakket is gemaakt (2024)' }
		]);
	});
	it('cuts a megabyte-long value in the message', () => {
		const { problems } = read(rowsOf(`GM0599,gemeente,2022,${'x'.repeat(1_000_000)},900,politie-x`));
		expect(problems).toHaveLength(1);
		expect(problems[0].field).toBe('indicator');
		expect(problems[0].reason.length).toBeLessThan(140);
	});
	it('refuses a header that is not the tidy layout', () => {
		const { problems } = read('area_code,area_level,period,indicator,value,source,note\n');
		expect(problems[0]).toMatchObject({ line: 1 });
		expect(problems[0].reason).toMatch(/^kopregel moet precies "area_code,area_level,period,indicator,value,source" zijn, eventueel gevolgd door ",status"/);
	});
});
