import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getToken } from './graphql';
import { loginUrl } from './authProvider';

// Without a token, open on the login route directly rather than letting react-admin redirect
// there (see authProvider.logout on why its redirect is avoided).
if (!getToken() && !window.location.hash.startsWith('#/login')) window.history.replaceState(null, '', loginUrl());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
