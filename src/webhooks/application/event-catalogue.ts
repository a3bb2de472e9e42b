import { Injectable } from '@nestjs/common';
import { integrationCatalogue } from '../../integration/integration-catalogue';

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

/** The types a partner may subscribe to; `matches` tells whether an endpoint's `eventTypes` take a type. */
@Injectable()
export class EventCatalogue {
  readonly entries: readonly CatalogueEntry[] = integrationCatalogue;
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
