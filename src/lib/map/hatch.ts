/**
 * The one "no data" style, as an image for MapLibre's `fill-pattern`: diagonal
 * stripes in the same two colours as the CSS token `--no-data-pattern`
 * (app.css), so the map, the legend and the tables mark missing figures alike.
 * Generated in code: no sprite file, no request.
 */

export const NO_DATA_IMAGE = 'geen-gegevens';
const STRIPE: [number, number, number] = [0xe3, 0xe6, 0xea];
const GROUND: [number, number, number] = [0xff, 0xff, 0xff];

/** An RGBA image of `size` × `size` pixels with 45° stripes that tile seamlessly. */
export function hatchImage(size = 8): { width: number; height: number; data: Uint8Array } {
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const [r, g, b] = (x + y) % size < size / 2 ? STRIPE : GROUND;
			const i = (y * size + x) * 4;
			data[i] = r;
			data[i + 1] = g;
			data[i + 2] = b;
			data[i + 3] = 255;
		}
	}
	return { width: size, height: size, data };
}
