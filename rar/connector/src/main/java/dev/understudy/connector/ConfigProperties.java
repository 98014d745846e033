package dev.understudy.connector;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link ConfigProperty}-annotated fields of a JavaBean (the resource adapter, the managed connection
 * factory): the annotations are the one place where a property's name, default and description are written.
 */
final class ConfigProperties {
    private ConfigProperties() {
    }

    /** One property as the container (and the admin console) sees it. */
    record Described(String name, Class<?> type, String defaultValue, String description, boolean confidential) {
    }

    /** Every annotated field of {@code beanClass}, in declaration order. */
    static List<Described> describe(Class<?> beanClass) {
        List<Described> all = new ArrayList<>();
        for (Field f : fields(beanClass)) {
            ConfigProperty p = f.getAnnotation(ConfigProperty.class);
            all.add(new Described(f.getName(), f.getType(), p.defaultValue(), String.join(" ", p.description()),
                    p.confidential()));
        }
        return all;
    }

    /** The current value of every annotated field of {@code bean} as text ({@code ""} for {@code null}). */
    static Map<String, String> values(Object bean) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field f : fields(bean.getClass())) {
            try {
                Object v = f.get(bean);
                values.put(f.getName(), v == null ? "" : v.toString());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read the property " + f.getName(), e);
            }
        }
        return values;
    }

    private static List<Field> fields(Class<?> beanClass) {
        List<Field> fields = new ArrayList<>();
        for (Field f : beanClass.getDeclaredFields()) {
            if (f.isAnnotationPresent(ConfigProperty.class)) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return fields;
    }
}
