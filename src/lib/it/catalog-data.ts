/** The app's vendor data, as the IT toolkit sees it. */
import { DATA_VERSION, addressSets, products, sources } from '../data/catalog';
import type { ItData } from './context';

export const catalogData: ItData = { dataVersion: DATA_VERSION, products, sources, addressSets };
