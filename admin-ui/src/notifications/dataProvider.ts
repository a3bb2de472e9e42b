import type { DataProvider, GetListParams } from 'react-admin';
import { graphql } from '../graphql';
import { NOTIFICATIONS, OUTBOX, type AppNotification } from './documents';

type Page<T> = { items: T[]; total: number };

const unsupported = (what: string) => () => Promise.reject(new Error(`${what} is not available for notifications`));

/** The inbox and the outbox, read through their GraphQL queries (paging and the inbox's filters). */
export const notificationsDataProvider: DataProvider = {
  async getList(resource: string, params: GetListParams) {
    const page = params.pagination?.page ?? 1;
    const perPage = Math.min(params.pagination?.perPage ?? 25, 100);
    if (resource === 'outbox') {
      const { outbox } = await graphql<{ outbox: Page<{ id: string }> }>(OUTBOX, { page, perPage });
      return { data: outbox.items, total: outbox.total };
    }
    const filter = params.filter ?? {};
    const { notifications } = await graphql<{ notifications: Page<AppNotification> }>(NOTIFICATIONS, {
      page,
      perPage,
      filter: { unread: filter.unread === true || filter.unread === 'true' ? true : undefined, type: filter.type || undefined },
    });
    return { data: notifications.items, total: notifications.total };
  },
  getOne: unsupported('getOne'),
  getMany: unsupported('getMany'),
  getManyReference: unsupported('getManyReference'),
  create: unsupported('create'),
  update: unsupported('update'),
  updateMany: unsupported('updateMany'),
  delete: unsupported('delete'),
  deleteMany: unsupported('deleteMany'),
} as DataProvider;
