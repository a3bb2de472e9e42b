import { annalsEnglish } from '../admin-ui/src/i18n/en';
import { englishMore } from '../admin-ui/src/i18n/en-more';
import { french } from '../admin-ui/src/i18n/fr';

type Catalogue = { [key: string]: string | Catalogue };

const merge = (a: Catalogue, b: Catalogue): Catalogue => {
  const out: Catalogue = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = typeof value === 'object' && typeof out[key] === 'object' ? merge(out[key], value) : value;
  return out;
};

const keys = (catalogue: Catalogue, prefix = ''): string[] =>
  Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));

const at = (catalogue: Catalogue, key: string): string | undefined =>
  key.split('.').reduce<Catalogue | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), catalogue) as string | undefined;

/** %{name} placeholders of a message: a translation must keep them, or the sentence loses its figures. */
const placeholders = (message: string) => [...message.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the admin UI in French', () => {
  const english = merge(annalsEnglish as Catalogue, englishMore as Catalogue);

  it('translates every message of the English catalogue', () => {
    expect(keys(english).filter((key) => at(french as Catalogue, key) === undefined)).toEqual([]);
  });

  it('says nothing the English does not (no stale key)', () => {
    expect(keys(french as Catalogue).filter((key) => at(english, key) === undefined)).toEqual([]);
  });

  it('keeps the placeholders of each message', () => {
    const broken = keys(english).filter(
      (key) => at(french as Catalogue, key) && placeholders(at(english, key)!).join() !== placeholders(at(french as Catalogue, key)!).join(),
    );
    expect(broken).toEqual([]);
  });
});
