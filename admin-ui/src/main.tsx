import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getToken } from './graphql';
import { loginUrl } from './authProvider';
import { features } from './features';

// Without a token, open on the login route directly rather than letting react-admin redirect
// there (see authProvider.logout on why its redirect is avoided); the public pages (accept an
// invitation, reset a password) open as they are.
const publicPrefixes = ['#/login', ...features.flatMap((feature) => (feature.publicRoutes ?? []).map((route) => `#${route.path.split('/:')[0]}`))];
if (!getToken() && !publicPrefixes.some((prefix) => window.location.hash.startsWith(prefix))) window.history.replaceState(null, '', loginUrl());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
