import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { indicator } from '../db/schema/index';

export type Indicator = typeof indicator.$inferSelect;

/** The whole indicator registry, by theme and label. */
export function listIndicators(db: Db): Promise<Indicator[]> {
	return db.select().from(indicator).orderBy(asc(indicator.theme), asc(indicator.labelNl));
}

export async function indicatorByKey(db: Db, key: string): Promise<Indicator | null> {
	const [row] = await db.select().from(indicator).where(eq(indicator.key, key)).limit(1);
	return row ?? null;
}

/** What a page needs to label, format and colour an indicator's values. */
export function indicatorMeta(ind: Indicator) {
	const { key, labelNl, labelEn, unit, kind, higherIsBetter, estimate, theme } = ind;
	return { key, labelNl, labelEn, unit, kind, higherIsBetter, estimate, theme };
}
