/**
 * Where the reader is on the page, kept across the full page load of the
 * language switch (the whole interface is rendered again in the other
 * language), so that switching does not jump back to the top.
 *
 * The place is the nearest element with an id at or above the top of the
 * window, with its distance from that top in CSS px: the other language's
 * texts are longer or shorter, so a bare scroll offset would land beside the
 * section the reader was in. Kept in sessionStorage for the next page only;
 * restored only when that page is the one the switch led to.
 */
const KEY = 'place-before-language-switch';

interface Place {
	/** Path and query of the page the switch leads to. */
	target: string;
	id: string | null;
	/** The element's top relative to the window's top, px (≤ 0 when scrolled past). */
	offset: number;
	/** window.scrollY, px: the fallback when the element is not found. */
	y: number;
}

/** Remembers the reader's place before going to `target` (path and query, a hash is ignored). */
export function rememberPlace(target: string): void {
	let anchor: { id: string; top: number } | null = null;
	for (const el of document.querySelectorAll<HTMLElement>('main [id]')) {
		const top = el.getBoundingClientRect().top;
		if (top <= 1 && el.offsetParent !== null && (!anchor || top > anchor.top)) anchor = { id: el.id, top };
	}
	const place: Place = { target: target.split('#')[0], id: anchor?.id ?? null, offset: anchor?.top ?? 0, y: window.scrollY };
	try {
		sessionStorage.setItem(KEY, JSON.stringify(place));
	} catch {
		// Storage refused (private mode, quota): the switch still works, from the top.
	}
}

/** Scrolls back to the remembered place if this page is where the switch led; forgets it either way. */
export function restorePlace(): void {
	let place: Place | null = null;
	try {
		const raw = sessionStorage.getItem(KEY);
		sessionStorage.removeItem(KEY);
		place = raw ? (JSON.parse(raw) as Place) : null;
	} catch {
		return;
	}
	if (!place || place.target !== location.pathname + location.search) return;
	const el = place.id ? document.getElementById(place.id) : null;
	const y = el ? el.getBoundingClientRect().top + window.scrollY - place.offset : place.y;
	window.scrollTo({ top: y, behavior: 'instant' });
}
