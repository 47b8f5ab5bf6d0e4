/**
 * The vendor data as the app uses it: one Catalog made from every file under data/*.json.
 * `data.spec.ts` validates the files against the schema, so the cast below is checked by tests.
 */
import type { DataFile } from './schema';
import { makeCatalog } from './make-catalog';
import meta from '../../../data/meta.json';

export type { Catalog, RequirementEntry } from './make-catalog';

const modules = import.meta.glob<DataFile>('../../../data/*.json', {
	eager: true,
	import: 'default'
});

export const dataFiles: DataFile[] = Object.entries(modules)
	.filter(([path]) => !path.endsWith('/meta.json'))
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([, file]) => file);

/** Bumped whenever data/ changes meaningfully; recorded with every result. */
export const DATA_VERSION: string = meta.dataVersion;

export const catalog = makeCatalog(dataFiles, DATA_VERSION);

export const { products, sources, addressSets } = catalog;
export const {
	productById,
	sourceById,
	addressSetById,
	requirementById,
	withRequiredProducts,
	selectProducts
} = catalog;
