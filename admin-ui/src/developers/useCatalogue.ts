import { useQuery } from '@tanstack/react-query';
import { graphql } from '../graphql';
import { WEBHOOK_EVENT_TYPES } from './documents';

export type EventType = { type: string; context: string; description: string; schema: string; example: string };

/** The published event types (for pickers and the catalogue page). */
export const useCatalogue = () =>
  useQuery({
    queryKey: ['webhookEventTypes'],
    queryFn: async () => (await graphql<{ webhookEventTypes: EventType[] }>(WEBHOOK_EVENT_TYPES)).webhookEventTypes,
    staleTime: 60_000,
  });

/** Exact types, and a `context.*` prefix per context. */
export const typeChoices = (types: EventType[] | undefined): string[] => {
  const all = types ?? [];
  return [...new Set(all.map((t) => `${t.context}.*`)), ...all.map((t) => t.type)];
};
