import { describe, expect, it } from 'vitest';
import type { AreaPage } from '$lib/area/types';
import { translator } from '$lib/i18n';
import { csvForm, csvNumber, csvUnit, pageCsv } from './area-csv';

const nl = translator('nl');

describe('CSV cells', () => {
	it('writes CSV numbers as shown on the page: same rounding, amounts in euros', () => {
		const pct = { format: 'percent' as const, decimals: 1, unit: '% van volwassenen 18+', unitEn: '% of adults 18+' };
		const euro = { format: 'euroThousands' as const, decimals: 0, unit: 'bedrag in duizenden euro', unitEn: 'amount in thousands of euros' };
		expect(csvNumber(14.80401, pct)).toBe('14.8');
		expect(csvNumber(23.3, euro)).toBe('23300');
		expect(csvNumber(14090, { format: 'count', decimals: 0 })).toBe('14090');
		expect(csvUnit(euro, nl)).toBe('euro');
		expect(csvUnit(pct, nl)).toBe('% van volwassenen 18+');
		expect(csvUnit(pct, translator('en'))).toBe('% of adults 18+');
	});
	it('writes a decimal comma in the Excel form and never a thousands separator', () => {
		const pct = { format: 'percent' as const, decimals: 1 };
		expect(csvNumber(14.80401, pct, 'excel')).toBe('14,8');
		expect(csvNumber(-0.04, pct, 'excel')).toBe('-0,0');
		expect(csvNumber(23.3, { format: 'euroThousands', decimals: 0 }, 'excel')).toBe('23300');
		expect(csvNumber(14090, { format: 'count', decimals: 0 }, 'excel')).toBe('14090');
		expect(csvNumber(14.80401, pct, 'standaard')).toBe('14.8');
	});
	it('takes the asked form, else Dutch Excel in Dutch and the standard form in English', () => {
		expect(csvForm(null, 'nl')).toBe('excel');
		expect(csvForm(null, 'en')).toBe('standaard');
		expect(csvForm('standaard', 'nl')).toBe('standaard');
		expect(csvForm('excel', 'en')).toBe('excel');
		expect(csvForm('xlsx', 'nl')).toBe('excel');
	});
});

