package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.ReplicationAdmin;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log level of the dev.understudy loggers: parsed strictly, set on the parent and on children with a level. */
class LogLevelsTest {
    private final Logger root = Logger.getLogger(LogLevels.ROOT);
    private final Logger child = Logger.getLogger("dev.understudy.test.child");
    private final Logger pinned = Logger.getLogger("dev.understudy.test.pinned");
    private Level rootBefore;

    @BeforeEach
    void remember() {
        rootBefore = root.getLevel();
        pinned.setLevel(Level.SEVERE);
    }

    @AfterEach
    void restore() {
        root.setLevel(rootBefore);
        pinned.setLevel(null);
    }

    @Test
    void everyStandardNameParsesInAnyCase() {
        for (String name : ReplicationAdmin.LOG_LEVELS) {
            assertThat(LogLevels.parse(name.toLowerCase()).getName()).isEqualTo(name);
        }
        assertThat(LogLevels.parse(" fine ")).isEqualTo(Level.FINE);
    }

    @Test
    void anythingElseIsRefusedNamingTheAllowedLevels() {
        for (String bad : new String[] {"LOUD", "500", "", "   ", null}) {
            assertThatThrownBy(() -> LogLevels.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("logLevel must be one of [OFF, SEVERE, WARNING, INFO, CONFIG, FINE, FINER,"
                            + " FINEST, ALL]")
                    .hasMessageContaining("it stays");
        }
    }

    @Test
    void settingALevelReachesInheritingAndPinnedChildren() {
        LogLevels.set(Level.FINE);

        assertThat(LogLevels.current()).isEqualTo("FINE");
        assertThat(root.getLevel()).isEqualTo(Level.FINE);
        assertThat(child.isLoggable(Level.FINE)).isTrue();
        assertThat(pinned.getLevel()).isEqualTo(Level.FINE);

        LogLevels.set(Level.WARNING);

        assertThat(child.isLoggable(Level.INFO)).isFalse();
        assertThat(pinned.isLoggable(Level.WARNING)).isTrue();
        assertThat(LogLevels.current()).isEqualTo("WARNING");
    }
}
