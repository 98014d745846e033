package dev.understudy.sample.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Fakes of large interfaces as dynamic proxies: only the methods a test needs answer, the others throw. */
final class Fakes {
    private Fakes() {
    }

    /** What the fake answers; throw {@link UnsupportedOperationException} for the rest. */
    @FunctionalInterface
    interface Handler {
        Object invoke(Object proxy, Method method, Object[] args) throws Throwable;
    }

    static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> type.getSimpleName() + " fake";
                };
            }
            return handler.invoke(proxy, method, args);
        };
        return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }
}
