import type { Handlers } from '../router';
import { systemHandlers } from './system';
import { catalogHandlers } from './catalog';
import { agentsHandlers } from './agents';
import { ordersHandlers } from './orders';
import { reportsHandlers } from './reports';
import { reportExportHandlers } from './reportExports';
import { auditHandlers } from './audit';
import { accountsHandlers } from './accounts';
import { privacyHandlers } from './privacy';
import { backupHandlers } from './backup';
import { settingsHandlers } from './settings';
import { ledgerHandlers } from './ledger';
import { analyticsHandlers } from './analytics';
import { reportSetupsHandlers } from './reportSetups';

/** Every contract method's handler, registered by area; the type makes a missing method a compile error. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...catalogHandlers,
  ...agentsHandlers,
  ...ordersHandlers,
  ...reportsHandlers,
  ...reportExportHandlers,
  ...auditHandlers,
  ...accountsHandlers,
  ...privacyHandlers,
  ...backupHandlers,
  ...settingsHandlers,
  ...ledgerHandlers,
  ...analyticsHandlers,
  ...reportSetupsHandlers,
};
