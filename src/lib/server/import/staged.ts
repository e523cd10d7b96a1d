/**
 * A data package as read and validated in memory, ready to be written: what the
 * readers produce and the loader stores. Nothing here touches the database.
 */
import type { RegistryFields } from './registry';
import type { AreaLevel, FocusAreaRecord } from './validate';

export interface StagedArea {
	code: string;
	level: AreaLevel;
	name: string | null;
	gemeenteCode: string | null;
	wijkCode: string | null;
	note: string | null;
	superseded: boolean;
	/** newest vintage the name comes from (for choosing among vintages) */
	vintage: number;
}
export interface StagedBoundary {
	code: string;
	level: 'gemeente' | 'wijk' | 'buurt';
	vintage: number;
	quality: string;
	sourceId: string;
	srid: 4326 | 28992;
	geometry: string;
	/** where it came from, for database errors */
	file: string;
	feature: number;
}
export interface StagedObservation {
	areaCode: string;
	indicator: string;
	period: number;
	value: number;
	sourceId: string;
	provisional: boolean;
	/** where it came from, for database errors */
	file: string;
	line: number;
}
export interface StagedIndicator extends RegistryFields {
	key: string;
	labelNl: string;
	labelEn: string;
	unit: string;
	definitionNl: string;
	definitionEn: string;
	higherIsBetter: boolean | null;
	kind: 'count' | 'rate' | 'currency' | 'index';
	denominator: string | null;
	weight: string | null;
	numerator: string | null;
	scale: number | null;
	estimate: boolean;
	theme: string;
	sourceTable: string;
}
export interface StagedSource {
	id: string;
	title: string;
	publisher: string | null;
	tableRef: string | null;
	url: string | null;
	licenceName: string | null;
	licenceTitle: string | null;
	licenceUrl: string | null;
	attribution: string;
	caveats: string[];
}
export interface StagedFile {
	path: string;
	sha256: string;
	rows: number;
}
export interface StagedPackage {
	input: string;
	checksum: string;
	files: StagedFile[];
	sources: StagedSource[];
	indicators: StagedIndicator[];
	areas: StagedArea[];
	boundaries: StagedBoundary[];
	observations: StagedObservation[];
	focusAreas: FocusAreaRecord[];
	/** name of the focus-area file, for problems */
	focusAreasFile: string;
}
