/**
 * What the edge's limits cost per request, in process (no database): graphql-js validation of the
 * admin UI's largest list document with the specified rules alone and with the depth, alias and
 * cost rules added; and the input guard over a 500-line draftQuote input (the largest input a
 * person may send). Figures are operations per second, medians of 5 rounds of 1 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { inputGuardPipe } from '../src/shared/graphql/input-guard';
import { queryValidationRules } from '../src/shared/graphql/query-limits';
import { log, now, round } from './lib/stats';

const DOCUMENT = `query ($filter: InvoiceFilter, $page: Int, $perPage: Int) {
  invoices(filter: $filter, page: $page, perPage: $perPage, sortField: "issuedOn", sortOrder: DESC) {
    total
    items { id number orderId clientId currency status net tax total amountPaid credited balanceDue issuedOn dueOn overdue sentOn paidOn voidedOn voidReason
      payments { id amount method reference receivedOn } creditNotes { id amount net tax reason issuedOn } createdAt updatedAt }
  }
}`;

/** Operations per second of `operation`: the median of `rounds` rounds of `ms` each. */
const rate = (operation: () => void, rounds = 5, ms = 1_000): number => {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let count = 0;
    const start = now();
    while (now() - start < ms) {
      operation();
      count++;
    }
    rates.push(count / ((now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(rounds / 2)];
};

export const benchEdgeLimits = (): Record<string, number | null> => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', 'admin-ui', 'schema.graphql'), 'utf8'));
  const document = parse(DOCUMENT);
  const limits = queryValidationRules({ introspection: false });
  if (validate(schema, document, [...specifiedRules, ...limits]).length > 0) throw new Error('the bench document is not valid against the schema');
  log('edge limits: validation with and without the limit rules');
  const plain = rate(() => validate(schema, document, specifiedRules));
  const limited = rate(() => validate(schema, document, [...specifiedRules, ...limits]));
  const lines = Array.from({ length: 500 }, (_, i) => ({ description: `Line ${i} — widgets, boxed`, quantity: '12.5', unitPrice: '1999.99', taxRate: '20' }));
  const input = { clientId: '3f2b8c1e-9d4a-4c6e-8b1a-2d5f7e9a0c13', validUntil: '2026-12-31', lines };
  log('edge limits: the input guard over a 500-line quote');
  const guarded = rate(() => inputGuardPipe.transform(input, { type: 'body', data: 'input' }));
  return {
    'edge.validate_plain_per_s': round(plain),
    'edge.validate_limited_per_s': round(limited),
    'edge.validate_limited_ratio': round(limited / plain, 2),
    'edge.input_guard_500_lines_per_s': round(guarded),
  };
};

if (require.main === module) process.stdout.write(`${JSON.stringify(benchEdgeLimits(), null, 2)}\n`);
