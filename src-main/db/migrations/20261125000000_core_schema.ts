import type { Knex } from 'knex';

// Core of domain.md: money in integer fen, instants in UTC ms, ids are client-generated UUIDv7 text.
// `*_day` columns hold the local day (supplier's time zone) as an integer yyyymmdd, cut when written.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('settings', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });

  await knex.schema.createTable('agent_levels', (t) => {
    t.string('id').primary();
    t.string('code').notNullable().unique();
    t.string('name').notNullable();
    t.integer('rank').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('products', (t) => {
    t.string('id').primary();
    t.string('sku').notNullable();
    t.string('name').notNullable();
    t.string('name_initials').notNullable().defaultTo(''); // pinyin initials for search
    t.string('category').notNullable();
    t.string('spec').notNullable().defaultTo('');
    t.text('usage_text').notNullable().defaultTo('');
    t.text('images').notNullable().defaultTo('[]'); // JSON array, at most 6
    t.bigInteger('retail_price_fen').notNullable();
    t.bigInteger('min_retail_price_fen').notNullable();
    t.bigInteger('cost_fen').nullable();
    t.integer('weight_g').notNullable().defaultTo(0);
    t.integer('stock_on_hand').notNullable().defaultTo(0); // = sum of stock_movements.delta, kept in the same transaction
    t.string('status').notNullable().defaultTo('listed');
    t.boolean('return_policy_7d').notNullable().defaultTo(true);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['sku'], { indexName: 'products_sku_unique' });
    t.index(['name'], 'products_name');
    t.index(['name_initials'], 'products_initials');
    t.index(['category', 'sku'], 'products_category');
  });

  await knex.schema.createTable('product_prices', (t) => {
    t.string('product_id').notNullable().references('products.id').onDelete('CASCADE');
    t.string('level_id').notNullable().references('agent_levels.id');
    t.bigInteger('price_fen').notNullable();
    t.primary(['product_id', 'level_id']);
  });

  await knex.schema.createTable('product_documents', (t) => {
    t.string('id').primary();
    t.string('product_id').notNullable().references('products.id').onDelete('CASCADE');
    t.string('kind').notNullable(); // business_license | inspection_report | food_license
    t.string('number').notNullable().defaultTo('');
    t.integer('expires_day').nullable();
    t.string('file_path').nullable();
    t.bigInteger('created_at').notNullable();
    t.index(['product_id']);
  });

  await knex.schema.createTable('agents', (t) => {
    t.string('id').primary();
    t.string('code').notNullable().unique();
    t.string('name').notNullable();
    t.string('name_initials').notNullable().defaultTo('');
    t.string('wechat_id').notNullable().defaultTo('');
    t.string('phone').notNullable().defaultTo('');
    t.string('phone_tail').notNullable().defaultTo(''); // last 4 digits, indexed for "尾号" search
    t.string('province').notNullable().defaultTo('');
    t.string('city').notNullable().defaultTo('');
    t.string('district').notNullable().defaultTo('');
    t.string('level_id').notNullable().references('agent_levels.id');
    t.string('status').notNullable().defaultTo('lead');
    t.string('source_channel').notNullable().defaultTo('');
    t.string('referrer_id').nullable().references('agents.id');
    t.string('cs_user_id').nullable();
    t.boolean('verified').notNullable().defaultTo(false);
    t.text('tags').notNullable().defaultTo('[]');
    t.text('notes').notNullable().defaultTo('');
    t.bigInteger('joined_at').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['name'], 'agents_name');
    t.index(['name_initials'], 'agents_initials');
    t.index(['wechat_id'], 'agents_wechat');
    t.index(['phone_tail'], 'agents_phone_tail');
    t.index(['phone'], 'agents_phone');
    t.index(['joined_at'], 'agents_joined');
    t.index(['status', 'code'], 'agents_status');
    t.index(['level_id', 'code'], 'agents_level');
  });

  await knex.schema.createTable('orders', (t) => {
    t.string('id').primary();
    t.string('order_no').notNullable().unique();
    t.string('agent_id').notNullable().references('agents.id');
    t.string('kind').notNullable(); // dropship | stock
    t.string('status').notNullable(); // pending | shipped | delivered | completed | cancelled
    t.bigInteger('goods_amount_fen').notNullable(); // sum of its lines, kept with them
    t.integer('units').notNullable();
    t.bigInteger('shipping_fee_fen').notNullable().defaultTo(0);
    t.string('receiver_name').notNullable().defaultTo('');
    t.string('receiver_phone').notNullable().defaultTo('');
    t.string('receiver_province').notNullable().defaultTo('');
    t.string('receiver_city').notNullable().defaultTo('');
    t.string('receiver_district').notNullable().defaultTo('');
    t.string('receiver_address').notNullable().defaultTo('');
    t.string('carrier').notNullable().defaultTo('');
    t.string('tracking_no').notNullable().defaultTo('');
    t.string('source').notNullable().defaultTo('manual');
    t.bigInteger('placed_at').notNullable();
    t.integer('placed_day').notNullable();
    t.bigInteger('shipped_at').nullable();
    t.bigInteger('delivered_at').nullable();
    t.bigInteger('completed_at').nullable();
    t.bigInteger('cancelled_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['placed_at'], 'orders_placed_at');
    t.index(['agent_id', 'placed_at'], 'orders_agent_placed');
    t.index(['status', 'placed_at'], 'orders_status_placed');
    t.index(['kind', 'placed_at'], 'orders_kind_placed');
  });

  await knex.schema.createTable('order_lines', (t) => {
    t.string('id').primary();
    t.string('order_id').notNullable().references('orders.id').onDelete('CASCADE');
    t.string('product_id').notNullable().references('products.id');
    t.integer('quantity').notNullable();
    t.bigInteger('unit_price_fen').notNullable();
    t.index(['order_id'], 'order_lines_order');
    t.index(['product_id'], 'order_lines_product');
  });

  await knex.schema.createTable('after_sales', (t) => {
    t.string('id').primary();
    t.string('order_id').notNullable().references('orders.id');
    t.string('agent_id').notNullable().references('agents.id');
    t.string('reason').notNullable().defaultTo('');
    t.bigInteger('refund_fen').notNullable().defaultTo(0);
    t.integer('returned_units').notNullable().defaultTo(0); // sum of its lines
    t.boolean('restock').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.integer('created_day').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['created_at'], 'after_sales_created');
    t.index(['agent_id', 'created_at'], 'after_sales_agent');
    t.index(['order_id'], 'after_sales_order');
  });

  await knex.schema.createTable('after_sales_lines', (t) => {
    t.string('id').primary();
    t.string('case_id').notNullable().references('after_sales.id').onDelete('CASCADE');
    t.string('order_line_id').notNullable().references('order_lines.id');
    t.integer('quantity').notNullable();
    t.index(['case_id']);
    t.index(['order_line_id']);
  });

  await knex.schema.createTable('sellthrough_reports', (t) => {
    t.string('id').primary();
    t.string('agent_id').notNullable().references('agents.id');
    t.string('product_id').notNullable().references('products.id');
    t.integer('day').notNullable();
    t.integer('units').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.bigInteger('created_at').notNullable();
    t.index(['agent_id', 'day'], 'sellthrough_agent_day');
    t.index(['day'], 'sellthrough_day');
  });

  await knex.schema.createTable('stock_movements', (t) => {
    t.string('id').primary();
    t.string('product_id').notNullable().references('products.id').onDelete('CASCADE');
    t.integer('delta').notNullable();
    t.string('cause').notNullable(); // initial | purchase | order | return | adjust | cancel
    t.string('ref_id').nullable();
    t.bigInteger('created_at').notNullable();
    t.index(['product_id', 'created_at'], 'stock_movements_product');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of [
    'stock_movements',
    'sellthrough_reports',
    'after_sales_lines',
    'after_sales',
    'order_lines',
    'orders',
    'agents',
    'product_documents',
    'product_prices',
    'products',
    'agent_levels',
    'settings',
  ])
    await knex.schema.dropTableIfExists(t);
}
