/**
 * Vector tiles: tiles/second and p50/p95 latency for a fixed set of tiles
 * (Rotterdam's buurten at z12 and z14, the country's gemeenten at z8),
 *
 * - through the tile route's handler (`tileResponse`: parameter checks, data
 *   version, query, encoding, gzip, headers — everything but SvelteKit's
 *   router and the socket), called directly in this process;
 * - next to the bare tile query in the same run: on PostgreSQL the ST_AsMVT
 *   SQL alone; on PGlite the feature query alone and the in-process cutter
 *   (geojson-vt + vt-pbf) alone, on the rows that query returned;
 *
 * then the bytes of Rotterdam's buurt tiles per zoom (z12–z14) against the
 * same boundaries as one GeoJSON file.
 */
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { Data } from '../../src/lib/server/data/index';
import { clippedFeaturesSql, cutTile, mvtSql, renderTile, type TileRequest } from '../../src/lib/server/queries/tiles';
import { tileResponse } from '../../src/lib/server/tile-endpoint';
import { table, time, type BenchContext, type BenchEngine } from './context';

type Box = { w: number; s: number; e: number; n: number };

function tilesOver(b: Box, z: number): { z: number; x: number; y: number }[] {
	const n = 2 ** z;
	const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
	const ty = (lat: number) => {
		const r = (lat * Math.PI) / 180;
		return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
	};
	const out = [];
	for (let x = tx(b.w); x <= tx(b.e); x++) for (let y = ty(b.n); y <= ty(b.s); y++) out.push({ z, x, y });
	return out;
}

async function extentOf(e: BenchEngine, where: ReturnType<typeof sql>): Promise<Box> {
	const [r] = await e.database.rows<Box>(
		sql`SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom)::geometry AS x FROM boundary WHERE ${where}) q`
	);
	return { w: Number(r.w), s: Number(r.s), e: Number(r.e), n: Number(r.n) };
}

const ms = (v: number) => Number(v.toFixed(2));
const kib = (bytes: number) => Math.round(bytes / 1024);

export default async function tiles(ctx: BenchContext): Promise<void> {
	const first = ctx.engines[0];
	if (!first) return;
	const rotterdam = await extentOf(first, sql`level = 'buurt' AND code LIKE 'BU0599%'`);
	const nl = await extentOf(first, sql`level = 'gemeente' AND vintage = 2024`);
	const sets: { name: string; tiles: TileRequest[] }[] = [
		{ name: 'Rotterdam buurten z14', tiles: tilesOver(rotterdam, 14).map((t) => ({ ...t, level: 'buurt', vintage: 2024 })) },
		{ name: 'Rotterdam buurten z12', tiles: tilesOver(rotterdam, 12).map((t) => ({ ...t, level: 'buurt', vintage: 2024 })) },
		{ name: 'NL gemeenten z8', tiles: tilesOver(nl, 8).map((t) => ({ ...t, level: 'gemeente', vintage: 2024 })) }
	];

	const speed: Record<string, string | number>[] = [];
	const sizes: Record<string, string | number>[] = [];
	for (const e of ctx.engines) {
		const db = e.database;
		const data = new Data(db, { suppression: { minPopulation: 50, minCount: 10 } });
		const version = await data.version();
		for (const set of sets) {
			const n = set.tiles.length;
			const pick = (i: number) => set.tiles[i % n];
			const row = (path: string, t: Awaited<ReturnType<typeof time>>) =>
				speed.push({ engine: e.name, tiles: set.name, path, n: t.n, 'tiles/s': Math.round(t.perSecond), 'p50 ms': ms(t.p50), 'p95 ms': ms(t.p95) });

			const headers = new Headers({ 'accept-encoding': 'gzip' });
			row(
				'route handler (gzip)',
				await time(n, async (i) => {
					const t = pick(i);
					const url = new URL(`http://bench/tiles?jaargang=${t.vintage}&v=${version}`);
					const res = await tileResponse(data, { level: t.level, z: String(t.z), x: String(t.x), y: String(t.y) }, url, new Request(url, { headers }));
					await res.arrayBuffer();
				})
			);
			if (e.name === 'postgres') {
				row('bare ST_AsMVT query', await time(n, (i) => db.rows(mvtSql(pick(i)))));
			} else {
				row('bare feature query', await time(n, (i) => db.rows(clippedFeaturesSql(pick(i)))));
				const rows = [];
				for (const t of set.tiles) rows.push(await db.rows<Parameters<typeof cutTile>[0][number]>(clippedFeaturesSql(t)));
				row('in-process cutter only', await time(n, async (i) => cutTile(rows[i % n], pick(i))));
			}
		}

		// A city's tiles against the same boundaries as GeoJSON: tiles hold every
		// buurt in the city's box (neighbours too), so both GeoJSON variants are given.
		for (const z of [12, 13, 14]) {
			let raw = 0;
			let gz = 0;
			let count = 0;
			for (const t of tilesOver(rotterdam, z)) {
				const bytes = await renderTile(db, { ...t, level: 'buurt', vintage: 2024 });
				if (!bytes) continue;
				count++;
				raw += bytes.byteLength;
				gz += gzipSync(bytes).byteLength;
			}
			sizes.push({ engine: e.name, what: `MVT, buurt tiles over Rotterdam's box, z${z}`, files: count, KiB: kib(raw), 'KiB gzip': kib(gz) });
		}
		const geojson = async (label: string, where: ReturnType<typeof sql>) => {
			const [g] = await db.rows<{ json: string; n: number }>(
				sql`SELECT count(*)::int AS n, json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
						'type', 'Feature',
						'properties', json_build_object('code', b.code, 'name', a.name, 'gm', a.gemeente_code, 'quality', b.geometry_quality),
						'geometry', ST_AsGeoJSON(b.geom, 6)::json)))::text AS json
					FROM boundary b JOIN area a ON a.code = b.code WHERE b.level = 'buurt' AND b.vintage = 2024 AND ${where}`
			);
			const buf = Buffer.from(g.json);
			sizes.push({
				engine: e.name,
				what: `GeoJSON (6 decimals), ${label}: ${g.n} buurten`,
				files: 1,
				KiB: kib(buf.byteLength),
				'KiB gzip': kib(gzipSync(buf).byteLength)
			});
		};
		await geojson("Rotterdam's own", sql`a.gemeente_code = 'GM0599'`);
		await geojson("all in Rotterdam's box", sql`b.geom && ST_MakeEnvelope(${rotterdam.w}, ${rotterdam.s}, ${rotterdam.e}, ${rotterdam.n}, 4326)`);
	}
	table('Vector tiles: route handler called in process (no HTTP) vs the bare tile query / cutter, same run, concurrency 1', speed);
	table("Bytes: Rotterdam's buurt tiles per zoom vs the same boundaries as one GeoJSON", sizes);
}
