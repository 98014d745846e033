package dev.understudy.ejb;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What of a bean class is replicated: its non-static, non-transient fields, except those the container
 * injects (re-injected on the new node) and those marked {@link NotReplicated}. Built once per class.
 *
 * <ul>
 * <li><b>Container fields</b> are recognized by their annotation ({@code @Inject}, {@code @EJB},
 *     {@code @Resource}, {@code @PersistenceContext}, {@code @PersistenceUnit}, {@code @WebServiceRef},
 *     {@code @Context}, {@code @ConfigProperty}) or by their type ({@code EntityManager}, {@code EJBContext},
 *     {@code UserTransaction}, {@code DataSource}, {@code BeanManager}, {@code Instance}, {@code Event}, ...).
 *     A field holding a container proxy that neither reveals (constructor injection) is skipped at capture
 *     ({@link #isContainerProxy}).</li>
 * <li><b>Entry names</b> are field names; a field hidden by a subclass field of the same name is named
 *     {@code <DeclaringSimpleName>.<field>}.</li>
 * <li><b>The bean class</b> is the first class up the hierarchy that is not a container-generated subclass
 *     (Weld's {@code $$_WeldSubclass}, proxies).</li>
 * </ul>
 */
final class BeanModel {
    private static final Set<String> CONTAINER_ANNOTATIONS = Set.of("jakarta.inject.Inject", "jakarta.ejb.EJB",
            "jakarta.annotation.Resource", "jakarta.persistence.PersistenceContext",
            "jakarta.persistence.PersistenceUnit", "jakarta.xml.ws.WebServiceRef", "jakarta.ws.rs.core.Context",
            "org.eclipse.microprofile.config.inject.ConfigProperty", "jakarta.persistence.PersistenceContexts");
    private static final Set<String> CONTAINER_TYPES = Set.of("jakarta.ejb.EJBContext",
            "jakarta.persistence.EntityManager", "jakarta.persistence.EntityManagerFactory",
            "jakarta.transaction.UserTransaction", "jakarta.transaction.TransactionSynchronizationRegistry",
            "jakarta.transaction.TransactionManager", "javax.sql.DataSource",
            "jakarta.enterprise.inject.spi.BeanManager", "jakarta.enterprise.inject.Instance",
            "jakarta.enterprise.event.Event", "jakarta.enterprise.inject.spi.InjectionPoint",
            "jakarta.jms.ConnectionFactory", "jakarta.jms.JMSContext", "jakarta.ejb.TimerService",
            "jakarta.enterprise.concurrent.ManagedExecutorService",
            "jakarta.enterprise.concurrent.ManagedScheduledExecutorService",
            "jakarta.enterprise.concurrent.ContextService", "dev.understudy.api.ReplicationConnectionFactory",
            "jakarta.servlet.http.HttpServletRequest", "jakarta.servlet.http.HttpSession",
            "jakarta.servlet.ServletContext", "java.security.Principal");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._$-]{1,200}");
    private static final ClassValue<BeanModel> MODELS = new ClassValue<>() {
        @Override
        protected BeanModel computeValue(Class<?> type) {
            return new BeanModel(type);
        }
    };

    /** A replicated field and its entry name. */
    record BeanField(String entry, Field field) {
    }

    final Class<?> beanClass;
    /** The name in the replicated state ({@link Replicated#value()}, else the class name). */
    final String name;
    /** What the fields do when a call's transaction rolls back. */
    final OnRollback onRollback;
    /** Kept in the request's HTTP session ({@code @SessionScoped}) rather than in a session of its own. */
    final boolean sessionScoped;
    final List<BeanField> fields;
    /** Fields left to the container (injected), for the log. */
    final List<String> containerFields;
    /** The bean's idle timeout in seconds ({@code @StatefulTimeout}), {@code -1}: none declared. */
    final int timeoutSeconds;
    private final Map<String, Boolean> removeMethods = new ConcurrentHashMap<>();

    static BeanModel of(Class<?> targetClass) {
        return MODELS.get(targetClass);
    }

    private BeanModel(Class<?> targetClass) {
        this.beanClass = userClass(targetClass);
        Replicated named = beanClass.getAnnotation(Replicated.class);
        this.name = named != null && !named.value().isBlank() ? named.value().trim() : beanClass.getName();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("@Replicated(\"" + name + "\") on " + beanClass.getName()
                    + ": a bean name may hold letters, digits and . _ $ - only (at most 200)");
        }
        this.onRollback = named == null ? OnRollback.RESTORE : named.onRollback();
        this.sessionScoped = hasAnnotation(beanClass, "jakarta.enterprise.context.SessionScoped");
        List<BeanField> replicated = new ArrayList<>();
        List<String> container = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()
                        || f.isAnnotationPresent(NotReplicated.class)) {
                    continue;
                }
                if (isContainerField(f)) {
                    container.add(f.getName());
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (InaccessibleObjectException | SecurityException e) {
                    throw new IllegalStateException("Bean " + beanClass.getName() + " field " + f.getName()
                            + " cannot be made accessible for replication: " + e.getMessage(), e);
                }
                String entry = taken.add(f.getName()) ? f.getName() : c.getSimpleName() + "." + f.getName();
                replicated.add(new BeanField(entry, f));
            }
        }
        this.fields = Collections.unmodifiableList(replicated);
        this.containerFields = Collections.unmodifiableList(container);
        this.timeoutSeconds = statefulTimeoutSeconds(beanClass);
    }

    /** Whether invoking {@code method} removes the bean ({@code @Remove} on the bean class's method). */
    boolean isRemove(Method method) {
        if (method == null) {
            return false;
        }
        String key = method.getName() + java.util.Arrays.toString(method.getParameterTypes());
        return removeMethods.computeIfAbsent(key, k -> {
            for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                    return hasAnnotation(declared, "jakarta.ejb.Remove");
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            return hasAnnotation(method, "jakarta.ejb.Remove");
        });
    }

    /** Whether {@code method} (a {@code @Remove} method) keeps the bean when it throws an application exception. */
    boolean retainsIfException(Method method) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                jakarta.ejb.Remove remove = declared.getAnnotation(jakarta.ejb.Remove.class);
                return remove != null && remove.retainIfException();
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
    }

    /** Values the container put there without an annotation we can see: Weld client proxies, EJB references. */
    static boolean isContainerProxy(Object value) {
        if (value == null) {
            return false;
        }
        String name = value.getClass().getName();
        if (name.contains("$Proxy$_$$_Weld") || name.contains("__EJB31_Generated__")) {
            return true;
        }
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            todo.addAll(List.of(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> i = todo.pop();
            String n = i.getName();
            if (n.startsWith("org.jboss.weld.") || n.equals("jakarta.ejb.EJBLocalObject")
                    || n.equals("jakarta.ejb.EJBObject")) {
                return true;
            }
            todo.addAll(List.of(i.getInterfaces()));
        }
        return false;
    }

    private static Class<?> userClass(Class<?> type) {
        Class<?> c = type;
        while (c.getSuperclass() != null && c.getSuperclass() != Object.class
                && (c.isSynthetic() || c.getName().contains("$$") || c.getName().contains("$Proxy$"))) {
            c = c.getSuperclass();
        }
        return c;
    }

    private static boolean isContainerField(Field f) {
        for (Annotation a : f.getAnnotations()) {
            if (CONTAINER_ANNOTATIONS.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return isContainerType(f.getType());
    }

    private static boolean isContainerType(Class<?> type) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.push(type);
        while (!todo.isEmpty()) {
            Class<?> t = todo.pop();
            if (CONTAINER_TYPES.contains(t.getName())) {
                return true;
            }
            if (t.getSuperclass() != null) {
                todo.push(t.getSuperclass());
            }
            for (Class<?> i : t.getInterfaces()) {
                todo.push(i);
            }
        }
        return false;
    }

    private static boolean hasAnnotation(java.lang.reflect.AnnotatedElement e, String name) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int statefulTimeoutSeconds(Class<?> type) {
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().getName().equals("jakarta.ejb.StatefulTimeout")) {
                try {
                    long value = (long) a.annotationType().getMethod("value").invoke(a);
                    java.util.concurrent.TimeUnit unit = (java.util.concurrent.TimeUnit) a.annotationType()
                            .getMethod("unit").invoke(a);
                    return value < 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, unit.toSeconds(value)));
                } catch (ReflectiveOperationException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
