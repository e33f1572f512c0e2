// Types of what scripts/extract-divisions.mjs exports (tests/unit/divisions.test.ts re-extracts with it).
export interface ExtractedDivisions {
  source: string;
  provinces: [string, string][];
  cities: [string, string][];
  areas: [string, string][];
}
export function isDevelopmentZone(code: string): boolean;
export function extractDivisions(): ExtractedDivisions;
export function divisionsText(d: ExtractedDivisions): string;
export const DIVISIONS_FILE: string;
