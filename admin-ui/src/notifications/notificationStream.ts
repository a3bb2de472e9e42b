import { createClient, type Client } from 'graphql-ws';
import { useEffect, useState } from 'react';
import { getToken, graphql } from '../graphql';
import { MARK_ALL_NOTIFICATIONS_READ, MARK_NOTIFICATION_READ, NOTIFICATION_ADDED, NOTIFICATIONS, type AppNotification } from './documents';

/**
 * The signed-in user's notifications as the whole UI sees them: the unread count and the latest
 * few, fetched once, then kept up to date by the `notificationAdded` subscription (graphql-ws over
 * /graphql) and by the user's own reads. One WebSocket per page, whatever the number of components.
 */
type State = { unread: number; latest: AppNotification[]; live: boolean };
type Listener = (state: State) => void;

const LATEST = 8;
let state: State = { unread: 0, latest: [], live: false };
const listeners = new Set<Listener>();
const arrivals = new Set<(notification: AppNotification) => void>();
let client: Client | null = null;
let token: string | null = null;

const emit = (next: Partial<State>) => {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener(state));
};

/** Re-reads the count and the latest ones (at start, after a reconnect: anything missed meanwhile). */
export const reloadNotifications = async () => {
  const { notifications } = await graphql<{ notifications: { unread: number; items: AppNotification[] } }>(NOTIFICATIONS, { perPage: LATEST });
  emit({ unread: notifications.unread, latest: notifications.items });
};

const start = () => {
  const current = getToken();
  if (!current || (client && token === current)) return;
  client?.dispose();
  token = current;
  const url = new URL('/graphql', window.location.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  client = createClient({
    url: url.toString(),
    connectionParams: () => ({ authorization: `Bearer ${getToken()}` }),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      connected: () => {
        emit({ live: true });
        // What arrived while not connected (or before this connection subscribed) is read again.
        void reloadNotifications().catch(() => undefined);
      },
      closed: () => emit({ live: false }),
    },
  });
  client.subscribe<{ notificationAdded: AppNotification }>(
    { query: NOTIFICATION_ADDED },
    {
      next: ({ data }) => {
        const added = data?.notificationAdded;
        if (!added || state.latest.some((n) => n.id === added.id)) return;
        emit({ unread: state.unread + 1, latest: [{ ...added, readAt: null }, ...state.latest].slice(0, LATEST) });
        arrivals.forEach((arrival) => arrival(added));
      },
      error: () => emit({ live: false }),
      complete: () => undefined,
    },
  );
  void reloadNotifications().catch(() => undefined);
};

/** The live state; starts the subscription on first use. */
export const useNotifications = (): State => {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    start();
    setCurrent(state);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
};

/** Called for each notification that arrives while the page is open. */
export const useNotificationArrivals = (onArrival: (notification: AppNotification) => void) => {
  useEffect(() => {
    arrivals.add(onArrival);
    return () => {
      arrivals.delete(onArrival);
    };
  }, [onArrival]);
};

export const markRead = async (id: string) => {
  const { markNotificationRead } = await graphql<{ markNotificationRead: { unread: number } }>(MARK_NOTIFICATION_READ, { id });
  emit({ unread: markNotificationRead.unread, latest: state.latest.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n)) });
};

export const markAllRead = async () => {
  const { markAllNotificationsRead } = await graphql<{ markAllNotificationsRead: { unread: number } }>(MARK_ALL_NOTIFICATIONS_READ);
  const now = new Date().toISOString();
  emit({ unread: markAllNotificationsRead.unread, latest: state.latest.map((n) => ({ ...n, readAt: n.readAt ?? now })) });
};

/** The hash route of a notification's record: its link is /admin/#/invoices/<id>/show. */
export const routeOf = (link: string) => link.replace(/^.*#/, '') || '/';
