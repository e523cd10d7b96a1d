import { describe, expect, it } from 'vitest';
import type { PageIndicator, PagePoint, PageSeries } from '../area/types';
import { changeOf, changesOf, describeChanges } from './changes';

const pts = (values: Record<number, number | null>, suppressed: number[] = []): PagePoint[] =>
	Object.entries(values).map(([p, v]) => ({
		period: Number(p),
		value: v,
		sources: [],
		...(suppressed.includes(Number(p)) ? { suppressed: 'population' as const } : {})
	}));

function indicator(
	key: string,
	labelNl: string,
	labelEn: string,
	higherIsBetter: boolean | null,
	area: Record<number, number | null>,
	refs: Partial<Record<'stad' | 'nl' | 'g4', Record<number, number | null>>> = {},
	extra: Partial<PageIndicator> = {}
): PageIndicator {
	const series: PageSeries[] = [
		{ key: 'area', role: 'area', name: 'Bloemhof', points: pts(area) },
		...Object.entries(refs).map(([role, v]) => ({ key: role, role: role as PageSeries['role'], name: role, points: pts(v!) }))
	];
	return {
		key,
		labelNl,
		labelEn,
		unit: '%',
		unitEn: '%',
		format: 'percent',
		decimals: 1,
		kind: 'rate',
		higherIsBetter,
		estimate: false,
		theme: 't',
		themeOrder: 1,
		themeNl: 'T',
		themeEn: 'T',
		definitionNl: '',
		definitionEn: '',
		periods: [],
		series,
		...extra
	};
}

// Falling (better: lower is better): 45.9 → 33.6, −12.3 points, weight 12.3 / 45.9 = 0.268;
// gap to Rotterdam 45.9 − 30.0 = 15.9 → 33.6 − 28.0 = 5.6: narrowed.
const rondkomen = indicator(
	'rondkomen',
	'Moeite met rondkomen',
	'Difficulty making ends meet',
	false,
	{ 2016: 45.9, 2020: 33.6 },
	{ stad: { 2016: 30.0, 2020: 28.0 } }
);
// Rising (worse): 21.2 → 22.5, +1.3, weight 1.3 / 21.2 = 0.061; gap 21.2 − 16.7 = 4.5 → 22.5 − 17.5 = 5.0: widened.
const overgewicht = indicator(
	'overgewicht',
	'Ernstig overgewicht',
	'Obesity',
	false,
	{ 2012: 19.0, 2016: 21.2, 2020: 22.5 },
	{ stad: { 2016: 16.7, 2020: 17.5 } }
);
// Rising (better: higher is better): 60.0 → 66.0, +6.0, weight 0.1; no city, NL 70.0 → 71.0: gap −10.0 → −5.0, narrowed.
const gezond = indicator('gezond', 'Ervaren gezondheid goed', 'Good perceived health', true, { 2016: 60.0, 2020: 66.0 }, { nl: { 2016: 70.0, 2020: 71.0 } });
// Flat: 12.00 → 12.04 is within the tolerance of one decimal (0.05): unchanged.
const eenzaam = indicator('eenzaam', 'Eenzaamheid', 'Loneliness', false, { 2016: 12.0, 2020: 12.04 });
// Missing: one period only.
const sport = indicator('sport', 'Sporters', 'Sports participation', true, { 2020: 50.0 });
// Suppressed latest value (withheld, value null): left out, its earlier figures never mentioned.
const jeugd = indicator('jeugd', 'Jeugdwerkloosheid', 'Youth unemployment', false, { 2016: 20.0, 2018: 25.0, 2020: null });
jeugd.series[0].points[2].suppressed = 'population';
// Not judged: no direction, or a count.
const leeftijd = indicator('leeftijd', 'Gemiddelde leeftijd', 'Average age', null, { 2016: 30, 2020: 40 });
const misdrijven = indicator('misdrijven', 'Misdrijven', 'Crimes', false, { 2016: 100, 2020: 300 }, {}, { kind: 'count', format: 'count', decimals: 0 });

describe('changeOf', () => {
	it('compares the latest period with the previous one, judged by direction, with the gap to the city', () => {
		const c = changeOf(overgewicht)!;
		expect(c.previous).toEqual({ period: 2016, value: 21.2 });
		expect(c.latest).toEqual({ period: 2020, value: 22.5 });
		expect(c.change).toBeCloseTo(1.3, 10);
		expect(c.weight).toBeCloseTo(1.3 / 21.2, 10);
		expect(c.judgement).toBe('worse');
		expect(c.reference).toMatchObject({ role: 'stad', trend: 'widened' });
		expect(c.reference!.gapBefore).toBeCloseTo(4.5, 10);
		expect(c.reference!.gapNow).toBeCloseTo(5.0, 10);
		expect(changeOf(rondkomen)!.judgement).toBe('better');
		expect(changeOf(rondkomen)!.reference!.trend).toBe('narrowed');
	});

	it('falls back to NL when there is no city, and says unchanged within the tolerance', () => {
		expect(changeOf(gezond)).toMatchObject({ judgement: 'better', reference: { role: 'nl', gapBefore: -10, gapNow: -5, trend: 'narrowed' } });
		expect(changeOf(eenzaam)).toMatchObject({ judgement: 'unchanged', reference: null });
	});

	it('leaves out a single period, a withheld latest value, no direction and counts', () => {
		expect(changeOf(sport)).toBeNull();
		expect(changeOf(jeugd)).toBeNull();
		expect(changeOf(leeftijd)).toBeNull();
		expect(changeOf(misdrijven)).toBeNull();
	});
});

