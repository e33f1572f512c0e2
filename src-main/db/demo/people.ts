// Made-up people: names, mobiles, WeChat IDs and addresses that look like the real thing.
import { initialsOf } from '../../domain/common/pinyin';
import {
  COMPLEXES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  HANDLES,
  MOBILE_PREFIXES,
  PROVINCES,
  ROAD_KINDS,
  ROADS,
  SURNAMES,
} from './data';
import { type Random, WeightedPicker } from './random';

export interface Place {
  province: string;
  city: string;
  district: string;
  remote: boolean;
}

/** Every district as one place; people are stored by index into this list. */
export const PLACES: readonly Place[] = PROVINCES.flatMap((p) =>
  p.cities.flatMap((c) => c.districts.map((district) => ({ province: p.name, city: c.name, district, remote: !!p.remote }))),
);

/** Place indexes per province and per city, for picking a place near another one. */
const byProvince: number[][] = PROVINCES.map(() => []);
const byCity = new Map<string, number[]>();
PLACES.forEach((pl, i) => {
  byProvince[PROVINCES.findIndex((p) => p.name === pl.province)].push(i);
  const key = pl.province + pl.city;
  byCity.set(key, [...(byCity.get(key) ?? []), i]);
});
const provinceOfPlace = PLACES.map((pl) => PROVINCES.findIndex((p) => p.name === pl.province));

const provincePicker = new WeightedPicker(PROVINCES.map((p) => p.weight));
// Zipf-like: 王 and 李 are far more common than 汤.
const surnamePicker = new WeightedPicker(SURNAMES.map((_, rank) => 1 / (rank + 8)));

export class People {
  private readonly initialsCache = new Map<string, string>();

  constructor(private readonly rng: Random) {}

  name(): string {
    const r = this.rng;
    const chars = r.chance(0.5) ? GIVEN_FEMALE : GIVEN_MALE;
    const given = r.chance(0.25) ? r.pick(chars) : r.pick(chars) + r.pick(chars);
    return SURNAMES[surnamePicker.index(r)] + given;
  }

  /** Pinyin initials, cached: pinyin-pro takes microseconds per name and names repeat a lot. */
  initials(name: string): string {
    let s = this.initialsCache.get(name);
    if (s === undefined) this.initialsCache.set(name, (s = initialsOf(name)));
    return s;
  }

  mobile(): string {
    return this.rng.pick(MOBILE_PREFIXES) + this.rng.digits(8);
  }

  /** WeChat IDs: 6–20 characters starting with a letter; the generated wxid_ form or a chosen handle. */
  wechatId(name: string): string {
    const r = this.rng;
    const kind = r.float();
    if (kind < 0.4) return 'wxid_' + r.alnum(14);
    if (kind < 0.7) return this.initials(name) + r.int(1970, 2004);
    return r.pick(HANDLES) + (r.chance(0.5) ? '_' : '') + r.digits(r.int(3, 4));
  }

  /** Index into PLACES, provinces weighted by e-commerce activity. */
  place(): number {
    const list = byProvince[provincePicker.index(this.rng)];
    return list[Math.floor(this.rng.float() * list.length)];
  }

  /** Agents sell mostly to people around them: same city or province more often than not. */
  placeNear(home: number): number {
    const r = this.rng.float();
    if (r < 0.35) return this.rng.pick(byCity.get(PLACES[home].province + PLACES[home].city)!);
    if (r < 0.55) return this.rng.pick(byProvince[provinceOfPlace[home]]);
    return this.place();
  }

  /** Street address below the district, e.g. 人民路128号阳光花园3栋2单元1502. */
  address(): string {
    const r = this.rng;
    const floor = r.int(1, 33);
    const room = floor * 100 + r.int(1, 4);
    return `${r.pick(ROADS)}${r.pick(ROAD_KINDS)}${r.int(1, 999)}号${r.pick(COMPLEXES)}${r.int(1, 30)}栋${r.int(1, 4)}单元${room}`;
  }
}
