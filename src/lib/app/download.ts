/**
 * THE way the app saves generated text as a file, in the browser only: a Blob, an object URL and
 * a temporary link with the download attribute. Nothing is sent anywhere. Text is UTF-8; a
 * byte-order mark the content starts with (PowerShell, Excel CSV) is kept as written.
 */
export interface DownloadHost {
	document: Document;
	URL: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
}

/** `mime` without parameters ("text/csv"); the charset is added here unless it is given. */
export function downloadText(
	name: string,
	content: string,
	mime: string,
	host: DownloadHost = { document, URL }
): void {
	const type = /;\s*charset=/i.test(mime) ? mime : `${mime};charset=utf-8`;
	const blob = new Blob([content], { type });
	const url = host.URL.createObjectURL(blob);
	const link = host.document.createElement('a');
	link.href = url;
	link.download = name;
	link.rel = 'noopener';
	link.style.display = 'none';
	host.document.body.append(link);
	try {
		link.click();
	} finally {
		link.remove();
		// Revoke after the click has been handled; revoking at once can cancel the download.
		setTimeout(() => host.URL.revokeObjectURL(url), 1000);
	}
}
