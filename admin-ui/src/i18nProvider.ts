import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { features } from './features';
import { annalsEnglish } from './i18n/en';
import { englishMore } from './i18n/en-more';
import { french } from './i18n/fr';

const featureEnglish = features.map((feature) => ({ annals: { [feature.name]: feature.messages?.en ?? {} } }));
const featureFrench = features.map((feature) => ({ annals: { [feature.name]: feature.messages?.fr ?? feature.messages?.en ?? {} } }));
const english = mergeTranslations(englishMessages, annalsEnglish, englishMore, ...featureEnglish) as TranslationMessages;
// Where a French message is still missing, the English one shows rather than a key.
const frenchCatalogue = mergeTranslations(english, frenchMessages, french, ...featureFrench) as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'fr' ? frenchCatalogue : english),
  'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'fr', name: 'Français' },
  ],
  { allowMissing: true },
);
