import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, fixtureServer, readFixture, type Answer, type FixtureServer } from '../../../../../tests/fixtures/fetch/server';
import { OfflineError, type FetchFn } from './http';
import { fetchEndpoints } from '../../env';
import { cbsValue, fetchPages, loadState, observationsOf, rootOf, saveState, startState, type FetchState, type ODataRequest } from './odata';
import { KWB_MEASURES, kwbTable, thirdPartyTable, type ODataTable } from './tables';

/** CBS's answers: pages by $skip, a count, one table that is busy once, one that is not JSON. */
function cbs(url: URL): Answer | null {
	const m = /^\/odata\/(\w+)\/TypedDataSet(\/\$count)?$/.exec(url.pathname);
	if (!m) return null;
	const [, table, count] = m;
	if (count) return table === '85618NED' ? { file: 'odata-85618NED-count.txt', type: 'text/plain' } : null;
	const skip = Number(url.searchParams.get('$skip') ?? 0);
	const pages: Record<string, Record<number, string>> = {
		'85618NED': { 0: 'odata-85618NED-page1.json', 3: 'odata-85618NED-page2.json', 6: 'odata-85618NED-page3.json' },
		'85984NED': { 0: 'odata-85984NED-page1.json' },
		'47022NED': { 0: 'odata-47022NED-page1.json', 20: 'odata-47022NED-page2.json' },
		'50090NED': { 0: 'odata-50090NED-page1.json' },
		'50150NED': { 0: 'odata-50150NED-page1.json' }
	};
	if (table === '99999NED') return { body: '<html>Onderhoud</html>', type: 'text/html' };
	const file = pages[table]?.[skip];
	return file ? { file } : { status: 404, file: 'odata-error-404.json' };
}

let server: FixtureServer;
afterEach(async () => server?.close());

const kwb2023 = kwbTable(2023) as ODataTable;
const http = { backoffMs: 1 };

async function fetchAll(req: ODataRequest, pageSize = 3) {
	const state = await fetchPages(req, startState(server.odata, req, pageSize), { http });
	return { state, ...observationsOf(state, 'cbs-kwb-test') };
}
const valueOf = (obs: { areaCode: string; indicator: string; period: number; value: number }[], area: string, indicator: string) =>
	obs.find((o) => o.areaCode === area && o.indicator === indicator)?.value;

