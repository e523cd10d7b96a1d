import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: migrations are applied from code at start-up,
// on both engines (drizzle-kit cannot open PGlite with the PostGIS extension).
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	extensionsFilters: ['postgis']
});
