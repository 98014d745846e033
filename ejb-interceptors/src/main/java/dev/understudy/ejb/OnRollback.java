package dev.understudy.ejb;

/** What a {@link Replicated} bean's fields do when the JTA transaction of a call rolls back. */
public enum OnRollback {
    /**
     * The default. The bean's replicated fields go back to their last replicated values, so the live bean agrees
     * with its replica and with the transaction's outcome: the user sees the same state whether or not a failover
     * happens next. (Container-injected, transient and {@link NotReplicated} fields are left alone.)
     */
    RESTORE,
    /**
     * Plain EJB semantics: the fields keep the values the rolled-back call gave them; only the replica is spared,
     * and it receives those values with the next committed call. Until then a failover serves the state before the
     * transaction.
     */
    KEEP
}
