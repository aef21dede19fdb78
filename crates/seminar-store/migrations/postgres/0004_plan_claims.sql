-- Who posts a plan's due occurrences: every process may run the scheduler, and a process posts a
-- plan only while it holds the plan's claim. A claim is a lease the holder renews while it lives;
-- once it has expired (the holder died), any process may take it.
CREATE TABLE plan_claims (
    plan BIGINT PRIMARY KEY REFERENCES plans (id),
    -- which process holds it: host, process id and start time
    holder TEXT NOT NULL,
    -- unix milliseconds after which the claim is free
    expires_at BIGINT NOT NULL
);
