#!/usr/bin/env node
/**
 * Draws the app icons (static/icon.svg's design: a green disc with a white tick) as PNGs for the
 * web app manifest, with no browser and no downloads: shapes are rasterised from distance
 * functions with 4x4 supersampling and written as PNG with node:zlib.
 *
 *   node scripts/make-icons.mjs      # writes static/icon-192.png, icon-512.png, icon-maskable-512.png
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const GREEN = [0x1b, 0x6e, 0x3a];
const WHITE = [0xff, 0xff, 0xff];

/** Distance from point p to segment ab. */
function segmentDistance(px, py, ax, ay, bx, by) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The icon in a 32-unit design space (as favicon.svg): disc r=14 at (16,16), tick from (9,16)
 * through (14,21) to (23,11), 3 units wide. `full` fills the whole square (maskable icons).
 */
function shade(x, y, full) {
	const inDisc = full || Math.hypot(x - 16, y - 16) <= 14;
	if (!inDisc) return null;
	const tick = Math.min(
		segmentDistance(x, y, 9, 16, 14, 21),
		segmentDistance(x, y, 14, 21, 23, 11)
	);
	return tick <= 1.5 ? WHITE : GREEN;
}

function render(size, { full = false, scale = 1 } = {}) {
	const samples = 4;
	const rgba = new Uint8Array(size * size * 4);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let r = 0;
			let g = 0;
			let b = 0;
			let a = 0;
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					// Map the pixel sample into design space, shrunk about the centre by `scale`.
					const u = ((px + (sx + 0.5) / samples) / size) * 32;
					const v = ((py + (sy + 0.5) / samples) / size) * 32;
					const x = 16 + (u - 16) / scale;
					const y = 16 + (v - 16) / scale;
					const colour = shade(x, y, false) ?? (full ? GREEN : null);
					if (!colour) continue;
					r += colour[0];
					g += colour[1];
					b += colour[2];
					a += 1;
				}
			}
			const i = (py * size + px) * 4;
			if (a > 0) {
				rgba[i] = Math.round(r / a);
				rgba[i + 1] = Math.round(g / a);
				rgba[i + 2] = Math.round(b / a);
			}
			rgba[i + 3] = Math.round((a / (samples * samples)) * 255);
		}
	}
	return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	Buffer.from(data).copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

export function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // RGBA
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0; // filter: none
		Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const out = (name) => fileURLToPath(new URL(`../static/${name}`, import.meta.url));
	writeFileSync(out('icon-192.png'), encodePng(192, render(192)));
	writeFileSync(out('icon-512.png'), encodePng(512, render(512)));
	// Maskable: full-bleed background, the mark inside the central 80% safe zone.
	writeFileSync(
		out('icon-maskable-512.png'),
		encodePng(512, render(512, { full: true, scale: 0.75 }))
	);
	console.log('wrote static/icon-192.png, static/icon-512.png, static/icon-maskable-512.png');
}
