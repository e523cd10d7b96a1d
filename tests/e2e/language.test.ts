/**
 * One language per page, in words meant for readers: the notes on how each
 * focus area is delineated (geodata/focus-areas.json, in Dutch and English)
 * appear in the page's language only, on /over and on area pages; /over shows
 * no remarks meant for whoever prepared the data; the English map names the
 * Netherlands in English. Every page tested passes axe-core without serious or
 * critical violations.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launch, openPage, a11yViolations } from './browser';

interface FocusAreaNotes {
	id: string;
	notes_nl: string;
	notes_en: string;
}
const focusAreas: FocusAreaNotes[] = JSON.parse(readFileSync(new URL('../../geodata/focus-areas.json', import.meta.url), 'utf8'));

/** Wording of the data package's preparers (how a file was derived, what is still to be checked): not for readers. */
const PREPARER_WORDING = ['not verified', 'to be verified', 'before publication', 'derived here', 'Derived from', 'intermediate source', 'network access'];

/** The page's visible text with runs of white space as one space. */
const visibleText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

describe.runIf(hasBrowser)('one language per page, in readers’ words', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('every focus area has its note in Dutch and in English', () => {
		expect(focusAreas).toHaveLength(27);
		for (const f of focusAreas) {
			expect(f.notes_nl, f.id).toBeTruthy();
			expect(f.notes_en, f.id).toBeTruthy();
			expect(f.notes_nl, f.id).not.toBe(f.notes_en);
		}
	});

	for (const [lang, own, other] of [
		['nl', 'notes_nl', 'notes_en'],
		['en', 'notes_en', 'notes_nl']
	] as const) {
		it(`/over in ${lang}: every note in ${lang}, none in the other language, no preparers’ remarks`, async () => {
			const { page, errors } = await openPage(browser, `/over?lang=${lang}`);
			const text = await visibleText(page);
			for (const f of focusAreas) {
				expect(text, f.id).toContain(f[own]);
				expect(text, f.id).not.toContain(f[other]);
			}
			for (const w of PREPARER_WORDING) expect(text).not.toContain(w);
			expect(await a11yViolations(page)).toEqual([]);
			expect(errors).toEqual([]);
		});

		for (const id of ['nprz-bloemhof', 'utrecht-overvecht', 'den-haag-zuidwest']) {
			it(`/gebied/${id} in ${lang} shows the delineation note in ${lang} only`, async () => {
				const f = focusAreas.find((a) => a.id === id)!;
				const { page, errors } = await openPage(browser, `/gebied/${id}?lang=${lang}`);
				const text = await visibleText(page);
				expect(text).toContain(f[own]);
				expect(text).not.toContain(f[other]);
				expect(await a11yViolations(page)).toEqual([]);
				expect(errors).toEqual([]);
			});
		}
	}

	it('the English map of gemeenten measures against “the Netherlands”, the Dutch one against “Nederland”', async () => {
		const en = await openPage(browser, '/kaart?indicator=obesitas_pct&periode=2020&niveau=gemeente&modus=verschil&lang=en');
		const enSummary = (await en.page.locator('.summary').innerText()).replace(/\s+/g, ' ');
		expect(enSummary).toMatch(/Average of the Netherlands: \d/);
		expect(enSummary).not.toContain('Nederland');
		const enLegend = (await en.page.locator('.legend').innerText()).replace(/\s+/g, ' ');
		expect(enLegend).toContain('the Netherlands');
		expect(enLegend).not.toContain('Nederland');
		expect(await a11yViolations(en.page)).toEqual([]);
		expect(en.errors).toEqual([]);

		const nl = await openPage(browser, '/kaart?indicator=obesitas_pct&periode=2020&niveau=gemeente&modus=verschil&lang=nl');
		expect((await nl.page.locator('.summary').innerText()).replace(/\s+/g, ' ')).toMatch(/Gemiddelde van Nederland: \d/);
		expect(nl.errors).toEqual([]);
	});
});
