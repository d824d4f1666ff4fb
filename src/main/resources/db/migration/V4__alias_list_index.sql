-- ListAliases reads a scope's aliases in creation order and then by name. On PostgreSQL this index
-- returns them in that order without a sort. H2 2.4 prefers the foreign key index on
-- (account_id, region_id) and sorts the scope's rows, which the alias quota keeps few.
CREATE INDEX ix_kms_alias_scope_created ON kms_alias (account_id, region_id, created_at, alias_name);