/** A synthetic area page: one focus area with a comma and quotes in its name, one indicator, the city as reference. */
function syntheticPage(name = 'Wijk "Noord", deel 1'): AreaPage {
	return {
		subject: {
			kind: 'focus',
			id: 'test-noord',
			name,
			gemeenteCode: 'GM0599',
			municipality: 'Rotterdam',
			programme: 'NPRZ',
			confidence: null,
			notesNl: null,
			notesEn: null,
			wijk: null,
			partOf: [],
			members: [],
			population: null,
			supersededNote: null
		},
		references: ['stad'],
		availableReferences: ['stad'],
		extra: [],
		themes: [
			{
				theme: 'gezondheid',
				themeOrder: 1,
				themeNl: 'Gezondheid',
				themeEn: 'Health',
				indicators: [
					{
						key: 'obesitas_pct',
						labelNl: 'Ernstig overgewicht (obesitas)',
						labelEn: 'Severe overweight (obesity)',
						unit: '% van volwassenen 18+',
						unitEn: '% of adults 18+',
						format: 'percent',
						decimals: 1,
						kind: 'rate',
						higherIsBetter: false,
						estimate: true,
						theme: 'gezondheid',
						themeOrder: 1,
						themeNl: 'Gezondheid',
						themeEn: 'Health',
						definitionNl: '',
						definitionEn: '',
						periods: [2016, 2020],
						series: [
							{
								key: 'area',
								role: 'area',
								name,
								points: [
									{ period: 2016, value: null, sources: [] },
									{ period: 2020, value: 22.5, estimate: true, sources: ['rivm'] }
								]
							},
							{
								key: 'stad',
								role: 'stad',
								name: 'Rotterdam',
								points: [
									{ period: 2016, value: null, suppressed: 'count', sources: ['rivm'] },
									{ period: 2020, value: 17.5, estimate: true, sources: ['rivm'] }
								]
							}
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
					'gebied_code,gebied,reeks,reeks_naam,indicator,omschrijving,eenheid,periode,waarde,verschil_gebied_min_reeks,verschil_procent,modelschatting,voorlopig,dekking_deelgebieden,dekking_inwoners_procent,gewichten_uit_periode,afgeschermd,bron,grens',
					`test-noord,${name},area,${name},obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2020,22.5,,,ja,nee,,,,,RIVM,`,
					`test-noord,${name},stad,Rotterdam,obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2016,,,,,,,,,afgeschermd: minder dan 10 gevallen,RIVM,`,
					// 22.5 − 17.5 = 5.0; 5 / 17.5 = 29 %.
					`test-noord,${name},stad,Rotterdam,obesitas_pct,Ernstig overgewicht (obesitas),% van volwassenen 18+,2020,17.5,5.0,29,ja,nee,,,,,RIVM,`,
					'',
					'Bronvermelding',
					'"Bron: RIVM, GGD’en en CBS (Gezondheidsmonitor)"',
					'"Wijkaanpak monitor, http://localhost/gebied/test-noord, 2026-12-05"',
					''
				].join('\r\n')
		);
	});
});

describe('pageCsv for Dutch Excel', () => {
	it('separates with semicolons, writes decimal commas and quotes exactly the fields with ; " or a line break', () => {
		const name = 'Noord; "oud"\nen nieuw, deel 1';
		const csv = pageCsv(syntheticPage(name), nl, { url: 'http://localhost/gebied/test-noord', date: '2026-12-05' }, 'excel');
		const quoted = '"Noord; ""oud""\nen nieuw, deel 1"';
		expect(csv).toBe(
			'\uFEFF' +
				[
					'gebied_code;gebied;reeks;reeks_naam;indicator;omschrijving;eenheid;periode;waarde;verschil_gebied_min_reeks;verschil_procent;modelschatting;voorlopig;dekking_deelgebieden;dekking_inwoners_procent;gewichten_uit_periode;afgeschermd;bron;grens',
					`test-noord;${quoted};area;${quoted};obesitas_pct;Ernstig overgewicht (obesitas);% van volwassenen 18+;2020;22,5;;;ja;nee;;;;;RIVM;`,
					`test-noord;${quoted};stad;Rotterdam;obesitas_pct;Ernstig overgewicht (obesitas);% van volwassenen 18+;2016;;;;;;;;;afgeschermd: minder dan 10 gevallen;RIVM;`,
					`test-noord;${quoted};stad;Rotterdam;obesitas_pct;Ernstig overgewicht (obesitas);% van volwassenen 18+;2020;17,5;5,0;29;ja;nee;;;;;RIVM;`,
					'',
					'Bronvermelding',
					// A comma needs no quotes where the semicolon separates.
					'Bron: RIVM, GGD’en en CBS (Gezondheidsmonitor)',
					'Wijkaanpak monitor, http://localhost/gebied/test-noord, 2026-12-05',
					''
				].join('\r\n')
		);
	});
	it('quotes a semicolon in the standard form only where the field also holds a comma, quote or line break', () => {
		const csv = pageCsv(syntheticPage('Noord; Zuid'), nl, { url: 'u', date: 'd' }, 'standaard');
		expect(csv.split('\r\n')[1].startsWith('test-noord,Noord; Zuid,area,Noord; Zuid,')).toBe(true);
		const excel = pageCsv(syntheticPage('Noord; Zuid'), nl, { url: 'u', date: 'd' }, 'excel');
		expect(excel.split('\r\n')[1].startsWith('test-noord;"Noord; Zuid";area;"Noord; Zuid";')).toBe(true);
	});
});
