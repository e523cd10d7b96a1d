import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, fixtureServer, readFixture, type Answer, type FixtureServer } from '../../../../../tests/fixtures/fetch/server';
import { declaredSrid, fetchBoundaries, getFeatureUrl, type WfsRequest } from './wfs';

/** PDOK's answers for 2024: buurten in three pages of two, wijken an exception report, gemeenten a lone Feature. */
function pdok(url: URL): Answer | null {
	if (url.pathname !== '/wfs/2024' || url.searchParams.get('request') !== 'GetFeature') return null;
	const start = Number(url.searchParams.get('startIndex'));
	switch (url.searchParams.get('typeNames')) {
		case 'wijkenbuurten:buurten':
			return { file: `wfs-buurten-page${start / 2 + 1}.json`, type: 'application/json; subtype=geojson' };
		case 'wijkenbuurten:wijken':
			return { file: 'wfs-wijken-exception.xml', type: 'text/xml' };
		case 'wijkenbuurten:gemeenten':
			return { file: 'wfs-gemeenten-feature.json' };
	}
	return null;
}

let server: FixtureServer;
afterEach(async () => server?.close());

const buurten: WfsRequest = { year: 2024, level: 'buurt', gemeente: 'GM0344', srid: 28992 };

describe('PDOK WFS', () => {
	it('pages with count/startIndex until a short page, in RD New as the answer declares', async () => {
		server = await fixtureServer(pdok);
		const { boundaries, problems, notes } = await fetchBoundaries(server.wfs, buurten, 'cbs-wijkenbuurten-2024', { count: 2 });
		expect(server.requests.map((r) => new URL(r, server.origin).searchParams.get('startIndex'))).toEqual(['0', '2', '4']);
		expect(boundaries.map((b) => [b.code, b.name, b.srid, b.vintage, b.feature])).toEqual([
			['BU03440101', 'Binnenstad', 28992, 2024, 1],
			['BU03440102', 'Lange Elisabethstraat', 28992, 2024, 2],
			['BU03440103', 'Domplein', 28992, 2024, 3]
		]);
		expect(JSON.parse(boundaries[1].geometry)).toMatchObject({ type: 'MultiPolygon' });
		expect(boundaries[0]).toMatchObject({ level: 'buurt', sourceId: 'cbs-wijkenbuurten-2024', quality: 'exact', gemeenteCode: 'GM0344' });
		// The water part is left out and said; the feature with a seven-digit code is a problem, not a boundary.
		expect(notes).toEqual(['1 waterdeel (water = JA) weggelaten.']);
		expect(problems).toEqual([{ file: 'wijkenbuurten:buurten 2024', feature: 5, field: 'buurtcode', reason: 'BU0344010 is geen buurtcode' }]);
	});

	it('stops at numberMatched even when the last page is full', async () => {
		server = await fixtureServer((url) => {
			const answer = pdok(url);
			// Two pages of two and numberMatched 4: no third request.
			if (answer?.file === 'wfs-buurten-page2.json') return { body: JSON.stringify({ ...(JSON.parse(readFixture(answer.file)) as object), numberMatched: 4 }) };
			return answer;
		});
		await fetchBoundaries(server.wfs, buurten, 'x', { count: 2 });
		expect(server.requests).toHaveLength(2);
	});

	it('asks for one gemeente with a plain WFS 2.0 filter and the requested CRS', () => {
		const url = new URL(getFeatureUrl('https://service.pdok.nl/cbs/wijkenbuurten/{jaar}/wfs/v1_0', { ...buurten, srid: 4326 }, 0, 1000));
		expect(url.pathname).toBe('/cbs/wijkenbuurten/2024/wfs/v1_0');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			typeNames: 'wijkenbuurten:buurten',
			outputFormat: 'application/json',
			srsName: 'EPSG:4326',
			count: '1000',
			startIndex: '0'
		});
		expect(url.searchParams.get('filter')).toContain('<fes:ValueReference>gemeentecode</fes:ValueReference><fes:Literal>GM0344</fes:Literal>');
		expect(url.search).not.toContain('+');
	});

	it('reads the CRS a GeoJSON answer declares', () => {
		const named = (name: string) => ({ type: 'name', properties: { name } });
		expect(declaredSrid(named('urn:ogc:def:crs:EPSG::28992'))).toBe(28992);
		expect(declaredSrid(named('EPSG:4326'))).toBe(4326);
		expect(declaredSrid(named('urn:ogc:def:crs:OGC:1.3:CRS84'))).toBe(4326);
		expect(declaredSrid(named('urn:ogc:def:crs:EPSG::3857'))).toBe('other');
		expect(declaredSrid(undefined)).toBeNull();
	});

	it('turns an answer that is not a FeatureCollection into a problem, not a crash', async () => {
		server = await fixtureServer(pdok);
		const feature = await fetchBoundaries(server.wfs, { ...buurten, level: 'gemeente' }, 'x');
		expect(feature).toEqual({
			boundaries: [],
			notes: [],
			problems: [{ file: 'wijkenbuurten:gemeenten 2024', reason: 'pagina 1: geen GeoJSON FeatureCollection (type Feature)' }]
		});
		const exception = await fetchBoundaries(server.wfs, { ...buurten, level: 'wijk' }, 'x');
		expect(exception.problems).toHaveLength(1);
		expect(exception.problems[0].reason).toMatch(/^pagina 1: de WFS gaf een foutmelding in plaats van GeoJSON \(<\?xml/);
	});

	it('says in one sentence that PDOK cannot be reached', async () => {
		const base = `http://127.0.0.1:${await closedPort()}/wfs/{jaar}`;
		await expect(fetchBoundaries(base, buurten, 'x')).rejects.toThrow(
			/^Geen verbinding met 127\.0\.0\.1:\d+: deze machine kan PDOK niet bereiken; er is niets gewijzigd\.$/
		);
	});
});
