import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// Everything the page needs is served by the app itself: no third-party hosts.
		csp: { mode: 'auto', directives: { 'default-src': ['self'], 'img-src': ['self', 'data:', 'blob:'], 'worker-src': ['self', 'blob:'], 'style-src': ['self', 'unsafe-inline'], 'connect-src': ['self'] } }
	}
};

export default config;
