/**
 * Whether this device may hold saved checks, asked without opening the database (opening would
 * create it): IDBFactory.databases() lists the databases that exist. An empty History or Compare
 * page (every first visit) then says "no saved checks" without loading the store and idb; any
 * doubt (no databases(), an error, the database listed) means "maybe", and the store is read.
 */
export const DB_NAME = 'netready-history';

export async function mayHaveHistory(
	factory: Partial<Pick<IDBFactory, 'databases'>> | undefined
): Promise<boolean> {
	if (typeof factory?.databases !== 'function') return true;
	try {
		const databases = await factory.databases();
		return databases.some((db) => db.name === DB_NAME);
	} catch {
		return true;
	}
}
