import { checkedAmount, divideHalfUp, formatMinor, lineNet, MAX_AMOUNT_MINOR, parseScaled, taxOn, toMinor } from './money';

describe('money', () => {
  it('parses decimal strings into exact minor units', () => {
    expect(toMinor('125.50', 'USD')).toBe(12550);
    expect(toMinor('125.5', 'EUR')).toBe(12550);
    expect(toMinor('0.07', 'USD')).toBe(7);
    expect(toMinor('1000', 'JPY')).toBe(1000);
  });
  it('refuses floats in disguise, too many decimals and negatives', () => {
    expect(() => toMinor('1.005', 'USD')).toThrow('more than 2 decimal places');
    expect(() => toMinor('1e3', 'USD')).toThrow('not a decimal number');
    expect(() => toMinor('-5', 'USD')).toThrow('must not be negative');
    expect(toMinor('-5', 'USD', 'amount', { allowNegative: true })).toBe(-500);
  });
  it('formats minor units as decimal strings', () => {
    expect(formatMinor(12550, 'USD')).toBe('125.50');
    expect(formatMinor(7, 'EUR')).toBe('0.07');
    expect(formatMinor(-7, 'EUR')).toBe('-0.07');
    expect(formatMinor(1000, 'JPY')).toBe('1000');
  });
  it('rounds half-up', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
  });
  it('computes a line net and its tax to the minor unit, half-up', () => {
    // 2.5 x 3.33 = 8.325 -> 8.33
    expect(lineNet(parseScaled('2.5', 3, 'quantity'), 333)).toBe(833n);
    // 20% of 8.33 = 1.666 -> 1.67
    expect(taxOn(833, parseScaled('20', 2, 'taxRate'))).toBe(167n);
    // 7.5% of 0.10 = 0.0075 -> 0.01
    expect(taxOn(10, parseScaled('7.5', 2, 'taxRate'))).toBe(1n);
  });
  it('refuses amounts past the largest one annals keeps, computed ones included, as BAD_USER_INPUT naming the field', () => {
    expect(toMinor('999999999999.99', 'USD')).toBe(99_999_999_999_999);
    expect(() => toMinor('1000000000000.00', 'USD', 'unitPrice')).toThrow(/unitPrice: "1000000000000.00" is too large/);
    // 1e9 units at 1e8: 1e19 minor units, past 2^63 and far past 2^53.
    const net = lineNet(parseScaled('1000000000', 3, 'quantity'), 10_000_000_000);
    expect(net).toBe(10n ** 19n);
    const refusal = (() => {
      try {
        return checkedAmount(net, 'USD', 'lines[0]', 'quantity x unitPrice');
      } catch (error) {
        return error as { code: string; fields: Record<string, string[]> };
      }
    })();
    expect(refusal).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'lines[0]': [expect.stringContaining('quantity x unitPrice comes to 100000000000000000.00')] },
    });
    expect(checkedAmount(MAX_AMOUNT_MINOR, 'USD', 'total')).toBe(99_999_999_999_999);
  });
});
