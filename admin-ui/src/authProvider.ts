import type { AuthProvider, UserIdentity } from 'react-admin';
import { errorCode, getToken, graphql, TOKEN_KEY } from './graphql';
import { gql } from './graphql-tag';

export type Me = {
  userId: string;
  email: string;
  role: string;
  tenantId: string;
  tenantName: string;
  currency: string;
};

export type Identity = UserIdentity & Me;

const LOGIN = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
    }
  }
`;

const ME = gql`
  query Me {
    me {
      userId
      email
      role
      tenantId
      tenantName
      currency
    }
  }
`;

// One `me` request per session, not one per component asking who is logged in.
let identity: Promise<Identity> | null = null;

export const loginUrl = () => `${window.location.pathname}${window.location.search}#/login`;

const forget = () => {
  localStorage.removeItem(TOKEN_KEY);
  identity = null;
};

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    forget();
    const { login } = await graphql<{ login: { token: string } }>(LOGIN, { email: username.trim(), password });
    localStorage.setItem(TOKEN_KEY, login.token);
  },

  logout() {
    forget();
    // Start the next session from a fresh page on the login route: no cached record of this
    // tenant survives into another user's session, and react-admin's own post-logout navigation
    // is avoided: with react-router 7 it starves in a redirect loop for seconds (react-admin #10885).
    window.location.replace(loginUrl());
    window.location.reload();
    return new Promise<never>(() => undefined);
  },

  async checkAuth() {
    if (!getToken()) throw new Error('ra.auth.auth_check_error');
  },

  async checkError(error) {
    if (error?.status === 401 || errorCode(error) === 'UNAUTHENTICATED') {
      forget();
      throw new Error('ra.notification.logged_out');
    }
  },

  getIdentity() {
    identity ??= graphql<{ me: Me }>(ME).then(({ me }) => ({ ...me, id: me.userId, fullName: me.email }));
    return identity.catch((error) => {
      identity = null;
      throw error;
    });
  },

  async getPermissions() {
    if (!getToken()) return undefined;
    return (await authProvider.getIdentity!()).role;
  },
};
