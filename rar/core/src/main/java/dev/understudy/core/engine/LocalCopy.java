package dev.understudy.core.engine;

import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import java.util.Optional;

/** What one node holds of a session: its role and the copy. For tests, tools and the dashboard. */
public record LocalCopy(Role role, SessionSnapshot snapshot) {

    /** Whether the node serves the session or backs it up. */
    public enum Role { PRIMARY, BACKUP }

    static Optional<LocalCopy> of(EngineContext ctx, SessionKey key) {
        PrimaryRecord p = ctx.primaries.get(key);
        if (p != null) {
            return Optional.of(new LocalCopy(Role.PRIMARY, p.snapshot(ctx.selfId())));
        }
        BackupRecord b = ctx.backups.get(key);
        if (b != null) {
            return Optional.of(new LocalCopy(Role.BACKUP,
                    new SessionSnapshot(key, b.stamp, b.primary, ctx.selfId(), b.data)));
        }
        return Optional.empty();
    }
}
