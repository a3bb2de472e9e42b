import { Table, TableBody, TableCell, TableFooter, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { Line } from './dataProvider';
import { Money } from './MoneyField';

/** The priced lines of a quote or order, then its totals (all as the API computed them). */
export const LinesField = () => {
  const record = useRecordContext<{ id: string; lines: Line[]; net: string; tax: string; total: string; currency: string }>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  const { currency } = record;
  const t = (key: string) => translate(`annals.lines.${key}`);
  return (
    <Table size="small" data-testid="lines" sx={{ '& td.amount, & th.amount': { textAlign: 'right' } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('description')}</TableCell>
          <TableCell className="amount">{t('quantity')}</TableCell>
          <TableCell className="amount">{t('unit_price')}</TableCell>
          <TableCell className="amount">{t('tax_rate')}</TableCell>
          <TableCell className="amount">{t('net')}</TableCell>
          <TableCell className="amount">{t('tax')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.lines.map((line, index) => (
          <TableRow key={index}>
            <TableCell>
              {line.productId ? <Link to={createPath({ resource: 'products', id: line.productId, type: 'show' })}>{line.description}</Link> : line.description}
            </TableCell>
            <TableCell className="amount">{line.quantity}</TableCell>
            <TableCell className="amount">
              <Money amount={line.unitPrice} currency={currency} />
            </TableCell>
            <TableCell className="amount">{line.taxRate} %</TableCell>
            <TableCell className="amount">
              <Money amount={line.net} currency={currency} />
            </TableCell>
            <TableCell className="amount">
              <Money amount={line.tax} currency={currency} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter sx={{ '& td': { borderBottom: 'none', color: 'text.primary' } }}>
        {(['net', 'tax', 'total'] as const).map((key) => (
          <TableRow key={key}>
            <TableCell colSpan={5} className="amount">
              <Typography variant="body2" sx={{ fontWeight: key === 'total' ? 700 : 400 }}>
                {t(`${key}_total`)}
              </Typography>
            </TableCell>
            <TableCell className="amount" data-testid={`lines-${key}`}>
              <Money amount={record[key]} currency={currency} strong={key === 'total'} />
            </TableCell>
          </TableRow>
        ))}
      </TableFooter>
    </Table>
  );
};
