package repo

import "quill.dev/academy/pkg/platform/db"

func init() {
	db.Register(db.Migration{Version: 600, Owner: "billing", SQL: `
CREATE TABLE billing_plans (
	id TEXT PRIMARY KEY, name TEXT NOT NULL, tier TEXT NOT NULL, interval TEXT NOT NULL,
	price_cents BIGINT NOT NULL, currency TEXT NOT NULL, stripe_price_id TEXT NOT NULL, active BOOLEAN NOT NULL DEFAULT true
);
CREATE TABLE billing_subscriptions (
	id TEXT PRIMARY KEY, user_id TEXT NOT NULL, plan_id TEXT NOT NULL REFERENCES billing_plans(id),
	tier TEXT NOT NULL, status TEXT NOT NULL, current_period_end TIMESTAMPTZ NOT NULL,
	cancel_at_period_end BOOLEAN NOT NULL DEFAULT false, stripe_sub_id TEXT NOT NULL DEFAULT '',
	past_due_since TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX billing_subscriptions_user ON billing_subscriptions (user_id, status);
CREATE TABLE billing_invoices (
	id TEXT PRIMARY KEY, user_id TEXT NOT NULL, subscription_id TEXT, course_id TEXT,
	amount_cents BIGINT NOT NULL, discount_cents BIGINT NOT NULL DEFAULT 0, currency TEXT NOT NULL,
	coupon_code TEXT, status TEXT NOT NULL, stripe_ref TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL, paid_at TIMESTAMPTZ
);`})
}
