import type { ExportResult, ParsedInput } from '@contract';
import { formatDateTime } from '@contract/days';
import type { Db } from '../../db/open';
import { addTableSheet, writeWorkbook } from '../../excel/tableSheet';
import type { JobControl } from '../common/job';
import { forEachAudit } from './audit';

export const auditFileName = (now = Date.now()) => `审计日志_${now.toString(36)}.xlsx`;

/** The filtered audit log as a styled .xlsx; a cancelled or failed export leaves no file. */
export async function exportAudit(
  db: Db,
  q: Omit<ParsedInput<'audit.export'>, 'jobId'>,
  timeZone: string,
  file: string,
  job: JobControl = {},
): Promise<ExportResult> {
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, '审计日志', [
      { key: 'at', header: '时间', kind: 'text', samples: ['2026-01-01 00:00'] },
      { key: 'userLogin', header: '操作人', kind: 'text', samples: ['operator-login'] },
      { key: 'action', header: '操作', kind: 'text', samples: ['password_change'] },
      { key: 'target', header: '对象', kind: 'text', samples: ['reports.ranking'] },
      { key: 'details', header: '详情', kind: 'text', samples: ['x'.repeat(60)] },
    ]);
    const n = await forEachAudit(
      db,
      q,
      timeZone,
      (e) => sheet.add({ at: formatDateTime(e.at, timeZone), userLogin: e.userLogin, action: e.action, target: e.target, details: JSON.stringify(e.details) }),
      job, // progress and cancel per page
    );
    sheet.commit();
    return n;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
