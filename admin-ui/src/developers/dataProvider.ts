import type { DataProvider, GetListParams } from 'react-admin';
import { graphql } from '../graphql';
import { WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY, WEBHOOK_ENDPOINT, WEBHOOK_ENDPOINTS } from './documents';

type Page = { total: number; items: { id: string }[] };

const listVariables = ({ pagination, sort, filter }: GetListParams) => ({
  page: pagination?.page ?? 1,
  perPage: pagination?.perPage ?? 25,
  sortField: sort?.field && sort.field !== 'id' ? sort.field : 'createdAt',
  sortOrder: sort?.order === 'ASC' ? 'ASC' : 'DESC',
  filter: Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value !== '' && value !== undefined && value !== null)),
});

const unsupported = (what: string) => () => Promise.reject(new Error(`${what} is done with the Developers section's own buttons`));

/** Endpoints and deliveries, read through the webhooks queries; changes go through the section's buttons (commands). */
export const developersDataProvider: DataProvider = {
  getList: async (resource, params) => {
    const [document, field] = resource === 'webhookDeliveries' ? [WEBHOOK_DELIVERIES, 'webhookDeliveries'] : [WEBHOOK_ENDPOINTS, 'webhookEndpoints'];
    const data = await graphql<Record<string, Page>>(document, listVariables(params));
    return { data: data[field].items as never[], total: data[field].total };
  },
  getOne: async (resource, { id }) => {
    const [document, field] = resource === 'webhookDeliveries' ? [WEBHOOK_DELIVERY, 'webhookDelivery'] : [WEBHOOK_ENDPOINT, 'webhookEndpoint'];
    const data = await graphql<Record<string, { id: string } | null>>(document, { id });
    if (!data[field]) throw new Error(`No ${resource === 'webhookDeliveries' ? 'delivery' : 'endpoint'} ${String(id)} in your tenant`);
    return { data: data[field] as never };
  },
  getMany: async (resource, { ids }) => {
    const rows = await Promise.all(ids.map((id) => developersDataProvider.getOne(resource, { id })));
    return { data: rows.map((row) => row.data) };
  },
  getManyReference: unsupported('getManyReference') as never,
  create: unsupported('Creating') as never,
  update: unsupported('Updating') as never,
  updateMany: unsupported('Updating') as never,
  delete: unsupported('Deleting') as never,
  deleteMany: unsupported('Deleting') as never,
};
