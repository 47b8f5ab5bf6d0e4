/**
 * Every date the site shows, from one Intl formatter: "1 Dec 2026, 18:04" in the reader's own
 * locale and time zone. File names use UTC everywhere (resultFilename, exportFileName), so a
 * file says the same time wherever it was saved.
 */
const FORMAT: Intl.DateTimeFormatOptions = {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
};

export function formatWhen(iso: string, locale?: string): string {
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) return 'an unknown time';
	return new Intl.DateTimeFormat(locale, FORMAT).format(ms);
}
