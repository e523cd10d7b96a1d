import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** Every href in the output. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('renderMarkdown: ordinary narrative', () => {
	it('renders headings, paragraphs, lists and emphasis', () => {
		const html = renderMarkdown('# Voortgang\n\nEerste alinea.\n\nTweede *met* **nadruk**.\n\n- een\n- twee\n\n1. eerst\n2. dan');
		expect(html).toBe(
			'<h1>Voortgang</h1>\n<p>Eerste alinea.</p>\n<p>Tweede <em>met</em> <strong>nadruk</strong>.</p>\n' +
				'<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n<ol>\n<li>eerst</li>\n<li>dan</li>\n</ol>\n'
		);
	});

	it('renders http, https and mailto links with rel="noopener noreferrer" and no target', () => {
		const html = renderMarkdown('[CBS](https://www.cbs.nl "Statistiek") [oud](http://example.org/a?b=1&c=2) [mail](mailto:wijk@example.nl)');
		expect(html).toBe(
			'<p><a href="https://www.cbs.nl" title="Statistiek" rel="noopener noreferrer">CBS</a> ' +
				'<a href="http://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">oud</a> ' +
				'<a href="mailto:wijk@example.nl" rel="noopener noreferrer">mail</a></p>\n'
		);
		expect(html).not.toContain('target=');
	});

	it('links bare URLs and e-mail addresses (linkify), with the same rel', () => {
		const html = renderMarkdown('Zie https://example.org/rapport of mail info@example.nl.');
		expect(hrefs(html)).toEqual(['https://example.org/rapport', 'mailto:info@example.nl']);
		expect(html.match(/rel="noopener noreferrer"/g)).toHaveLength(2);
	});

	it('keeps quotes and dashes as typed (typographer off) and decodes entities once, escaped', () => {
		expect(renderMarkdown('"ja" -- (c) &amp; &copy; &lt;b&gt;')).toBe('<p>&quot;ja&quot; -- (c) &amp; © &lt;b&gt;</p>\n');
	});

	it('gives an empty string for blank text', () => {
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown('  \n\n ')).toBe('');
	});
});

describe('renderMarkdown: hostile input', () => {
	it('escapes raw HTML instead of passing it', () => {
		expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
		expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
		expect(renderMarkdown('<div onclick="x()">a</div>\n\n<iframe src="http://127.0.0.1/"></iframe>')).not.toMatch(/<(div|iframe)/);
		expect(renderMarkdown('<a href="javascript:alert(1)">a</a>')).not.toContain('<a');
	});

	it.each([
		'[a](javascript:alert(1))',
		'[a](JAVASCRIPT:alert(1))',
		'[a](JaVaScRiPt:alert(1))',
		'[a](java&#115;cript:alert(1))',
		'[a](&#106;avascript:alert(1))',
		'[a](&#x6A;avascript&colon;alert(1))',
		'[a](%6Aavascript:alert(1))',
		'[a](<javascript:alert(1)>)',
		'[a]( javascript:alert(1) )',
		'<javascript:alert(1)>',
		'[a][r]\n\n[r]: javascript:alert(1)',
		'[a](vbscript:msgbox(1))',
		'[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
		'[a](data:image/png;base64,iVBORw0KGgo=)',
		'[a](file:///etc/passwd)',
		'[a](/intern/pad)',
		'[a](//elders.example/x)'
	])('renders %j as text, not as a link', (src) => {
		const html = renderMarkdown(src);
		expect(html).not.toContain('<a');
		expect(html).not.toMatch(/href=/i);
	});

	it('keeps an attribute injected into a link destination inside the (encoded) URL', () => {
		const html = renderMarkdown('[a](<http://x" onclick="alert(1)>) [b](http://y" onmouseover="alert(1))');
		// The only attributes inside tags are a link's own; the quote is percent-encoded or stays text.
		const attributes = [...html.matchAll(/<[a-z]+((?:\s[a-z-]+="[^"]*")*)>/g)].flatMap((m) => [...m[1].matchAll(/\s([a-z-]+)=/g)].map((a) => a[1]));
		expect(new Set(attributes)).toEqual(new Set(['href', 'rel']));
		expect(html.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
		for (const h of hrefs(html)) expect(h).toMatch(/^http:\/\/[xy]/);
	});

	it('shows an image as its alt text and never as <img> (no fetch), whatever its URL', () => {
		expect(renderMarkdown('![Kaart van de wijk](http://127.0.0.1:9/kaart.png)')).toBe('<p>Kaart van de wijk</p>\n');
		expect(renderMarkdown('![<b>x</b> & y](https://example.org/x.png)')).toBe('<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>\n');
		expect(renderMarkdown('![](http://127.0.0.1/leeg.png)')).toBe('<p></p>\n');
		expect(renderMarkdown('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('<img');
		expect(renderMarkdown('[![logo](http://127.0.0.1/logo.png)](https://example.org)')).toBe(
			'<p><a href="https://example.org" rel="noopener noreferrer">logo</a></p>\n'
		);
		expect(renderMarkdown('![a][r]\n\n[r]: http://127.0.0.1/x.png')).not.toContain('<img');
	});

	it('escapes entities that spell markup', () => {
		expect(renderMarkdown('&#x3C;script&#x3E;alert(1)&#60;/script&#62;')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
		expect(renderMarkdown('`<script>`')).toBe('<p><code>&lt;script&gt;</code></p>\n');
	});
});
