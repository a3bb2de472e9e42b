import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument, asyncApiJson } from '../src/integration/asyncapi';
import { integrationCatalogue, integrationTopics } from '../src/integration/integration-catalogue';

const committed = join(__dirname, '..', 'docs', 'asyncapi.json');

describe('the AsyncAPI document (generated from the integration catalogue)', () => {
  const document = asyncApiDocument() as any;

  it('is the one committed in docs/asyncapi.json (run `npm run asyncapi` after changing the catalogue)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(asyncApiJson());
  });

  it('is a valid AsyncAPI 3.0 document for the official parser, without a warning', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(asyncApiJson());
    const problems = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(parsed!.version()).toBe('3.0.0');
    expect(
      parsed!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual([...integrationTopics].sort());
    expect(
      parsed!
        .messages()
        .all()
        .map((m) => m.name())
        .sort(),
    ).toEqual(integrationCatalogue.map((d) => d.type).sort());
  });

  it('has one channel per topic with every type of its context, and each message payload is the closed CloudEvent schema its example passes', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const definition of integrationCatalogue) {
      const channel = Object.values(document.channels as Record<string, any>).find((c) => c.address === definition.topic);
      const id = Object.keys(channel.messages).find((key) => document.components.messages[key].name === definition.type)!;
      const message = document.components.messages[id];
      expect(message.payload.additionalProperties).toBe(false);
      expect(message.payload.properties.type.const).toBe(definition.type);
      expect(message.payload.properties.data).toEqual(definition.schema);
      const example = message.examples[0].payload;
      expect(example.data).toEqual(definition.example);
      expect(ajv.validate(message.payload, example)).toBe(true);
    }
  });
});
