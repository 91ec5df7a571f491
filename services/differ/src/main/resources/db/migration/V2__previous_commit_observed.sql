-- The CommitObserved of the revision before the current one: which fields Lockstep declared before, so that a field
-- removed from the repository is drift, also for a redelivered commit and after a restart.
ALTER TABLE app_state ADD COLUMN previous_commit_observed TEXT;
