package dev.understudy.ejb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a field of a {@link Replicated} bean out of its replicated state (like {@code transient}, but the field
 * still takes part in the container's own passivation). After a failover the field has the value the new
 * instance's construction gave it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NotReplicated {
}
