import { Injectable } from '@nestjs/common';
import { crmIntegrationEventSchemas } from '../../crm/public/crm-integration-events';

/** One published integration event type, as partners pick and read it. */
export interface CatalogueEntry {
  readonly type: string;
  readonly context: string;
  readonly description: string;
  /** JSON Schema of `data`. */
  readonly schema: Record<string, unknown>;
  /** A valid `data`. */
  readonly example: Record<string, unknown>;
}

type Schema = { type?: unknown; format?: string; const?: unknown; properties?: Record<string, Schema>; description?: string };

const EXAMPLE_UUID = '0b6b7e3e-5a0c-4a4f-8f53-0d1f6f4b9c21';

/** A value that a (simple, closed) JSON Schema accepts: enough for a catalogue example and a test webhook. */
export const exampleOf = (schema: Schema, name = 'value'): unknown => {
  if (schema.const !== undefined) return schema.const;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? 'null';
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, exampleOf(child, key)]));
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'null') return null;
  if (schema.format === 'uuid') return EXAMPLE_UUID;
  if (schema.format === 'email') return 'ada@example.com';
  if (schema.format === 'date-time') return '2026-11-21T10:00:00.000Z';
  if (schema.format === 'date') return '2026-11-21';
  return `example ${name}`;
};

const crmEntries = (): CatalogueEntry[] =>
  Object.entries(crmIntegrationEventSchemas).map(([type, envelope]) => {
    const schema = (envelope as { properties: { data: Schema }; description: string }).properties.data;
    return {
      type,
      context: 'crm',
      description: (envelope as { description: string }).description,
      schema,
      example: exampleOf(schema) as Record<string, unknown>,
    };
  });

/** The types a partner may subscribe to; `matches` tells whether an endpoint's `eventTypes` take a type. */
@Injectable()
export class EventCatalogue {
  readonly entries: readonly CatalogueEntry[] = [...crmEntries()];
  private readonly byType = new Map(this.entries.map((entry) => [entry.type, entry]));

  entry(type: string): CatalogueEntry | undefined {
    return this.byType.get(type);
  }

  /** The patterns that name no published type (a typo would otherwise subscribe to nothing, silently). */
  unknownPatterns(patterns: readonly string[]): string[] {
    return patterns.filter((pattern) => !this.entries.some((entry) => matchesType([pattern], entry.type)));
  }
}

/** Whether `eventTypes` (exact types and `prefix.*` patterns; empty: all) take `type`. */
export const matchesType = (eventTypes: readonly string[], type: string): boolean =>
  eventTypes.length === 0 ||
  eventTypes.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
