import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// The page's own styles travel inside the HTML (all but MapLibre's, which is larger):
		// one request less before the first paint, and a report page's HTML is a
		// self-contained document the server can turn into a PDF (src/lib/server/report-pdf.ts).
		inlineStyleThreshold: 16_384,
		// Everything the page needs is served by the app itself: no third-party hosts; no framing
		// by other sites (src/lib/server/security.ts covers the responses that are not pages).
		// Hashes of the inline scripts rather than a nonce per response: a public page
		// rendered once can be served again with its policy (src/lib/server/page-cache.ts).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self']
			}
		}
	}
};

export default config;
