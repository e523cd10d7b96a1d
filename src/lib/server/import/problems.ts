/**
 * Problems found in an input, each with its place (file, line or feature, field)
 * and a reason in Dutch. Values quoted in a reason pass through `shown()`, so a
 * megabyte-long cell never reaches the terminal whole.
 */

/** One reason an input was refused, with the place it was found. */
export interface Problem {
	file: string;
	/** 1-based line in a CSV file (the header is line 1); feature number in GeoJSON. */
	line?: number;
	feature?: number;
	field?: string;
	reason: string;
}

/** Most characters of an input value echoed in a message. */
export const SHOWN_MAX = 80;

/**
 * A value as it may appear in a message: control characters made visible
 * (a NUL as `\0`) and cut to about `SHOWN_MAX` characters with an ellipsis.
 */
export function shown(value: unknown, max = SHOWN_MAX): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const visible = Array.from(text.slice(0, max + 1), (c) => {
		const code = c.charCodeAt(0);
		if (code >= 0x20 && code !== 0x7f) return c;
		return c === '\0' ? '\\0' : c === '\n' ? '\\n' : `\\x${code.toString(16).padStart(2, '0')}`;
	}).join('');
	return text.length > max || visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

export function formatProblem(p: Problem): string {
	const place = [
		shown(p.file),
		p.line != null ? `regel ${p.line}` : null,
		p.feature != null ? `feature ${p.feature}` : null,
		p.field ? `veld ${shown(p.field)}` : null
	]
		.filter(Boolean)
		.join(', ');
	// Reasons quote values through shown(); this cap only guards against a reason built without it.
	return `${place}: ${shown(p.reason, 4 * SHOWN_MAX)}`;
}

/** Thrown when an input has problems; nothing was written. */
export class ImportError extends Error {
	constructor(
		public readonly problems: Problem[],
		public readonly truncated = 0
	) {
		const shownLines = problems.slice(0, 50).map(formatProblem);
		const total = problems.length + truncated;
		const more = total - shownLines.length;
		super(
			`Import geweigerd: ${total} ${total === 1 ? 'probleem' : 'problemen'} gevonden, er is niets opgeslagen.\n` +
				shownLines.map((s) => `  - ${s}`).join('\n') +
				(more > 0 ? `\n  … en nog ${more}` : '')
		);
		this.name = 'ImportError';
	}
}

/**
 * A refusal as the terminal shows it: one line per problem found (values cut
 * by `shown`), then the count per file and in total.
 */
export function problemReport(e: ImportError): string {
	const perFile = new Map<string, number>();
	for (const p of e.problems) perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
	const total = e.problems.length + e.truncated;
	const files = [...perFile].map(([file, n]) => `${shown(file)}: ${n}`).join(', ');
	return [
		...e.problems.map((p) => `  - ${formatProblem(p)}`),
		...(e.truncated ? [`  … en nog ${e.truncated} die niet meer getoond worden`] : []),
		`Import geweigerd: ${total} ${total === 1 ? 'probleem' : 'problemen'} (${files}${e.truncated ? ', …' : ''}); er is niets opgeslagen.`
	].join('\n');
}

/** Collects problems up to a limit, and counts the rest. */
export class ProblemList {
	readonly items: Problem[] = [];
	dropped = 0;
	constructor(private readonly limit = 500) {}
	add(p: Problem) {
		if (this.items.length < this.limit) this.items.push(p);
		else this.dropped++;
	}
	get size() {
		return this.items.length + this.dropped;
	}
	throwIfAny() {
		if (this.size > 0) throw new ImportError(this.items, this.dropped);
	}
}

/** What a PostgreSQL error class (SQLSTATE) means, for the user. */
const SQLSTATE_NL: Record<string, string> = {
	'22P02': 'een waarde past niet in het databasetype',
	'22003': 'een getal valt buiten het bereik van de database',
	'22021': 'ongeldig teken in een tekst (bijvoorbeeld een NUL-teken)',
	'22P05': 'ongeldig teken in een tekst (bijvoorbeeld een NUL-teken)',
	'22023': 'ongeldige waarde',
	'23502': 'een verplichte waarde ontbreekt',
	'23503': 'verwijst naar iets dat niet in de database staat',
	'23505': 'staat al in de database (dubbele sleutel)',
	'23514': 'voldoet niet aan een controle van de database',
	XX000: 'de geometrie of een waarde werd door PostGIS geweigerd'
};

/**
 * The database's own reason, without the query, its parameters or a stack:
 * drizzle wraps the driver's error (with the full SQL) around the server's one.
 */
function serverError(error: unknown): { code?: string; message: string } {
	let e: unknown = error;
	for (let depth = 0; e && depth < 5; depth++) {
		const candidate = e as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && typeof candidate.message === 'string') {
			return { code: candidate.code, message: candidate.message };
		}
		e = candidate.cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	// Not a server error: a DrizzleQueryError's text starts with the SQL, which is not the user's business.
	return { message: /^Failed query:/.test(message) ? 'onbekende databasefout' : message };
}

/** What went wrong, in Dutch and in one line: never a query, its parameters or a stack. */
export function errorReason(error: unknown): string {
	const { code, message } = serverError(error);
	const firstLine = shown(message.split('\n', 1)[0]);
	if (!code) return `onverwachte fout (${firstLine})`;
	return `${SQLSTATE_NL[code] ?? 'de database gaf een fout'} (database: ${firstLine})`;
}

/** A database error turned into a problem at `place`: a reason in Dutch, never the SQL. */
export function databaseProblem(error: unknown, place: Omit<Problem, 'reason'>): Problem {
	return { ...place, reason: errorReason(error) };
}
