import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	// maplibre-gl's worker is imported as `?worker&url`, which the dependency
	// optimiser cannot bundle (STACK-NOTES §5): leave the wrapper to Vite itself.
	optimizeDeps: { exclude: ['svelte-maplibre-gl'] },
	test: {
		// PGlite + PostGIS takes ~1 GiB and ~10 s per instance: database and browser
		// suites run one file at a time.
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					environment: 'node',
					// A fixed key for test sessions, so no test writes .data/auth-secret into the checkout.
					env: { AUTH_SECRET: 'synthetic-test-key-for-session-cookies-only' },
					fileParallelism: false,
					hookTimeout: 180_000,
					testTimeout: 120_000,
					// A browser on a busy machine: what a user waits for may take more than a second.
					expect: { poll: { timeout: 10_000 } },
					globalSetup: ['tests/db/global-setup.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					hookTimeout: 600_000,
					testTimeout: 120_000,
					// A browser on a busy machine: what a user waits for may take more than a second.
					expect: { poll: { timeout: 10_000 } },
					globalSetup: ['tests/e2e/global-setup.ts']
				}
			}
		]
	}
});
