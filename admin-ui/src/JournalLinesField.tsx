import { Table, TableBody, TableCell, TableFooter, TableHead, TableRow } from '@mui/material';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { JournalEntry } from './dataProvider';
import { Money } from './MoneyField';

/** A journal entry's debit and credit lines, with their (equal) totals. */
export const JournalLinesField = () => {
  const entry = useRecordContext<JournalEntry>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!entry) return null;
  const t = (key: string) => translate(`resources.journalEntries.lines.${key}`);
  return (
    <Table size="small" data-testid="journal-lines" sx={{ maxWidth: 760 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('account')}</TableCell>
          <TableCell align="right">{t('debit')}</TableCell>
          <TableCell align="right">{t('credit')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entry.lines.map((line, index) => (
          <TableRow key={index}>
            <TableCell sx={{ pl: line.debit === '0.00' ? 5 : 2 }}>
              <Link to={createPath({ resource: 'accounts', id: line.accountCode, type: 'show' })}>
                {line.accountCode} {line.accountName ?? ''}
              </Link>
            </TableCell>
            <TableCell align="right">{line.debit === '0.00' ? '' : <Money amount={line.debit} currency={entry.currency} />}</TableCell>
            <TableCell align="right">{line.credit === '0.00' ? '' : <Money amount={line.credit} currency={entry.currency} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter sx={{ '& td': { color: 'text.primary', fontWeight: 600, borderBottom: 'none' } }}>
        <TableRow>
          <TableCell align="right">{t('total')}</TableCell>
          <TableCell align="right">
            <Money amount={entry.total} currency={entry.currency} strong />
          </TableCell>
          <TableCell align="right">
            <Money amount={entry.total} currency={entry.currency} strong />
          </TableCell>
        </TableRow>
      </TableFooter>
    </Table>
  );
};
