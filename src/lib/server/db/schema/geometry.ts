import { customType } from 'drizzle-orm/pg-core';

/**
 * A PostGIS geometry column with an explicit type and SRID.
 *
 * drizzle's built-in `geometry` is points-only and drops the SRID (0.45.x), so
 * polygons get their own type. Values are read and written as SQL (ST_* functions
 * in the query modules), never parsed in JS: the driver value is the raw EWKB hex.
 */
export const geometry = (name: string, opts: { type: 'MultiPolygon' | 'Point'; srid: number }) =>
	customType<{ data: string; driverData: string }>({
		dataType() {
			return `geometry(${opts.type},${opts.srid})`;
		}
	})(name);