describe('CBS OData', () => {
	it('pages through the nextLinks and keeps only the gemeente asked for', async () => {
		server = await fixtureServer(cbs);
		const { state, observations, problems } = await fetchAll({ table: kwb2023, gemeente: 'GM0344', year: null });
		expect(problems).toEqual([]);
		expect(state).toMatchObject({ rows: 8, pages: 3, total: 8, next: null });
		expect(server.requests.filter((r) => r.includes('TypedDataSet?'))).toEqual([
			"/odata/85618NED/TypedDataSet?$filter=substringof('0344',WijkenEnBuurten)&$skip=0&$top=3",
			'/odata/85618NED/TypedDataSet?$skip=3',
			'/odata/85618NED/TypedDataSet?$skip=6'
		]);
		// Padded codes trimmed; NL01, Rotterdam and the Amsterdam buurt whose number contains 0344 are left out.
		expect([...new Set(observations.map((o) => o.areaCode))]).toEqual(['GM0344', 'WK034401', 'BU03440101', 'BU03440102']);
		expect(observations.find((o) => o.areaCode === 'GM0344' && o.indicator === 'inwoners')).toEqual({
			areaCode: 'GM0344',
			indicator: 'inwoners',
			period: 2023,
			value: 367984,
			sourceId: 'cbs-kwb-test',
			provisional: false,
			file: '85618NED',
			line: 2
		});
	});

	it("reads null, '.' and the negative sentinels as no figure, never as a value", async () => {
		server = await fixtureServer(cbs);
		const { observations } = await fetchAll({ table: kwb2023, gemeente: 'GM0344', year: null });
		const bu = (code: string) =>
			observations
				.filter((o) => o.areaCode === code)
				.map((o) => `${o.indicator}=${o.value}`)
				.sort();
		// BU03440101: koopwoningen null, corporatie -99997; BU03440102: koopwoningen '.', corporatie -99995.
		expect(bu('BU03440101')).toEqual(['huishoudens=3100', 'inwoners=5040', 'woningvoorraad=2900', 'woz_waarde_keur=403']);
		expect(bu('BU03440102')).toEqual(['huishoudens=800', 'inwoners=1235', 'woningvoorraad=760', 'woz_waarde_keur=512']);
		expect(valueOf(observations, 'WK034401', 'woz_waarde_keur')).toBeUndefined();
		expect(observations.some((o) => o.value < 0)).toBe(false);
	});

	it('without a gemeente keeps every area, the Netherlands included', async () => {
		server = await fixtureServer(cbs);
		const { observations } = await fetchAll({ table: kwb2023, gemeente: null, year: null });
		expect(new Set(observations.map((o) => o.areaCode)).size).toBe(8);
		expect(valueOf(observations, 'NL01', 'sociale_huur_pct')).toBe(28);
		expect(server.requests[1]).toBe('/odata/85618NED/TypedDataSet?$skip=0&$top=3');
	});

	it('matches columns by key stem, whatever the suffix of the year', async () => {
		server = await fixtureServer(cbs);
		const a = await fetchAll({ table: kwb2023, gemeente: 'GM0344', year: null });
		const b = await fetchAll({ table: kwbTable(2024) as ODataTable, gemeente: 'GM0344', year: null });
		const gm = (r: typeof a) =>
			r.observations
				.filter((o) => o.areaCode === 'GM0344')
				.map((o) => o.indicator)
				.sort();
		// InBezitWoningcorporatie_42 (2023) and _49 (2024), GemiddeldeWOZWaardeVanWoningen_35 and _39 …
		expect(gm(a)).toEqual(['huishoudens', 'inwoners', 'koopwoningen_pct', 'sociale_huur_pct', 'woningvoorraad', 'woz_waarde_keur']);
		expect(gm(b)).toEqual([...gm(a), 'huurwoningen_pct'].sort());
		expect(valueOf(b.observations, 'GM0344', 'sociale_huur_pct')).toBe(30);
		expect(b.observations.every((o) => o.period === 2024 && o.file === '85984NED')).toBe(true);
		// A table that sends no count: the fetch goes on without one.
		expect(b.state.total).toBeNull();
	});

	it('resumes an interrupted fetch from the saved state, with the same result', async () => {
		server = await fixtureServer(cbs);
		const req: ODataRequest = { table: kwb2023, gemeente: 'GM0344', year: null };
		const whole = await fetchAll(req);
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'fetch-state-')), 'state.json');
		let pages = 0;
		// The connection drops before the third page.
		const dropping: FetchFn = (url, init) =>
			url.includes('$skip=6') ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })) : fetch(url, init);
		await expect(
			fetchPages(req, startState(server.odata, req, 3), {
				http: { ...http, fetch: dropping },
				onPage: async (s) => {
					pages++;
					await saveState(file, s);
				}
			})
		).rejects.toBeInstanceOf(OfflineError);
		expect(pages).toBe(2);
		const saved = (await loadState(file, req)) as FetchState;
		expect(saved).toMatchObject({ rows: 6, pages: 2, next: `${server.odata}/85618NED/TypedDataSet?$skip=6` });
		// Another gemeente does not take over this state.
		expect(await loadState(file, { ...req, gemeente: 'GM0599' })).toBeNull();
		const before = server.requests.length;
		const resumed = await fetchPages(req, saved, { http });
		expect(server.requests.slice(before)).toEqual(['/odata/85618NED/TypedDataSet?$skip=6']);
		expect(observationsOf(resumed, 'cbs-kwb-test').observations).toEqual(whole.observations);
	});

	it('falls back to $skip paging when a full page comes without a nextLink', async () => {
		server = await fixtureServer((url) => {
			const answer = cbs(url);
			if (!answer?.file?.includes('page')) return answer;
			// The same pages, with the nextLinks taken out.
			return { body: stripNextLink(answer.file) };
		});
		const { state, observations } = await fetchAll({ table: kwb2023, gemeente: 'GM0344', year: null });
		expect(state.pages).toBe(3);
		expect(server.requests.slice(-2).map((r) => r.replace(/^.*\?/, ''))).toEqual([
			"$filter=substringof('0344',WijkenEnBuurten)&$skip=3&$top=3",
			"$filter=substringof('0344',WijkenEnBuurten)&$skip=6&$top=3"
		]);
		expect(observations).toHaveLength(19);
	});

	it('sums the monthly police counts to complete calendar years and leaves incomplete ones out', async () => {
		server = await fixtureServer(cbs);
		const table = thirdPartyTable('47022ned') as ODataTable;
		const all = await fetchAll({ table, gemeente: 'GM0344', year: null }, 20);
		expect(all.problems).toEqual([]);
		expect(all.observations.map((o) => `${o.areaCode} ${o.indicator} ${o.period} ${o.value}`)).toEqual([
			'BU03440101 misdrijven_totaal 2023 120',
			'BU03440101 misdrijven_woninginbraak 2023 12'
		]);
		// GM0344 2023 lacks June, BU03440101 2024 has three months; offence 1.2.2 has no indicator.
		expect(all.notes).toEqual(['2 jaartotalen weggelaten omdat niet alle twaalf maanden een cijfer hebben (bijvoorbeeld GM0344 misdrijven_totaal 2023).']);
		const y2024 = await fetchAll({ table, gemeente: 'GM0344', year: 2024 }, 20);
		expect(server.requests.at(-2)).toContain("$filter=substringof('0344',WijkenEnBuurten) and substringof('2024',Perioden)");
		expect(y2024.observations).toEqual([]);
		expect(y2024.notes).toEqual([
			'1 jaartotalen weggelaten omdat niet alle twaalf maanden een cijfer hebben (bijvoorbeeld BU03440101 misdrijven_totaal 2024).'
		]);
	});

	it('reads RIVM adults 18+ by exact stem and reports a cell that is no number', async () => {
		server = await fixtureServer(cbs);
		const { observations, problems } = await fetchAll({ table: thirdPartyTable('50090NED') as ODataTable, gemeente: null, year: null }, 10);
		expect(observations.map((o) => `${o.areaCode} ${o.period} ${o.indicator} ${o.value}`).sort()).toEqual([
			'BU03440101 2020 eenzaam_pct 47',
			'BU03440101 2020 ervaren_gezondheid_goed_pct_50090 77.1',
			'BU03440101 2020 obesitas_pct 11.4',
			'BU03440101 2020 overgewicht_pct 39.4',
			'BU03440102 2016 eenzaam_pct 46',
			'BU03440102 2016 ervaren_gezondheid_goed_pct_50090 77.1',
			'BU03440102 2016 overgewicht_pct 38.5',
			'BU03440102 2020 ervaren_gezondheid_goed_pct_50090 77.1'
		]);
		expect(problems).toEqual([{ file: '50090NED', line: 4, field: 'ErnstigOvergewicht_10', reason: 'veel is geen getal' }]);
	});

	it('reads RIVM 50150NED by its own stems, asking the server for adults and the point estimate only', async () => {
		server = await fixtureServer(cbs);
		const { observations, problems } = await fetchAll({ table: thirdPartyTable('50150NED') as ODataTable, gemeente: 'GM0344', year: null }, 10);
		expect(problems).toEqual([]);
		expect(server.requests.at(-1)).toBe(
			"/odata/50150NED/TypedDataSet?$filter=substringof('0344',WijkenEnBuurten) and Leeftijd eq '20300' and Marges eq 'MW00000'&$skip=0&$top=10"
		);
		expect(observations.map((o) => `${o.period} ${o.indicator} ${o.value}`).sort()).toEqual([
			'2012 ervaren_gezondheid_goed_pct 79',
			'2024 angst_depressie_hoog_risico_pct 9.1',
			'2024 beweegrichtlijn_pct 55.3',
			'2024 eenzaam_pct 49.5',
			'2024 ervaren_gezondheid_goed_pct 81.2',
			'2024 obesitas_pct 10.2',
			'2024 overgewicht_pct 36',
			'2024 roker_pct 14.1'
		]);
	});

	it('turns a page that is not OData into a problem', async () => {
		server = await fixtureServer(cbs);
		const table: ODataTable = { id: '99999NED', kind: 'kwb', catalogue: 'cbs', year: 2024 };
		const { problems } = await fetchAll({ table, gemeente: null, year: null });
		expect(problems).toEqual([{ file: '99999NED', reason: 'pagina 1 is geen JSON (begint met <html>Onderhoud</html>)' }]);
	});

	it('refuses an unknown table with the reason CBS gives', async () => {
		server = await fixtureServer(cbs);
		const table: ODataTable = { id: '12345NED', kind: 'kwb', catalogue: 'cbs', year: 2024 };
		await expect(fetchAll({ table, gemeente: null, year: null })).rejects.toThrow('HTTP 404 (Tabel 12345NED bestaat niet.)');
	});

	it('says in one sentence that CBS cannot be reached', async () => {
		const base = `http://127.0.0.1:${await closedPort()}/odata`;
		const req: ODataRequest = { table: kwb2023, gemeente: 'GM0344', year: null };
		await expect(fetchPages(req, startState(base, req))).rejects.toThrow(
			/^Geen verbinding met 127\.0\.0\.1:\d+: deze machine kan CBS niet bereiken; er is niets gewijzigd\.$/
		);
	});
});

