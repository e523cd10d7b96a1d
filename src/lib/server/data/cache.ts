/**
 * The one cache of the data layer: computed results keyed on the data version.
 * A new import gives a new version and empties it, so nothing stale is served;
 * concurrent requests for the same key share one computation; a failed
 * computation is forgotten. Bounded by entry count, least recently used first.
 */
export class VersionedCache {
	private version: string | null = null;
	private readonly entries = new Map<string, Promise<unknown>>();

	constructor(private readonly maxEntries = 200) {}

	get<T>(version: string, key: string, compute: () => Promise<T>): Promise<T> {
		if (version !== this.version) {
			this.entries.clear();
			this.version = version;
		}
		const hit = this.entries.get(key) as Promise<T> | undefined;
		if (hit) {
			this.entries.delete(key);
			this.entries.set(key, hit);
			return hit;
		}
		const value = compute();
		this.entries.set(key, value);
		value.catch(() => {
			if (this.entries.get(key) === value) this.entries.delete(key);
		});
		while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
		return value;
	}

	/** True when `key` is computed (or being computed) for `version`. */
	has(version: string, key: string): boolean {
		return version === this.version && this.entries.has(key);
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}
