/**
 * A coordinator's narrative, written in Markdown, as HTML for a progress report.
 *
 * The text is written by a user and ends up in pages and PDFs that others
 * read, so the output is closed by construction rather than cleaned afterwards:
 * raw HTML is never passed (`html: false` escapes it), a link is a link only
 * for http:, https: and mailto: (anything else stays visible as text), and an
 * image is never loaded (its alt text is shown instead), so opening a report
 * fetches nothing. Links get rel="noopener noreferrer" and no target.
 */
import MarkdownIt from 'markdown-it';

/** Schemes a link may have; checked on the URL markdown-it has already decoded and normalised. */
const ALLOWED_LINK = /^(https?|mailto):/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Also applies to autolinks (<https://…>) and to linkified bare URLs and e-mail addresses.
md.validateLink = (url) => ALLOWED_LINK.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
	tokens[idx].attrSet('rel', 'noopener noreferrer');
	return self.renderToken(tokens, idx, options);
};

// An image is shown as its alt text: the report never fetches what a narrative points at.
md.renderer.rules.image = (tokens, idx, options, env, self) => md.utils.escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env));

/**
 * The narrative as an HTML fragment (paragraphs, headings, lists, emphasis,
 * links, tables, code). Empty or blank text gives ''.
 */
export function renderMarkdown(text: string): string {
	return md.render(text);
}
