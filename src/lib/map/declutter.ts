/**
 * Greedy label placement: keeps each box that does not overlap (with
 * `margin` pixels) a box kept before it, in the given order. Returns the ids
 * to hide. Pure.
 */
export interface LabelBox {
	id: string;
	x: number;
	y: number;
	w: number;
	h: number;
}

export function declutter(boxes: LabelBox[], margin = 0): Set<string> {
	const kept: LabelBox[] = [];
	const hidden = new Set<string>();
	for (const b of boxes) {
		const clash = kept.some((k) => b.x < k.x + k.w + margin && k.x < b.x + b.w + margin && b.y < k.y + k.h + margin && k.y < b.y + b.h + margin);
		if (clash) hidden.add(b.id);
		else kept.push(b);
	}
	return hidden;
}