describe('changesOf and describeChanges', () => {
	const all = [overgewicht, eenzaam, sport, jeugd, gezond, leeftijd, misdrijven, rondkomen];

	it('ranks by the change relative to the previous value', () => {
		const c = changesOf(all);
		// 0.268 (rondkomen) before 0.1 (gezond).
		expect(c.improved.map((x) => x.key)).toEqual(['rondkomen', 'gezond']);
		expect(c.worsened.map((x) => x.key)).toEqual(['overgewicht']);
		expect(c).toMatchObject({ unchanged: 1, compared: 4, otherImproved: 0, otherWorsened: 0 });
		expect(changesOf(all, 1).otherImproved).toBe(1);
	});

	it('writes the paragraph in Dutch and English (rising, falling, flat)', () => {
		const c = changesOf(all);
		expect(describeChanges(c, 'Bloemhof', 'nl', { city: 'Rotterdam' })).toBe(
			'Sinds de vorige meting verbeterde Bloemhof het meest op moeite met rondkomen (van 45,9% in 2016 naar 33,6% in 2020; het verschil met Rotterdam werd kleiner) ' +
				'en ervaren gezondheid goed (van 60,0% in 2016 naar 66,0% in 2020; het verschil met Nederland werd kleiner); ' +
				'het sterkst verslechterde Bloemhof op ernstig overgewicht (van 21,2% in 2016 naar 22,5% in 2020; het verschil met Rotterdam werd groter). ' +
				'1 andere indicator bleef gelijk.'
		);
		expect(describeChanges(c, 'Bloemhof', 'en', { city: 'Rotterdam' })).toBe(
			'Since the previous measurement, Bloemhof improved most on difficulty making ends meet (from 45.9% in 2016 to 33.6% in 2020; the gap with Rotterdam narrowed) ' +
				'and good perceived health (from 60.0% in 2016 to 66.0% in 2020; the gap with the Netherlands narrowed); ' +
				'it worsened most on obesity (from 21.2% in 2016 to 22.5% in 2020; the gap with Rotterdam widened). ' +
				'1 other indicator stayed the same.'
		);
	});

	it('never names a withheld figure', () => {
		const text = describeChanges(changesOf(all), 'Bloemhof', 'nl', { city: 'Rotterdam' });
		expect(text).not.toMatch(/jeugd|25,0|20,0/i);
	});

	it('says so when nothing improved or nothing worsened, with plural counts', () => {
		const worse = changesOf([overgewicht, eenzaam, eenzaam]);
		expect(describeChanges(worse, 'Bloemhof', 'nl', { city: 'Rotterdam' })).toBe(
			'Sinds de vorige meting verbeterde Bloemhof op geen enkele indicator; het sterkst verslechterde Bloemhof op ernstig overgewicht ' +
				'(van 21,2% in 2016 naar 22,5% in 2020; het verschil met Rotterdam werd groter). 2 andere indicatoren bleven gelijk.'
		);
		const better = changesOf([rondkomen, gezond], 1);
		expect(describeChanges(better, 'Bloemhof', 'en', { city: 'Rotterdam' })).toBe(
			'Since the previous measurement, Bloemhof improved most on difficulty making ends meet (from 45.9% in 2016 to 33.6% in 2020; the gap with Rotterdam narrowed); ' +
				'it worsened on none. 1 other indicator improved less.'
		);
	});

	it('says when everything stayed the same, and when there are not two measurements (missing)', () => {
		expect(describeChanges(changesOf([eenzaam, eenzaam]), 'Bloemhof', 'nl', { city: null })).toBe(
			'Sinds de vorige meting bleven alle 2 vergeleken indicatoren van Bloemhof gelijk.'
		);
		expect(describeChanges(changesOf([eenzaam]), 'Bloemhof', 'en', { city: null })).toBe(
			'Since the previous measurement, the one compared indicator of Bloemhof stayed the same.'
		);
		expect(describeChanges(changesOf([sport, jeugd, misdrijven]), 'Bloemhof', 'nl', { city: null })).toBe('Er zijn nog geen twee metingen om te vergelijken.');
		expect(describeChanges(changesOf([]), 'Bloemhof', 'en', { city: null })).toBe('There are not yet two measurements to compare.');
	});
});
