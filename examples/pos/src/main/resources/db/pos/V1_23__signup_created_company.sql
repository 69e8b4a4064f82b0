-- A signup whose company was created but whose owner could not join it (the login is on the home cluster, the
-- company on its own, written in transactions of their own) gives its link back; this column remembers the company
-- that attempt created, so that the retry finishes that company instead of creating a second, empty one.
alter table pos_signup_request add column created_company uuid;
