import { createClient, Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Clock } from '../../src/shared/clock';
import type { TestApp } from './app';

/** A clock the test moves: the real time plus an offset, or a fixed instant. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, the time reads `at` (and goes on ticking from there). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

export interface Staff {
  token: string;
  headers: Record<string, string>;
  userId: string;
  email: string;
}

export const signIn = async (t: TestApp, email: string): Promise<Staff> => {
  const token = await t.login(email);
  const headers = { authorization: `Bearer ${token}` };
  const me = await t.graphql(`{ me { userId } }`, {}, headers);
  return { token, headers, userId: me.data.me.userId, email };
};

export const NOTIFICATIONS = `query ($filter: NotificationFilter, $page: Int, $perPage: Int) {
  notifications(filter: $filter, page: $page, perPage: $perPage) { total unread items { id type title body link subjectType subjectId createdAt readAt } } }`;

/** Sessions expire by the app's clock: after a test moves it, its people sign in again (their headers change in place). */
export const signInAgain = async (t: TestApp, ...people: Staff[]): Promise<void> => {
  for (const who of people) who.headers.authorization = `Bearer ${await t.login(who.email)}`;
};

export const inbox = async (t: TestApp, who: Staff, filter: { unread?: boolean } = {}) => {
  const result = await t.graphql(NOTIFICATIONS, { filter, perPage: 100 }, who.headers);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.notifications as { total: number; unread: number; items: any[] };
};

/** A real graphql-ws client (graphql-transport-ws) subscribed to notificationAdded; what it receives, with when. */
export const subscribe = (url: string, token: string | null) => {
  const received: { at: number; notification: any }[] = [];
  const errors: unknown[] = [];
  let acknowledged = false;
  const client: WsClient = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { connected: () => (acknowledged = true), error: (error) => errors.push(error) },
  });
  const unsubscribe = client.subscribe(
    { query: 'subscription { notificationAdded { id type title body link createdAt } }' },
    {
      next: (value) => received.push({ at: Date.now(), notification: (value.data as any)?.notificationAdded ?? value }),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    acknowledged: () => acknowledged,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
};
