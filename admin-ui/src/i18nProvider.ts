import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';

const annalsEnglish = {
  ra: {
    auth: { username: 'Email' },
  },
  annals: {
    title: 'annals',
    tenant: 'Tenant',
    all_statuses: 'All statuses',
    search_placeholder: 'Name, email or company',
    history: {
      empty: 'No events recorded yet.',
      load_error: 'The history could not be loaded: %{message}',
      revision: 'Rev.',
      event: 'Event',
      recorded_at: 'Recorded',
      actor: 'By',
      data: 'Data',
    },
  },
  resources: {
    leads: {
      name: 'Lead |||| Leads',
      fields: {
        id: 'Id',
        name: 'Name',
        email: 'Email',
        company: 'Company',
        phone: 'Phone',
        source: 'Source',
        status: 'Status',
        clientId: 'Client',
        createdAt: 'Captured',
        updatedAt: 'Last change',
        q: 'Search',
      },
      status: {
        NEW: 'New',
        QUALIFIED: 'Qualified',
        DISQUALIFIED: 'Disqualified',
        CONVERTED: 'Converted',
      },
      tabs: { summary: 'Summary', history: 'History' },
      create_title: 'Capture a lead',
      helper: { source: 'Where the lead came from, e.g. website, referral, trade show' },
      actions: {
        qualify: 'Qualify',
        disqualify: 'Disqualify',
        convert: 'Convert',
        open_client: 'Open client',
      },
      disqualify_dialog: {
        title: 'Disqualify %{name}?',
        content: 'Say why this lead is not a fit. The reason is kept in the lead\'s history.',
        reason: 'Reason',
        confirm: 'Disqualify',
      },
      notifications: {
        captured: 'Lead captured',
        qualified: 'Lead qualified',
        disqualified: 'Lead disqualified',
        converted: 'Lead converted: %{name} is now a client',
      },
      empty: 'No leads match. Capture one, or change the filters.',
    },
    clients: {
      name: 'Client |||| Clients',
      fields: {
        id: 'Id',
        name: 'Name',
        email: 'Email',
        company: 'Company',
        leadId: 'From lead',
        createdAt: 'Client since',
        q: 'Search',
      },
      tabs: { summary: 'Summary', history: 'History' },
      no_lead: 'Registered directly',
    },
  },
};

const messages = mergeTranslations(englishMessages, annalsEnglish) as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
