import { asc, eq } from 'drizzle-orm';
import { registryEntry, type IndicatorEntry } from '../../indicators/registry';
import type { Db } from '../db/index';
import { indicator } from '../db/schema/index';

export type Indicator = typeof indicator.$inferSelect;

/** The whole indicator registry, in theme order, then by Dutch label. */
export function listIndicators(db: Db): Promise<Indicator[]> {
	return db.select().from(indicator).orderBy(asc(indicator.themeOrder), asc(indicator.theme), asc(indicator.labelNl));
}

export async function indicatorByKey(db: Db, key: string): Promise<Indicator | null> {
	const [row] = await db.select().from(indicator).where(eq(indicator.key, key)).limit(1);
	return row ?? null;
}

/** What a page needs to label, format, colour and place an indicator's values: its registry entry. */
export function indicatorMeta(ind: Indicator): IndicatorEntry {
	return registryEntry(ind);
}
