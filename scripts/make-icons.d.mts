// Types of what scripts/make-icons.mjs exports (tests/unit/icons.test.ts re-renders a size with it).
export function render(n: number, grid?: number): Buffer;
export function png(n: number, px: Buffer): Buffer;
