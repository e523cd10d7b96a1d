import { describe, expect, it } from 'vitest';
import { parseSpiralQuery, parseValuesQuery, parseView, spiralSearch, valuesSearch, viewToSearch } from './params';

describe('parseView', () => {
	it('reads a full view', () => {
		const v = parseView(
			new URLSearchParams(
				'gemeente=GM0599&indicator=misdrijven_per_1000&periode=2024&niveau=wijk&modus=verschil&klassen=natuurlijk&centrum=4.5,51.9&zoom=12.5&selectie=nprz-bloemhof'
			)
		);
		expect(v).toEqual({
			gemeente: 'GM0599',
			indicator: 'misdrijven_per_1000',
			periode: 2024,
			niveau: 'wijk',
			modus: 'verschil',
			klassen: 'natuurlijk',
			centrum: [4.5, 51.9],
			zoom: 12.5,
			selectie: 'nprz-bloemhof',
			spiraal: null
		});
	});

	it('reads the spiral layer: a count of indicators, the default for a bad one, off when absent or empty', () => {
		expect(parseView(new URLSearchParams('spiraal=4')).spiraal).toBe(4);
		expect(parseView(new URLSearchParams('spiraal=')).spiraal).toBeNull();
		expect(parseView(new URLSearchParams('spiraal=99')).spiraal).toBe(3);
		expect(parseView(new URLSearchParams('')).spiraal).toBeNull();
		expect(viewToSearch(parseView(new URLSearchParams('gemeente=GM0344&spiraal=2'))).get('spiraal')).toBe('2');
	});

	it('falls back to defaults for anything invalid', () => {
		const v = parseView(new URLSearchParams('gemeente=Rotterdam&indicator=DROP TABLE&periode=abc&niveau=provincie&centrum=500,1&zoom=99&selectie=<x>'));
		expect(v).toMatchObject({ gemeente: null, indicator: 'obesitas_pct', periode: null, niveau: 'gemeente', centrum: null, zoom: null, selectie: null });
	});

	it('defaults to buurten for a gemeente and gemeenten for the country', () => {
		expect(parseView(new URLSearchParams('gemeente=gm0599')).niveau).toBe('buurt');
		expect(parseView(new URLSearchParams('')).niveau).toBe('gemeente');
	});

	it('round-trips through the query string, leaving defaults out', () => {
		const sp = new URLSearchParams('gemeente=GM0599&indicator=obesitas_pct&periode=2020&selectie=BU05991081');
		const out = viewToSearch(parseView(sp));
		expect(out.toString()).toBe('gemeente=GM0599&indicator=obesitas_pct&periode=2020&selectie=BU05991081');
		expect(parseView(out)).toEqual(parseView(sp));
	});

	it('gives the values endpoint only what changes the figures', () => {
		const v = parseView(new URLSearchParams('gemeente=GM0599&indicator=obesitas_pct&periode=2020&zoom=12&selectie=BU05991081'));
		expect(valuesSearch(v).toString()).toBe('indicator=obesitas_pct&niveau=buurt&klassen=kwantiel&periode=2020&gemeente=GM0599');
	});
});

describe('parseValuesQuery', () => {
	it('accepts a valid query and fills defaults', () => {
		expect(parseValuesQuery(new URLSearchParams('indicator=obesitas_pct'))).toEqual({
			indicator: 'obesitas_pct',
			level: 'buurt',
			period: null,
			gemeente: null,
			method: 'kwantiel'
		});
	});
	it.each([
		['', 'indicator'],
		['indicator=obesitas_pct&niveau=provincie', 'niveau'],
		['indicator=obesitas_pct&periode=20x0', 'periode'],
		['indicator=obesitas_pct&gemeente=Rotterdam', 'gemeente'],
		['indicator=obesitas_pct&klassen=gelijk', 'klassen']
	])('refuses %s', (q, word) => {
		const r = parseValuesQuery(new URLSearchParams(q));
		expect('error' in r && r.error).toContain(word);
	});
});

describe('parseSpiralQuery', () => {
	it('accepts a valid query and fills defaults', () => {
		expect(parseSpiralQuery(new URLSearchParams('gemeente=GM0344&niveau=wijk'))).toEqual({ gemeente: 'GM0344', level: 'wijk', n: 3 });
		expect(parseSpiralQuery(spiralSearch({ gemeente: null, niveau: 'gemeente', spiraal: 5 }))).toEqual({ gemeente: null, level: 'gemeente', n: 5 });
	});
	it.each([
		['niveau=provincie', 'niveau'],
		['gemeente=Utrecht', 'gemeente'],
		['spiraal=0', 'spiraal'],
		['spiraal=drie', 'spiraal']
	])('rejects %s naming %s', (q, field) => {
		const r = parseSpiralQuery(new URLSearchParams(q));
		expect('error' in r && r.error).toContain(field);
	});
});