describe('cbsValue', () => {
	it.each([
		[null, null],
		[undefined, null],
		['       .', null],
		['x', null],
		[-99997, null],
		[-99995, null],
		['-99997', null],
		[-99999999, null],
		[' 12.5 ', 12.5],
		[0, 0],
		[-3.5, -3.5],
		['12,5', undefined],
		[true, undefined]
	])('%j → %j', (raw, expected) => expect(cbsValue(raw)).toBe(expected));
});

describe('catalogues', () => {
	it('fetches KWB from the CBS catalogue and Politie and RIVM from the third-party one, each overridable', () => {
		const roots = fetchEndpoints({});
		expect(rootOf(kwbTable(2023) as ODataTable, roots)).toBe('https://opendata.cbs.nl/ODataApi/OData');
		expect(rootOf(thirdPartyTable('47022NED') as ODataTable, roots)).toBe('https://dataderden.cbs.nl/ODataApi/OData');
		expect(rootOf(thirdPartyTable('50150NED') as ODataTable, fetchEndpoints({ CBS_DATADERDEN_URL: 'http://127.0.0.1:8080/odata/' }))).toBe(
			'http://127.0.0.1:8080/odata'
		);
		expect(() => fetchEndpoints({ CBS_ODATA_URL: 'opendata.cbs.nl' })).toThrow('CBS_ODATA_URL moet een http(s)-adres zijn (gekregen: "opendata.cbs.nl")');
	});

	it('knows only the tables it can map', () => {
		expect(kwbTable(2016)).toBeNull();
		expect(thirdPartyTable('85984NED')).toBeNull();
		expect(thirdPartyTable('47018ned')).toEqual({ id: '47018NED', kind: 'politie', catalogue: 'dataderden', year: null });
	});
});

describe('KWB column map', () => {
	it('has one indicator per stem and reads the preferred WOZ stem first', () => {
		expect(KWB_MEASURES.get('GemiddeldeWOZWaardeVanWoningen')).toEqual({ indicator: 'woz_waarde_keur', rank: 0 });
		expect(KWB_MEASURES.get('GemiddeldeWoningwaarde')).toEqual({ indicator: 'woz_waarde_keur', rank: 1 });
	});
});

function stripNextLink(file: string): string {
	const json = JSON.parse(readFixture(file)) as Record<string, unknown>;
	delete json['odata.nextLink'];
	return JSON.stringify(json);
}
