import FactCheckIcon from '@mui/icons-material/FactCheck';
import HistoryIcon from '@mui/icons-material/History';
import VerifiedIcon from '@mui/icons-material/Verified';
import type { AdminFeature } from '../features';
import { AuditLogPage } from './AuditLogPage';
import { en, fr } from './messages';
import { RecordAuditPage } from './RecordAuditPage';
import { ReportsKnownAtPage } from './ReportsKnownAtPage';
import { ThreadPage } from './ThreadPage';
import { AUDITORS } from './RecordHistoryTab';
import { VerifyPage } from './VerifyPage';

export { RecordTimeline } from './RecordTimeline';
export { RecordTimelineTab } from './RecordHistoryTab';

/** Auditors and admins: the audit log, a record's field changes and "as known at", one action's thread, the books as known at a moment, the log's verification. */
export const auditFeature: AdminFeature = {
  name: 'audit',
  routes: [
    { path: '/audit', element: <AuditLogPage /> },
    { path: '/audit/record/:entity/:id', element: <RecordAuditPage /> },
    { path: '/audit/thread/:correlationId', element: <ThreadPage /> },
    { path: '/audit/reports', element: <ReportsKnownAtPage /> },
    { path: '/audit/verify', element: <VerifyPage /> },
  ],
  menu: [
    { to: '/audit', label: 'annals.audit.menu.log', icon: <HistoryIcon />, roles: AUDITORS },
    { to: '/audit/reports', label: 'annals.audit.menu.reports', icon: <FactCheckIcon />, roles: AUDITORS },
    { to: '/audit/verify', label: 'annals.audit.menu.verify', icon: <VerifiedIcon />, roles: AUDITORS },
  ],
  messages: { en, fr },
};
