import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { geometry } from './geometry';

/**
 * Every CBS area the data speaks of: the Netherlands (NL01), gemeenten, wijken
 * and buurten, whether or not we hold a boundary for it. Codes are CBS codes and
 * unique across levels (GM…, WK…, BU…). `name` is the name in the newest
 * vintage we have; areas that only occur in an older classification without a
 * boundary keep a null name and a `note` that says why.
 */
export const area = pgTable(
	'area',
	{
		code: text('code').primaryKey(),
		level: text('level', { enum: ['land', 'gemeente', 'wijk', 'buurt'] }).notNull(),
		name: text('name'),
		gemeenteCode: text('gemeente_code'),
		wijkCode: text('wijk_code'),
		/** Why there is no boundary (e.g. code of the 2020 classification, recoded since). */
		note: text('note'),
		/** Code of an older classification that CBS has since recoded: kept for its own series, never a child of a current area. */
		superseded: boolean('superseded').notNull().default(false),
		batchId: integer('batch_id')
	},
	(t) => [index('area_gemeente_idx').on(t.gemeenteCode), index('area_wijk_idx').on(t.wijkCode)]
);

/**
 * The boundary of an area in one vintage (CBS classification year), EPSG:4326.
 * `geometry_quality` is what the source says about it: exact,
 * detailed-vintage-approx-2015 or approximate.
 * `geom_3857` is the same boundary in web mercator, kept by the database itself
 * (generated column with its own GiST index) so that vector tiles are cut
 * without transforming every polygon on every request (about 5× faster).
 */
export const boundary = pgTable(
	'boundary',
	{
		code: text('code').notNull(),
		level: text('level', { enum: ['gemeente', 'wijk', 'buurt'] }).notNull(),
		vintage: integer('vintage').notNull(),
		geometryQuality: text('geometry_quality').notNull().default('exact'),
		sourceId: text('source_id').notNull(),
		geom: geometry('geom', { type: 'MultiPolygon', srid: 4326 }).notNull(),
		geom3857: geometry('geom_3857', { type: 'MultiPolygon', srid: 3857 }).generatedAlwaysAs(sql`ST_Transform(geom, 3857)`),
		batchId: integer('batch_id')
	},
	(t) => [
		primaryKey({ columns: [t.code, t.vintage] }),
		index('boundary_geom_idx').using('gist', t.geom),
		index('boundary_geom_3857_idx').using('gist', t.geom3857),
		index('boundary_level_vintage_idx').on(t.level, t.vintage)
	]
);

/**
 * Boundaries a later batch replaced (same code and vintage), kept so that
 * rolling that batch back restores them exactly; `replaced_by` is the batch
 * that replaced them.
 */
export const boundaryReplaced = pgTable(
	'boundary_replaced',
	{
		code: text('code').notNull(),
		level: text('level').notNull(),
		vintage: integer('vintage').notNull(),
		geometryQuality: text('geometry_quality').notNull(),
		sourceId: text('source_id').notNull(),
		geom: geometry('geom', { type: 'MultiPolygon', srid: 4326 }).notNull(),
		batchId: integer('batch_id'),
		replacedBy: integer('replaced_by').notNull()
	},
	(t) => [index('boundary_replaced_by_idx').on(t.replacedBy)]
);

/**
 * A focus area (NPLV programme area, NPRZ focuswijk): a named set of CBS wijken
 * or buurten with its provenance.
 */
export const focusArea = pgTable('focus_area', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	municipality: text('municipality').notNull(),
	gemeenteCode: text('gemeente_code').notNull(),
	programme: text('programme').notNull(),
	level: text('level', { enum: ['wijk', 'buurt'] }).notNull(),
	partOf: text('part_of'),
	confidence: text('confidence').notNull(),
	populationKwb2024: integer('population_kwb2024'),
	populationCbsReference: integer('population_cbs_reference'),
	/** How the area was delineated, for readers; both languages or neither. */
	notesNl: text('notes_nl'),
	notesEn: text('notes_en'),
	sources: jsonb('sources').$type<string[]>().notNull(),
	batchId: integer('batch_id')
});

export const focusAreaMember = pgTable(
	'focus_area_member',
	{
		focusAreaId: text('focus_area_id')
			.notNull()
			.references(() => focusArea.id, { onDelete: 'cascade' }),
		areaCode: text('area_code').notNull(),
		/** The CBS unit lies only partly inside the programme area (it is still counted whole). */
		partial: boolean('partial').notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.focusAreaId, t.areaCode] })]
);
