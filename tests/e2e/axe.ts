/**
 * axe-core in the page under test: the serious and critical accessibility
 * violations of what the page shows now (WCAG 2.x A and AA rules).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
	violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** One line per serious or critical violation: rule, what it asks, and the first elements; [] when clean. */
export async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated rather than added as a <script>: the app's Content-Security-Policy refuses inline scripts, as it should.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const result = await page.evaluate(
		() =>
			(window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
			}) as Promise<unknown>
	);
	return (result as AxeResult).violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help} — ${v.nodes
					.slice(0, 3)
					.map((n) => JSON.stringify(n.target))
					.join(', ')}`
		);
}
