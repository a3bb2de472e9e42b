import { DomainError } from './domain-error';

class TestError extends DomainError<'NOT_NEW' | 'NOT_OPEN' | 'NAME_REQUIRED'> {}

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('DomainError guards', () => {
  it('requiredText passes the trimmed text', () => expect(TestError.requiredText(' Ada ', 'NAME_REQUIRED', 'A lead needs a name')).toBe('Ada'));

  it('requiredText refuses blank text with the context error, code and message', () => {
    const error = thrown(() => TestError.requiredText('  ', 'NAME_REQUIRED', 'A lead needs a name'));
    expect(error).toBeInstanceOf(TestError);
    expect(error).toMatchObject({ code: 'NAME_REQUIRED', message: 'A lead needs a name', name: 'TestError' });
  });

  it('requireStatus lets a record in an allowed status through', () =>
    expect(() => TestError.requireStatus({ status: 'SENT' }, ['DRAFT', 'SENT'], 'NOT_OPEN', 'quote', 'revised')).not.toThrow());

  it.each([
    [['NEW'], 'CONVERTED', 'lead', 'qualified', 'Only a NEW lead can be qualified; this lead is CONVERTED'],
    [['DRAFT', 'SENT'], 'ACCEPTED', 'quote', 'revised', 'Only a DRAFT or SENT quote can be revised; this quote is ACCEPTED'],
    [['SHIPPED'], 'PLACED', 'order', 'confirmed delivered', 'Only a SHIPPED order can be confirmed delivered; this order is PLACED'],
    [['ACCEPTED'], 'DRAFT', 'quote', 'ordered', 'Only an ACCEPTED quote can be ordered; this quote is DRAFT'],
  ])('requireStatus(%j) refuses a %s %s, saying what it takes', (allowed, status, entity, done, message) => {
    const error = thrown(() => TestError.requireStatus({ status }, allowed, 'NOT_NEW', entity, done));
    expect(error).toBeInstanceOf(TestError);
    expect(error).toMatchObject({ code: 'NOT_NEW', message });
  });
});
