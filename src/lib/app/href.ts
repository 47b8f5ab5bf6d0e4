/**
 * Links built by $lib/app/links are paths from the site root with a query and fragment;
 * resolve() adds the base path (the site may live under a sub-path).
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/** Typed as ResolvedPathname because it is one: the path goes through resolve() here. */
export function appHref(path: string): ResolvedPathname {
	const match = /^(\/[^?#]*)(.*)$/s.exec(path);
	if (!match) return resolve('/');
	return (resolve(match[1] as '/') + match[2]) as ResolvedPathname;
}

/** The same, as an absolute URL to copy into a ticket or a message. */
export function absoluteHref(path: string): string {
	return new URL(appHref(path), window.location.href).href;
}
