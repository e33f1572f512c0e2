import { ApiError, sellThroughInput, validationFailed, type SellThroughInput } from '@contract';
import { dayToNumber, todayIn } from '@contract/days';
import { newId } from '../common/ids';
import { ledgerAudit } from './audit';
import { atomically, type LedgerContext } from './context';
import { holdings, leftOf } from './holdings';
import { RollupDeltas } from './rollupDeltas';
import { notFound, overLimit, parseInput } from './validate';

/**
 * Records units of stocked goods an agent says they sold to consumers on a day (cs types what agents tell them).
 * Never more than the agent holds: received in stock orders, minus returned, minus already reported.
 */
export const recordSellThrough = (ctx: LedgerContext, input: SellThroughInput): Promise<{ id: string }> => atomically(ctx, (c) => record(c, input));

async function record(ctx: LedgerContext, input: SellThroughInput): Promise<{ id: string }> {
  const r = parseInput(sellThroughInput, input);
  const { trx } = ctx;
  const now = ctx.now();
  const today = todayIn(ctx.timeZone, now);
  if (r.day > today) throw validationFailed([{ path: 'day', code: 'inFuture', message: `${r.day} is in the future (today is ${today})` }]);
  const agent = await trx('agents').where({ id: r.agentId }).first('code');
  if (!agent) throw notFound('agent', r.agentId, 'agentId');
  const product = await trx('products').where({ id: r.productId }).first('sku');
  if (!product) throw notFound('product', r.productId, 'productId');
  const h = (await holdings(trx, r.agentId, [r.productId])).get(r.productId)!;
  const left = leftOf(h);
  if (r.units > left)
    throw overLimit(
      'units',
      `agent ${agent.code} can report at most ${left} more of ${product.sku} as sold: got ${h.bought} in shipped stock orders, returned ${h.returned}, already reported ${h.reported}`,
      { ...h, max: left },
    );
  const id = r.id ?? newId();
  if (await trx('sellthrough_reports').where({ id }).first('id')) throw new ApiError('CONFLICT', `a sell-through report with id ${id} already exists`, { reason: 'exists', id });
  const day = dayToNumber(r.day);
  await trx('sellthrough_reports').insert({ id, agent_id: r.agentId, product_id: r.productId, day, units: r.units, note: r.note, created_at: now });
  await new RollupDeltas().sellThrough({ agentId: r.agentId, productId: r.productId, day, units: r.units }, 1).apply(ctx);
  await ledgerAudit(ctx, now, 'sellthrough_report', `agent:${agent.code}`, { reportId: id, product: product.sku, day: r.day, units: r.units });
  ctx.changes.touch(['sellthrough_reports'], [r.agentId]);
  return { id };
}
