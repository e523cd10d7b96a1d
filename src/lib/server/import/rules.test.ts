import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ProblemList } from './problems';
import { readRules, weightOf } from './rules';

const read = (json: string) => {
	const problems = new ProblemList();
	return { rules: readRules(json, 'indicator-rules.json', problems), problems: problems.items };
};

describe('indicator rules', () => {
	it("reads the project's own rules file, with the police sources' provisional years", async () => {
		const { rules, problems } = read(await readFile('geodata/indicator-rules.json', 'utf8'));
		expect(problems).toEqual([]);
		expect(rules!.indicators.misdrijven_per_1000).toEqual({ numerator: 'misdrijven_totaal', scale: 1000 });
		expect(rules!.sources['politie-47022NED']).toEqual({ provisional_years: 2 });
		expect(rules!.units['x 1 000 euro']).toEqual({ format: 'euroThousands', decimals: 0, en: '× 1,000 euro' });
		expect(rules!.themes.gezondheid).toEqual({ order: 1, nl: 'Gezondheid', en: 'Health' });
	});
	it('refuses a rules file without units or themes, and a unit with an unknown format', () => {
		const { problems } = read(JSON.stringify({ weight_by_unit: {}, indicators: {}, units: { personen: { format: 'aantal', decimals: 0, en: 'persons' } } }));
		expect(problems.map((p) => p.field).sort()).toEqual(['themes', 'units.personen.format']);
	});
	it('defaults the sources section to none', () => {
		expect(read('{"weight_by_unit": {}, "indicators": {}, "units": {}, "themes": {}}').rules!.sources).toEqual({});
	});
	it('refuses a misspelt field, a bad scale and a bad key, naming the place', () => {
		const { rules, problems } = read(
			JSON.stringify({
				weight_by_unit: {},
				units: {},
				themes: {},
				indicators: { 'Misdrijven-per-1000': { scale: 1000 }, misdrijven: { scale: -1 } },
				sources: { 'politie-x': { provisonal_years: 2 } }
			})
		);
		expect(rules).toBeNull();
		expect(problems.map((p) => p.field).sort()).toEqual([
			'indicators.Misdrijven-per-1000',
			'indicators.misdrijven.scale',
			'sources.politie-x',
			'sources.politie-x.provisional_years'
		]);
		expect(problems.find((p) => p.field === 'sources.politie-x')?.reason).toMatch(/provisonal_years/);
	});
	it('refuses what is no JSON', () => {
		expect(read('{').problems[0].reason).toMatch(/^geen geldige JSON/);
	});
	it('weighs rates by the rule, the denominator, then the unit; counts not at all', () => {
		const { rules } = read(
			JSON.stringify({ weight_by_unit: { '% van inwoners': { weight: 'inwoners' } }, indicators: { b: { weight: 'huishoudens' } }, units: {}, themes: {} })
		);
		expect(weightOf(rules!, { key: 'a', kind: 'count', unit: '% van inwoners', denominator: 'x' })).toBeNull();
		expect(weightOf(rules!, { key: 'b', kind: 'rate', unit: '% van inwoners', denominator: 'x' })).toBe('huishoudens');
		expect(weightOf(rules!, { key: 'c', kind: 'rate', unit: '% van inwoners', denominator: 'x' })).toBe('x');
		expect(weightOf(rules!, { key: 'c', kind: 'rate', unit: '% van inwoners', denominator: null })).toBe('inwoners');
		expect(weightOf(rules!, { key: 'c', kind: 'rate', unit: 'index', denominator: null })).toBeNull();
	});
});
