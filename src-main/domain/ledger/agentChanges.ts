import type { Knex } from 'knex';

/**
 * Tell read models (in this and other processes) that these agents changed outside the facts: their attributes
 * (name, code, level, region, cs assignment, status: the read model holds them for rankings and their exports).
 * Every write of those columns must call it inside the transaction of the change so the note commits with it.
 * Here because rollup_changes is the ledger's log (only domain/ledger writes it); agents.assign uses it.
 */
export async function noteAgentsChanged(trx: Knex, agentIds: readonly string[]): Promise<void> {
  for (let i = 0; i < agentIds.length; i += 500) await trx('rollup_changes').insert(agentIds.slice(i, i + 500).map((agent_id) => ({ agent_id })));
}
