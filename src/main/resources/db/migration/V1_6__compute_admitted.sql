-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 14+.
-- How many replicas of each workload the project's quota admitted (placed or pending). Without it a restart could
-- not tell running replicas from a scale-up still waiting for quota, and re-queued the whole workload. Null in rows
-- written before this column: Scheduler.restore then keeps the bound replicas and admits the rest only if it fits.
alter table compute_workload add column admitted integer;
-- The compute deployment an ML serving endpoint runs on (optional, a workload name in the endpoint's project): its
-- in-flight requests feed that deployment's autoscaler and its requests are routed over that deployment's replicas.
alter table serving_endpoint add column workload varchar(63);
