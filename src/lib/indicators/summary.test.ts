import { describe, expect, it } from 'vitest';
import { isPluralNl, lowerFirst, summarise } from './summary';

const obesity = { labelNl: 'Obesitas', labelEn: 'Obesity', format: 'percent' as const, decimals: 1, kind: 'rate' as const };
const bloemhof = {
	name: 'Bloemhof',
	points: [
		{ period: 2012, value: 19.0 },
		{ period: 2016, value: 21.2 },
		{ period: 2020, value: 22.5 }
	]
};
const rotterdam = {
	name: 'Rotterdam',
	points: [
		{ period: 2012, value: 14.9 },
		{ period: 2016, value: 16.7 },
		{ period: 2020, value: 17.5 }
	]
};

describe('summarise', () => {
	it('writes the example sentence of the issue, in Dutch and English', () => {
		expect(summarise('nl', obesity, bloemhof, rotterdam)).toBe(
			'Bloemhof: obesitas steeg van 19,0% in 2012 naar 22,5% in 2020; Rotterdam van 14,9% naar 17,5%; het verschil nam toe met 0,9 procentpunt.'
		);
		expect(summarise('en', obesity, bloemhof, rotterdam)).toBe(
			'Bloemhof: obesity rose from 19.0% in 2012 to 22.5% in 2020; Rotterdam from 14.9% to 17.5%; the gap widened by 0.9 percentage points.'
		);
	});

	it('says when the gap narrowed or stayed the same, and uses plural verbs for plural labels', () => {
		const crime = {
			labelNl: 'Geregistreerde misdrijven per 1 000 inwoners',
			labelEn: 'Police-recorded crimes per 1,000 inhabitants',
			format: 'per1000' as const,
			decimals: 1,
			kind: 'rate' as const
		};
		const area = {
			name: 'Zuid',
			points: [
				{ period: 2022, value: 90 },
				{ period: 2024, value: 80 }
			]
		};
		const city = {
			name: 'Rotterdam',
			points: [
				{ period: 2022, value: 70 },
				{ period: 2024, value: 68 }
			]
		};
		// Gap 20 → 12: narrowed by 8.
		expect(summarise('nl', crime, area, city)).toBe(
			'Zuid: geregistreerde misdrijven per 1 000 inwoners daalden van 90,0 per 1.000 in 2022 naar 80,0 per 1.000 in 2024; Rotterdam van 70,0 per 1.000 naar 68,0 per 1.000; het verschil nam af met 8,0 per 1.000.'
		);
		const same = {
			name: 'Rotterdam',
			points: [
				{ period: 2022, value: 70 },
				{ period: 2024, value: 60.02 }
			]
		};
		expect(summarise('en', crime, area, same)).toContain('the gap stayed the same.');
	});

	it("names the reference periods when they differ from the area's", () => {
		const index = {
			labelNl: 'Wijkprofiel veiligheidsindex',
			labelEn: 'Wijkprofiel safety index',
			format: 'index' as const,
			decimals: 0,
			kind: 'index' as const
		};
		const area = {
			name: 'Bloemhof',
			points: [
				{ period: 2014, value: 82 },
				{ period: 2020, value: 83 },
				{ period: 2026, value: 86 }
			]
		};
		const city = {
			name: 'Rotterdam',
			points: [
				{ period: 2014, value: 103 },
				{ period: 2020, value: 113 },
				{ period: 2026, value: null }
			]
		};
		// Gap 2014: 82 − 103 = −21; 2020: 83 − 113 = −30: widened by 9.
		expect(summarise('nl', index, area, city)).toBe(
			'Bloemhof: wijkprofiel veiligheidsindex steeg van 82 in 2014 naar 86 in 2026; Rotterdam van 103 in 2014 naar 113 in 2020; het verschil nam toe met 9 punten.'
		);
	});

	it('falls back to the area alone when the reference shares fewer than two periods', () => {
		const nl = { name: 'Nederland', points: [{ period: 2020, value: 15.6 }] };
		expect(summarise('nl', obesity, bloemhof, nl)).toBe('Bloemhof: obesitas steeg van 19,0% in 2012 naar 22,5% in 2020; Nederland: 15,6% in 2020.');
	});

	it('handles a single period, a stable value, no value and counts', () => {
		expect(summarise('nl', obesity, { name: 'X', points: [{ period: 2024, value: 12 }] }, { name: 'Y', points: [{ period: 2024, value: 10 }] })).toBe(
			'X: obesitas was 12,0% in 2024; Y: 10,0%.'
		);
		expect(
			summarise('en', obesity, {
				name: 'X',
				points: [
					{ period: 2016, value: 12.01 },
					{ period: 2020, value: 11.98 }
				]
			})
		).toBe('X: obesity stayed at 12.0% from 2016 to 2020.');
		expect(summarise('nl', obesity, { name: 'X', points: [{ period: 2016, value: null }] }, rotterdam)).toBe('X: geen cijfer voor obesitas.');
		const count = { labelNl: 'Aantal inwoners', labelEn: 'Number of inhabitants', format: 'count' as const, decimals: 0, kind: 'count' as const };
		expect(
			summarise(
				'nl',
				count,
				{
					name: 'X',
					points: [
						{ period: 2022, value: 14_000 },
						{ period: 2024, value: 14_090 }
					]
				},
				rotterdam
			)
		).toBe('X: aantal inwoners steeg van 14.000 in 2022 naar 14.090 in 2024.');
	});
});

describe('isPluralNl', () => {
	it('recognises the plural labels of the indicator registry', () => {
		for (const l of [
			'Geregistreerde misdrijven',
			'Gewelds- en seksuele misdrijven per 1 000 inwoners',
			'Huurwoningen',
			'Personen met bijstand',
			'Inwoners 65 jaar en ouder',
			'Eenpersoonshuishoudens',
			'Huishoudens met een laag inkomen'
		]) {
			expect(isPluralNl(l), l).toBe(true);
		}
		for (const l of [
			'Aantal inwoners',
			'Ervaren gezondheid goed of zeer goed',
			'Gemiddeld inkomen per inwoner',
			'Gemiddelde WOZ-waarde van woningen',
			'Moeite met rondkomen',
			'Roker',
			'Eenzaam',
			'Netto arbeidsparticipatie',
			'Wijkprofiel veiligheidsindex',
			'Ernstig overgewicht (obesitas)'
		]) {
			expect(isPluralNl(l), l).toBe(false);
		}
	});
});

describe('lowerFirst', () => {
	it('lowers the first letter but keeps acronyms', () => {
		expect(lowerFirst('Ernstig overgewicht')).toBe('ernstig overgewicht');
		expect(lowerFirst('WW als belangrijkste inkomensbron')).toBe('WW als belangrijkste inkomensbron');
	});
});
