/** One reason an input was refused, with the place it was found. */
export interface Problem {
	file: string;
	/** 1-based line in a CSV file (the header is line 1); feature number in GeoJSON. */
	line?: number;
	feature?: number;
	field?: string;
	reason: string;
}

export function formatProblem(p: Problem): string {
	const place = [p.file, p.line != null ? `regel ${p.line}` : null, p.feature != null ? `feature ${p.feature}` : null, p.field ? `veld ${p.field}` : null]
		.filter(Boolean)
		.join(', ');
	return `${place}: ${p.reason}`;
}

/** Thrown when an input has problems; nothing was written. */
export class ImportError extends Error {
	constructor(
		public readonly problems: Problem[],
		public readonly truncated = 0
	) {
		const shown = problems.slice(0, 50).map(formatProblem);
		const more = problems.length - shown.length + truncated;
		super(
			`Import geweigerd: ${problems.length + truncated} probleem/problemen gevonden, er is niets opgeslagen.\n` +
				shown.map((s) => `  - ${s}`).join('\n') +
				(more > 0 ? `\n  … en nog ${more}` : '')
		);
		this.name = 'ImportError';
	}
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
