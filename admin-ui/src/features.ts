import type { ComponentType, ReactElement, ReactNode } from 'react';
import type { DataProvider, ResourceProps } from 'react-admin';
import { developers } from './developers';
import { notificationsFeature } from './notifications';
import { auditFeature } from './audit';

/**
 * A section of the back office that plugs into the app without editing App.tsx, Menu.tsx,
 * Layout.tsx or i18nProvider.ts: its resources, its pages, its menu entries, its app-bar items and
 * its messages. Each section lives in its own folder and is listed once in `features` below.
 */
export interface AdminFeature {
  name: string;
  /** react-admin resources: name → the props of its <Resource> (list, show, edit, create, icon...). */
  resources?: Record<string, Omit<ResourceProps, 'name'>>;
  /** Serves the feature's resources (react-admin's combineDataProviders routes them here). */
  dataProvider?: DataProvider;
  /** Pages that are not resources, under the hash router (`/developers/catalogue`...). */
  routes?: { path: string; element: ReactNode }[];
  /** Pages anyone may open without signing in, without the layout (accept an invitation, reset a password). */
  publicRoutes?: { path: string; element: ReactNode }[];
  /** Menu entries after the resources; `roles` hides an entry from other roles (the server still decides). */
  menu?: { to: string; label: string; icon: ReactElement; roles?: readonly string[] }[];
  /** Items drawn in the app bar, right of the title (the notification bell). */
  appBar?: ComponentType[];
  /** Entries of the user menu (preferences, language). */
  userMenu?: ComponentType[];
  /** Translations, merged into the app's catalogue under `annals.<name>`: write `{ en: { title: 'Webhooks' } }`, use `annals.<name>.title`. */
  messages?: { en: Record<string, unknown>; fr?: Record<string, unknown> };
}

/** Every section, in menu order. Add a line per section. */
export const features: AdminFeature[] = [notificationsFeature, developers, auditFeature];
