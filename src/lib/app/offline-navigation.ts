/**
 * Following a link inside the site makes Kit's router fetch the target page's `__data.json`. The
 * service worker stores pages, not those files (they are cached when used, to keep the precache
 * small), and with the root layout having no server load, Kit shows its error page when the
 * fetch fails instead of loading the page. So while the browser says it is offline, links and
 * gotos inside the site become full navigations, which the service worker answers with the
 * stored page.
 */
export function needsFullNavigation(state: {
	online: boolean;
	/** the navigation's target, if any */
	to: URL | undefined;
	/** the page's own origin */
	origin: string;
	/** Kit's navigation type: 'link', 'goto', 'popstate', 'form', 'enter', 'leave' */
	type: string;
}): boolean {
	if (state.online || !state.to) return false;
	if (state.to.origin !== state.origin) return false;
	return state.type === 'link' || state.type === 'goto' || state.type === 'popstate';
}
