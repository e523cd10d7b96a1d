import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import type { AreaPage } from '$lib/area/types';
import { csvNumber, csvUnit, pageCsv, pointNotes, signedDifference, signedPercent, suppressedText } from './figures';

const nl = translator('nl');
const en = translator('en');
const pct = { unit: '% van volwassenen 18+', kind: 'rate' as const };
const euro = { unit: 'x 1 000 euro', kind: 'currency' as const };

describe('figures as text', () => {
	it('signs gaps with a real minus and no sign for zero', () => {
		expect(signedDifference(5.0, pct, nl)).toBe('+5,0 procentpunt');
		expect(signedDifference(-9.8, euro, nl)).toBe('−€ 9.800');
		expect(signedDifference(0.04, pct, en)).toBe('0.0 percentage points');
		expect(signedPercent(5 / 17.5, nl)).toBe('+29%');
		expect(signedPercent(-0.3, en)).toBe('−30%');
	});

	it('writes CSV numbers as shown on the page: same rounding, amounts in euros', () => {
		expect(csvNumber(14.80401, pct)).toBe('14.8');
		expect(csvNumber(23.3, euro)).toBe('23300');
		expect(csvNumber(14090, { unit: 'personen', kind: 'count' })).toBe('14090');
		expect(csvUnit(euro)).toBe('euro');
	});

	it('marks estimates, provisional figures, partial coverage and weights of another year', () => {
		const notes = pointNotes({ period: 2020, value: 17.4, estimate: true, provisional: true, coverage: { with: 2, total: 3, share: 0.8 }, weightPeriods: [2022], sources: [] }, nl);
		expect(notes.map((n) => [n.mark, n.text])).toEqual([
			['m', 'modelschatting'],
			['v', 'voorlopig cijfer'],
			['d', 'gebaseerd op 2 van 3 deelgebieden (80%)'],
			['j', 'gewogen met inwoners of huishoudens van 2022']
		]);
		expect(pointNotes({ period: 2020, value: null, estimate: true, sources: [] }, nl)).toEqual([]);
		expect(suppressedText({ period: 2020, value: null, suppressed: 'count', sources: [] }, { minPopulation: 50, minCount: 10 }, nl)).toBe('afgeschermd: minder dan 10 gevallen');
	});
});

/** A synthetic area page: one focus area with a comma and quotes in its name, one indicator, the city as reference. */
function syntheticPage(): AreaPage {
	const name = 'Wijk "Noord", deel 1';
	return {
		subject: { kind: 'focus', id: 'test-noord', name, gemeenteCode: 'GM0599', municipality: 'Rotterdam', programme: 'NPRZ', confidence: null, notes: null, wijk: null, partOf: [], members: [], population: null, supersededNote: null },
		references: ['stad'],
		availableReferences: ['stad'],
		extra: [],
		themes: [
			{
				theme: 'gezondheid',
				indicators: [
					{
						key: 'obesitas_pct',
						labelNl: 'Ernstig overgewicht (obesitas)',
						labelEn: 'Severe overweight (obesity)',
						unit: '% van volwassenen 18+',
						kind: 'rate',
						higherIsBetter: false,
						estimate: true,
						theme: 'gezondheid',
						definitionNl: '',
						definitionEn: '',
						periods: [2016, 2020],
						series: [
							{ key: 'area', role: 'area', name, points: [{ period: 2016, value: null, sources: [] }, { period: 2020, value: 22.5, estimate: true, sources: ['rivm'] }] },
							{ key: 'stad', role: 'stad', name: 'Rotterdam', points: [{ period: 2016, value: null, suppressed: 'count', sources: ['rivm'] }, { period: 2020, value: 17.5, estimate: true, sources: ['rivm'] }] }
						]
					}
				]
			}
		],
		choices: [],
		selected: null,
		sources: { rivm: { label: 'RIVM', attribution: 'Bron: RIVM, GGD’en en CBS (Gezondheidsmonitor)' } },
		outline: null,
		extraOptions: [],
		suppression: { minPopulation: 50, minCount: 10 }
	};
}

describe('pageCsv', () => {
	it('writes RFC 4180 with a byte-order mark, CRLF, quotes only where needed and the attribution at the end', () => {
		const csv = pageCsv(syntheticPage(), nl, { url: 'http://localhost/gebied/test-noord', date: '2026-12-05' });
		const name = '"Wijk ""Noord"", deel 1"';
		expect(csv).toBe(
			'\uFEFF' +
				[
					'gebied_code,gebied,reeks,reeks_naam,indicator,omschrijving,eenheid,periode,waarde,verschil_gebied_min_reeks,verschil_procent,modelschatting,voorlopig,dekking_deelgebieden,dekking_inwoners_procent,gewichten_uit_periode,afgeschermd,bron',
					`test-noord,${name},area,${name},obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2020,22.5,,,ja,nee,,,,,RIVM`,
					`test-noord,${name},stad,Rotterdam,obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2016,,,,,,,,,afgeschermd: minder dan 10 gevallen,RIVM`,
					// 22.5 − 17.5 = 5.0; 5 / 17.5 = 29 %.
					`test-noord,${name},stad,Rotterdam,obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2020,17.5,5.0,29,ja,nee,,,,,RIVM`,
					'',
					'Bronvermelding',
					'"Bron: RIVM, GGD’en en CBS (Gezondheidsmonitor)"',
					'"Wijkaanpak monitor, http://localhost/gebied/test-noord, 2026-12-05"',
					''
				].join('\r\n')
		);
	});
});
